import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXAMPLES_DIR, examplePath, LspClient, temporaryFolder } from './server-helpers.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const nested = (levels: number, closed: boolean) => 'fabric F {\n' + '    group g {\n'.repeat(levels) + (closed ? '    }\n'.repeat(levels) : '') + '}\n';

describe('deep input never takes the server down, nor poisons other files (issue 12, items 2 and 15)', () => {
    test('240 nested groups and an unclosed file with 128 openings: diagnostics; then the NVL72 example analyses as usual', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR });
        const c = client;
        const folder = temporaryFolder();
        for (const [name, text] of [['deep.fabric', nested(240, true)], ['unclosed.fabric', nested(128, false)]] as const) {
            const path = join(folder, name);
            writeFileSync(path, text);
            const uri = await c.open(path);
            const published = await c.nextDiagnostics(uri, () => true, true);
            expect(published.diagnostics.map(d => d.code ?? (d.data as { code?: string }).code)).toContain('syntax/nesting-too-deep');
        }
        expect(c.alive).toBe(true);
        const nvl72 = await c.open(examplePath('nvl72-copper'));
        const hints = await c.until(() => c.inlayHints(nvl72), h => h.length > 0);
        expect(hints.length).toBeGreaterThan(0);
        expect(c.latest(nvl72)!.diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });
});
