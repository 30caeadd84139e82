import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fabric = (...args: string[]) => spawnSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Issue 12 item 14: one finding has one code, whichever door it leaves by. */
describe('fabric check, simulate and simulate --json name a finding with the same code', () => {
    const hot = join(mkdtempSync(join(tmpdir(), 'fabric-codes-')), 'hot.fabric');
    writeFileSync(hot, 'import "catalog/nvidia"\nfabric Hot {\n    rack R {\n        budget power 10 kW\n        tray compute[0..3] { accelerator gpu[0..3] : B200 }\n        tray nvswitch { switch sw[0..1] : NVLinkSwitch }\n        connect compute[*].gpu[*] to nvswitch.sw[*] all-to-all via NVLinkCopper length 1 m\n    }\n}\n');

    for (const [file, code, at] of [[hot, 'power/budget-exceeded', ':3:10 warning'], ['examples/pod576-cpo.fabric', 'workload/latency-asymmetry', ':48:15 info']] as const) {
        test(code, () => {
            const check = fabric('check', file);
            expect(check.stdout).toContain(`${at} ${code} `);
            const text = fabric('simulate', file);
            expect(text.stdout).toMatch(new RegExp(`^  (warning|info) ${code}: `, 'm'));
            const json = JSON.parse(fabric('simulate', file, '--json').stdout) as { problems: Array<{ code: string }> };
            expect(json.problems.map(p => p.code)).toContain(code);
            const everyCode = [...check.stdout.matchAll(/ (?:error|warning|info|hint) (\S+) /g)].map(m => m[1]);
            for (const c of everyCode) expect(c).not.toMatch(/^sim\//);
        });
    }
});
