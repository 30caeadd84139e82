import assert from 'node:assert/strict';
import { formatQuantity } from '@fabric/simulator';
import { waitFor, type EditorDriver } from './editor-driver.js';
import type { Expectations } from './expectations.js';

/**
 * The end-to-end scenarios, each asserting on what a person sees. They run in order on one
 * editor session against a copy of the examples folder, in code-server and in desktop VS Code.
 */
export interface Scenario {
    readonly name: string;
    run(driver: EditorDriver, expected: Expectations): Promise<void>;
}

const EXAMPLE = 'nvl72-copper.fabric';
const power = (watts: number) => formatQuantity(watts, 'power');

/** The file is analysed once the status bar shows its summary. */
const analysed = (driver: EditorDriver) => waitFor('the Fabric status-bar item', () => driver.fabricStatusBar(), text => text !== undefined && /kW/.test(text), 90_000);

export const SCENARIOS: readonly Scenario[] = [
    {
        name: 'opening the NVL72 example: language mode Fabric, syntax colouring, no error squiggles',
        async run(driver) {
            await driver.open(EXAMPLE);
            await waitFor('language mode Fabric', () => driver.languageMode(), mode => mode === 'Fabric');
            await waitFor('syntax colouring', () => driver.syntaxColoured(), coloured => coloured);
            await analysed(driver);
            assert.deepEqual(await driver.errorSquiggles(), []);
            await driver.screenshot('01-opened');
        }
    },
    {
        name: "the status bar shows the rack's power against its 132 kW budget",
        async run(driver, expected) {
            const text = await analysed(driver);
            assert.equal(expected.rack.budgetWatts, 132_000);
            assert.ok(text!.includes(`${expected.rack.path} ${power(expected.rack.powerWatts)} / ${power(expected.rack.budgetWatts)}`), `status bar: ${text}`);
            await driver.screenshot('02-status-bar');
        }
    },
    {
        name: 'hovering a connect line shows its watts and latency stack, the numbers of fabric simulate --json',
        async run(driver, expected) {
            const hover = await waitFor('a hover with the link table', () => driver.hover('connect R.compute', 'connect'), text => /latency per traversal/.test(text));
            const { links, powerWatts, bandwidthBytesPerSecond } = expected.link;
            assert.match(hover, new RegExp(`${links.toLocaleString('en-US')} links`));
            for (const number of [power(powerWatts / links), power(powerWatts), formatQuantity(bandwidthBytesPerSecond, 'byteRate'), formatQuantity(bandwidthBytesPerSecond / links, 'byteRate')]) {
                assert.ok(hover.includes(number), `the hover shows ${number}:\n${hover}`);
            }
            for (const row of ['latency: SerDes, DSP, FEC', 'latency: propagation over 1.2 m', 'latency per traversal']) assert.ok(hover.includes(row), `the hover has the row "${row}":\n${hover}`);
            await driver.screenshot('03-hover');
        }
    },
    {
        name: 'completion after "via " offers the link types in scope',
        async run(driver, expected) {
            const offered = await driver.completionsAfter('all-to-all via ');
            const partTypes = offered.filter(label => expected.partTypeNames.includes(label)).sort();
            assert.deepEqual(partTypes, expected.linkTypesInScope, `offered: ${offered.join(', ')}`);
        }
    },
    {
        name: 'Format Document leaves a formatted file unchanged',
        async run(driver) {
            const before = await driver.documentState();
            assert.equal(before.dirty, false);
            await driver.formatDocument();
            const after = await driver.documentState();
            assert.equal(after.text, before.text);
            assert.equal(after.dirty, false);
            await driver.screenshot('05-formatted');
        }
    },
    {
        name: 'a cable beyond its reach: an error squiggle on the length, one problem with its code; the quick fix removes it',
        async run(driver) {
            await driver.replace('import "catalog/nvidia"', 'import "catalog/nvidia"\nimport "catalog/optics"');
            await driver.replace('length 1.2 m', 'length 3 m');
            await waitFor('an error squiggle on the length', () => driver.errorSquiggles(), s => s.length === 1 && s[0] === '3 m');
            const problems = await waitFor('one problem', () => driver.problems(), rows => rows.length === 1);
            assert.match(problems[0], /reach\/exceeded/);
            assert.match(problems[0], /beyond the reach of NVLinkCopper/);
            await driver.screenshot('06-reach-exceeded');
            const fix = await driver.applyQuickFix('3 m');
            assert.match(fix, /^Use \w+/); // a link type that reaches (the title is the server's wording)
            await waitFor('no error squiggles', () => driver.errorSquiggles(), s => s.length === 0);
            await waitFor('no problems', () => driver.problems(), rows => rows.length === 0);
            await driver.screenshot('07-quick-fixed');
        }
    },
    {
        name: 'Open Diagram to the Side: the diagram webview beside the editor, ready, no CSP violation',
        async run(driver) {
            await driver.runFabricCommand('Open Diagram to the Side');
            const panel = await waitFor('the diagram webview to report ready', () => driver.diagramPanel(), p => p.ready, 60_000);
            assert.equal(panel.beside, true);
            assert.deepEqual(panel.cspViolations, []);
            await driver.screenshot('08-diagram');
        }
    }
];
