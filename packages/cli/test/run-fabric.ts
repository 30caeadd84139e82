// Runs the real `fabric` command as a user would: a subprocess from the repository root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const bin = join(root, 'packages/cli/bin/fabric.js');
export const fixture = (name: string) => `packages/cli/test/fixtures/${name}`;

export interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

export function fabric(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
    const result = spawnSync(process.execPath, [bin, ...args], {
        cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', ...env }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function fabricJson(args: readonly string[]): any {
    const run = fabric(args);
    if (run.code !== 0) throw new Error(`fabric ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `fabric` in a pseudo-terminal (util-linux `script`): stdout and stderr are a TTY, merged. */
export function fabricInTerminal(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
    const command = [process.execPath, bin, ...args].map(quote).join(' ');
    const result = spawnSync('script', ['-qfec', command, '/dev/null'], {
        cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', TERM: 'xterm', ...env }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempFile(name: string, text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'fabric-cli-'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
}
