/**
 * Bench rows for the `fabric` command as scripts use it: a whole process, start-up included, from
 * the launcher (bin/fabric.js → the bundled dist/fabric.mjs). Target: `fabric check` on the NVL72
 * example under 0.5 s wall. The note gives the child's CPU time when GNU time is installed, which is
 * steadier than wall time on a loaded machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '@fabric/simulator';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/fabric.js');
const GNU_TIME = '/usr/bin/time';

function fabricProcess(args: readonly string[]): { note?: string } {
    const timed = existsSync(GNU_TIME);
    const dir = timed ? mkdtempSync(join(tmpdir(), 'fabric-bench-')) : '';
    const command = timed ? [GNU_TIME, '-f', '%U %S', '-o', join(dir, 'cpu'), process.execPath, bin, ...args] : [process.execPath, bin, ...args];
    const result = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`fabric ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (!timed) return {};
    const [user, system] = readFileSync(join(dir, 'cpu'), 'utf8').trim().split(/\s+/).map(Number);
    rmSync(dir, { recursive: true, force: true });
    return { note: `child CPU ${((user + system) * 1000).toFixed(0)} ms` };
}

export const benchCases: BenchCase[] = [
    {
        name: 'cli: fabric --version (process start-up)',
        runs: 7,
        prepare: () => fabricProcess(['--version']),
        run: () => fabricProcess(['--version'])
    },
    {
        name: 'cli: fabric check examples/nvl72-copper.fabric (process)',
        runs: 7,
        target: 500, // issue 11: start-up fast enough for scripts
        // the first run fills Node's compile cache, as any earlier run on the machine would
        prepare: () => fabricProcess(['check', 'examples/nvl72-copper.fabric']),
        run: () => fabricProcess(['check', 'examples/nvl72-copper.fabric'])
    }
];
