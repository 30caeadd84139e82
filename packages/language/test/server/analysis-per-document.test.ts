import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { EXAMPLES_DIR, examplePath, hoverText, LspClient, positionAfter } from './server-helpers.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const POD = readFileSync(examplePath('pod576-cpo'), 'utf8');
const VCSEL = readFileSync(examplePath('vcsel-slow-wide'), 'utf8');

describe('every open document keeps its analysis until its own text or an import changes (issue 12, item 1)', () => {
    test('opening and then editing a second file leaves the first one\'s inlay hints, code lenses and hovers', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR });
        const c = client;
        const pod = await c.open(examplePath('pod576-cpo'));
        // Both stages: phases first, then the failure sweep (its domains get lenses too).
        const podLenses = await c.until(() => c.codeLenses(pod), lenses => lenses.some(l => l.command?.title.startsWith('switch_tray')));
        const podHints = await c.inlayHints(pod);
        expect(podHints.length).toBeGreaterThan(0);

        const vcsel = await c.open(examplePath('vcsel-slow-wide'));
        await c.until(() => c.inlayHints(vcsel), hints => hints.length > 0);
        expect(await c.inlayHints(pod)).toEqual(podHints);
        expect(await c.codeLenses(pod)).toEqual(podLenses);

        const edited = VCSEL.replace('budget power 100 kW', 'budget power 90 kW');
        expect(edited).not.toBe(VCSEL);
        await c.change(vcsel, edited);
        await c.nextDiagnostics(vcsel);
        await c.until(() => c.inlayHints(vcsel), hints => hints.length > 0);
        expect(await c.inlayHints(pod)).toEqual(podHints);
        expect(await c.codeLenses(pod)).toEqual(podLenses);
        const hover = hoverText(await c.hover(pod, positionAfter(POD, 'phase gra')));
        expect(hover).not.toContain('analysis running');
        expect(hover).toContain('all-reduce');
    });
});
