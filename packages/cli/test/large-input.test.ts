import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Issue 12 item 15: a sweep over 200,000 lasers is a table, not a stack overflow. */
test('simulate --single-failures laser with 200,000 laser sources', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fabric-large-')), 'lasers.fabric');
    writeFileSync(path, 'import "catalog/nvidia"\nimport "catalog/optics"\nfabric F {\n    tray t {\n        switch sw[0..1] : NVLinkSwitch\n        laser els[0..199999] : ELSFP\n    }\n    connect t.sw[0] to t.sw[1] via CPO1600 length 1 m laser t.els[0]\n}\n');
    const result = spawnSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), 'simulate', path, '--single-failures', 'laser'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^t\.els\[0\] \(one laser\)/m);
    expect(result.stdout).toContain('… 199970 more (worst first; --json lists all)');
});
