import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/fabric.js');

/** Runs the real `fabric` command as a user would, from the repository root. */
function fabric(...args: string[]) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'fabric-cli-'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
}

describe('fabric check', () => {
    test('the four examples check clean, with one summary line each', () => {
        const { code, stdout } = fabric('check', 'examples/nvl72-copper.fabric', 'examples/pod576-cpo.fabric', 'examples/vcsel-slow-wide.fabric', 'examples/tpu-ocs-pod.fabric');
        const summaries = stdout.trim().split('\n').filter(line => !/:\d+:\d+ (warning|info|hint) /.test(line));
        expect(summaries).toEqual([
            'examples/nvl72-copper.fabric: NVL72: 90 nodes, 1296 links (dac 1296), 27 failure domains, 2 phases',
            'examples/pod576-cpo.fabric: Pod576: 792 nodes, 20736 links (dac 10368, cpo 10368), 768 failure domains, 2 phases',
            'examples/vcsel-slow-wide.fabric: SlowAndWide: 74 nodes, 528 links (vcsel 528), 20 failure domains, 3 phases',
            'examples/tpu-ocs-pod.fabric: TPUPod: 4144 nodes, 9216 links (dac 9216), 2 OCS configurations (6144 circuits), 112 failure domains, 2 phases'
        ]);
        expect(code).toBe(0);
    });

    test('errors print as file:line:col severity code message and exit 1', () => {
        const file = tempFile('bad.fabric', 'link K { kind dac lanes 1 x 100 Gbps reach 2 GB }\n');
        const { code, stdout } = fabric('check', file);
        const lines = stdout.trim().split('\n');
        expect(lines[0]).toMatch(/bad\.fabric:1:46 error unit\/wrong-dimension 'reach' of link 'K': 'GB' is data size; expected length \(mm, cm, m, km\)$/);
        expect(lines[1]).toMatch(/bad\.fabric: 1 error; no fabric \(part types only\)$/);
        expect(code).toBe(1);
    });

    test('the simulator-backed rules run by default; --fast skips them', () => {
        const file = tempFile('over.fabric', `accelerator A { ports 1 tdp 1000 W }
switch S { radix 4 }
link L { kind dac lanes 1 x 100 Gbps reach 2 m }
fabric F {
    rack R {
        budget power 1 kW
        accelerator a[0..1] : A
        switch s : S
        connect a[*] to s all-to-all via L length 1 m
    }
}
`);
        const full = fabric('check', file);
        expect(full.stdout).toMatch(/over\.fabric:5:10 warning power\/budget-exceeded R draws 2 kW against a budget of 1 kW/);
        const fast = fabric('check', '--fast', file);
        expect(fast.stdout).not.toMatch(/budget-exceeded/);
        expect(fast.code).toBe(0);
    });

    test('a missing file and a missing argument are usage errors (exit 2), never a stack trace', () => {
        const missing = fabric('check', 'examples/no-such.fabric');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/^fabric check: cannot read .*no-such\.fabric: no such file\n$/);
        const none = fabric('check');
        expect(none.code).toBe(2);
        expect(none.stderr).toBe('fabric check: give one or more .fabric files\n');
        const unknown = fabric('frobnicate');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/^fabric: unknown command 'frobnicate'/);
    });
});
