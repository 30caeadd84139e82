import assert from 'node:assert/strict';
import { formatQuantity } from '@fabric/simulator';
import { waitFor, type DiagramView, type EditorDriver } from './editor-driver.js';
import type { Expectations } from './expectations.js';

/**
 * The end-to-end scenarios, each asserting on what a person sees. They run in order on one
 * editor session against a copy of the examples folder, in code-server and in desktop VS Code.
 */
export interface Scenario {
    readonly name: string;
    /** It looks inside the diagram's webview: only drivers that see it (`EditorDriver.seesWebview`) run it. */
    readonly inWebview?: true;
    run(driver: EditorDriver, expected: Expectations): Promise<void>;
}

const EXAMPLE = 'nvl72-copper.fabric';
/** The camera as a person sees it: equal to a thousandth of a pixel. */
const sameCamera = (a: DiagramView['camera'], b: DiagramView['camera']) =>
    a !== null && b !== null && Math.abs(a.zoom - b.zoom) < 1e-6 && Math.abs(a.tx - b.tx) < 1e-3 && Math.abs(a.ty - b.ty) < 1e-3;
/** The rows of a side-panel table as label → value. */
const rowsOf = (view: DiagramView, table: string) => new Map((view.tables[table] ?? []).map(([label, ...rest]) => [label, rest.join(' ')]));
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
            const { latency } = expected.link;
            const time = (seconds: number) => formatQuantity(seconds, 'time');
            for (const [row, seconds] of [
                ['latency: SerDes, DSP, FEC', latency.conversionSeconds],
                [`latency: propagation over ${formatQuantity(latency.lengthMeters, 'length')}`, latency.propagationSeconds],
                ['latency per traversal', latency.traversalSeconds]
            ] as const) {
                assert.match(hover, new RegExp(`${row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s|*]+${time(seconds).replace('.', '\\.')}`), `the hover's row "${row}" shows ${time(seconds)}:\n${hover}`);
            }
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
            if (driver.seesWebview) await waitFor('the diagram drawn', () => driver.diagramView(EXAMPLE), v => v.ready && v.topLevel > 0, 60_000);
            assert.deepEqual((await driver.diagramPanel()).cspViolations, []);
            await driver.screenshot('08-diagram');
        }
    },
    {
        name: 'the 576-accelerator pod: Open Diagram to the Side draws its top-level elements (racks collapsed, the spine layer)',
        inWebview: true,
        async run(driver, expected) {
            const { pod } = expected;
            await driver.open(pod.file);
            await driver.runFabricCommand('Open Diagram to the Side');
            const view = await waitFor('the pod\'s diagram drawn', () => driver.diagramView(pod.file), v => v.ready && v.topLevel > 0, 90_000);
            assert.equal(view.topLevel, pod.topLevel);
            assert.deepEqual((await driver.diagramPanel()).cspViolations, []);
            await driver.screenshot('09-pod576-diagram');
        }
    },
    {
        name: "a click on a switch in the diagram moves the editor's cursor to its declaration",
        inWebview: true,
        async run(driver, expected) {
            const { pod } = expected;
            await driver.clickInDiagram(pod.file, pod.switch.path);
            const cursor = await waitFor('the cursor on the switch\'s declaration', () => driver.cursor(), c => c.file === pod.file && c.line === pod.switch.line, 20_000);
            assert.equal(cursor.column, pod.switch.column);
            await driver.screenshot('10-pod576-click-revealed');
        }
    },
    {
        name: 'an edit in the editor updates the diagram and keeps its viewport',
        inWebview: true,
        async run(driver, expected) {
            const { pod } = expected;
            await driver.moveDiagramCamera(pod.file, { wheel: -400 });
            const before = await waitFor('the zoomed camera saved', () => driver.diagramView(pod.file), v => v.camera !== null, 10_000);
            const budget = power(45_000);
            assert.ok(![...rowsOf(before, 'budgets').values()].some(row => row.endsWith(budget)), `no ${budget} budget before the edit`);
            await driver.replace('budget power 40 kW', 'budget power 45 kW');
            const after = await waitFor('the diagram to show the new budget', () => driver.diagramView(pod.file),
                v => v.version !== before.version && [...rowsOf(v, 'budgets').values()].some(row => row.endsWith(budget)), 60_000);
            assert.ok(sameCamera(after.camera, before.camera), `the viewport moved: ${JSON.stringify(before.camera)} → ${JSON.stringify(after.camera)}`);
            await driver.screenshot('11-pod576-edited-viewport-kept');
        }
    },
    {
        name: 'Fail Selected Part on a rack shows its blast radius, the numbers of fabric failures --json',
        inWebview: true,
        async run(driver, expected) {
            const { pod } = expected;
            await driver.moveDiagramCamera(pod.file, 'fit');
            const before = await driver.diagramView(pod.file);
            assert.equal(before.failures, 0);
            await driver.clickInDiagram(pod.file, pod.failed.path);
            // The click selects the rack and reveals it; the palette is used once the editor has it.
            await waitFor('the cursor on the rack\'s declaration', () => driver.cursor(), c => c.line === pod.failed.line, 20_000);
            await driver.runFabricCommand('Fail Selected Part');
            const view = await waitFor('the failure table', () => driver.diagramView(pod.file), v => v.failures === 1 && rowsOf(v, 'failure').has('blast radius'), 30_000);
            const failure = rowsOf(view, 'failure');
            assert.equal(failure.get('failed'), pod.failed.path);
            assert.equal(failure.get('blast radius'), `${pod.failed.blastRadius} accelerators`);
            assert.equal(failure.get('accelerators cut off'), String(pod.failed.cutOff));
            assert.notDeepEqual(view.boxFills, before.boxFills, 'the failed rack and its blast radius are drawn in other colours');
            await driver.screenshot('12-pod576-rack-failed');
        }
    }
];
