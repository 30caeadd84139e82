import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { EXAMPLES_DIR, examplePath, hoverText, LspClient, positionAfter, temporaryFolder } from './server-helpers.js';
import { BRIDGE_TEXT } from '../lsp/rack-text.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const POD = readFileSync(examplePath('pod576-cpo'), 'utf8');
const codes = (ds: readonly Diagnostic[]) => ds.map(d => String(d.code));

function bridgeFile(): string {
    const path = join(temporaryFolder(), 'bridge.fabric');
    writeFileSync(path, BRIDGE_TEXT);
    return path;
}

const switchTrayLens = (c: LspClient, uri: string) => c.until(() => c.codeLenses(uri), ls => ls.some(l => l.command?.title.startsWith('switch_tray')))
    .then(ls => ls.find(l => l.command!.title.startsWith('switch_tray'))!.command!.title);

describe('server settings, read live through the configuration provider (section fabric)', () => {
    test('fabric.blastRadius.slowdownThreshold: pulled at start, and a change re-analyses the open documents', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR, settings: { blastRadius: { slowdownThreshold: 1.5 } } });
        const c = client;
        const pod = await c.open(examplePath('pod576-cpo'));
        // A switch tray slows each phase ×1.125: under a threshold of 1.5 it affects nobody.
        expect(await switchTrayLens(c, pod)).toContain('blast radius 0');
        await c.configure({ blastRadius: { slowdownThreshold: 1.1 } });
        await c.until(() => switchTrayLens(c, pod), title => title.includes('blast radius 576'));
    });

    test('fabric.analysis.runOn = save: analysed on open and on save, not while typing; back to type re-analyses', async () => {
        client = await LspClient.start({ settings: { analysis: { runOn: 'save' } } });
        const c = client;
        const uri = await c.open(bridgeFile());
        await c.nextDiagnostics(uri, p => codes(p.diagnostics).includes('failure/partitions'), true);

        await c.change(uri, BRIDGE_TEXT.replace('1 GiB', '2 GiB'));
        const typed = await c.nextDiagnostics(uri);
        expect(codes(typed.diagnostics)).not.toContain('failure/partitions');
        // The edit's cheap diagnostics are out: the scheduler has decided, and no analysis is waiting or running.
        expect((await c.stats()).analysis).toMatchObject({ pending: 0, analysing: 0 });
        expect(await c.inlayHints(uri)).toEqual([]);

        await c.save(uri);
        await c.nextDiagnostics(uri, p => codes(p.diagnostics).includes('failure/partitions'), true);

        await c.change(uri, BRIDGE_TEXT.replace('1 GiB', '3 GiB'));
        await c.nextDiagnostics(uri);
        await c.configure({ analysis: { runOn: 'type' } });
        await c.nextDiagnostics(uri, p => codes(p.diagnostics).includes('failure/partitions'), true);
    });

    test('a value of the wrong kind is ignored: the default holds', async () => {
        client = await LspClient.start({ settings: { analysis: { runOn: 'sometimes' }, blastRadius: { slowdownThreshold: 'high' } } });
        const c = client;
        const uri = await c.open(bridgeFile());
        await c.nextDiagnostics(uri, p => codes(p.diagnostics).includes('failure/partitions'), true);
        await c.change(uri, BRIDGE_TEXT.replace('1 GiB', '2 GiB'));
        await c.nextDiagnostics(uri, p => codes(p.diagnostics).includes('failure/partitions'));
    });
});

describe('analysis has a time budget (issue 12, item 15: bounded work)', () => {
    test('the failure sweep past its budget: a diagnostic names what was not computed; phases are still shown', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR, serverArgs: ['--analysis-budget=60000,1'] });
        const c = client;
        const pod = await c.open(examplePath('pod576-cpo'));
        const published = await c.nextDiagnostics(pod, p => codes(p.diagnostics).includes('analysis/budget-reached'), true);
        const budget = published.diagnostics.find(d => d.code === 'analysis/budget-reached')!;
        expect(budget.severity).toBe(2);
        expect(budget.message).toContain('the failure sweep (768 failure domains) was not computed');
        expect(budget.range.start).toEqual(positionAfter(POD, 'fabric '));
        expect(hoverText(await c.hover(pod, positionAfter(POD, 'phase gra')))).toContain('all-reduce');
        expect(hoverText(await c.hover(pod, positionAfter(POD, 'failure domain rack_po')))).toContain('not computed: the analysis stopped at its time budget');
        expect((await c.stats()).analysis).toMatchObject({ analysing: 0 });
    });

    test('totals and phases past their budget: the diagnostic says so, and the server keeps answering', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR, serverArgs: ['--analysis-budget=1,1'] });
        const c = client;
        const pod = await c.open(examplePath('pod576-cpo'));
        const published = await c.nextDiagnostics(pod, p => codes(p.diagnostics).includes('analysis/budget-reached'), true);
        expect(published.diagnostics.find(d => d.code === 'analysis/budget-reached')!.message)
            .toContain('totals, phase times and the failure sweep (768 failure domains) were not computed');
        expect(hoverText(await c.hover(pod, positionAfter(POD, 'length 1.')))).toContain('m');
    });
});
