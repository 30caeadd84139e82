import { analyzeFabric, formatQuantity } from '@fabric/simulator';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, testPath } from './fabric-test-services.js';
import { RACK_TEXT } from './rack-text.js';

/** Issue 12 item 13: hovers on part-type declarations, workload and fabric names; definition on an import path. */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

/** The mark a hover puts after a number that rests on an assumed (or unsourced) figure. */
function markOf(analysis: ReturnType<typeof analyzeFabric>, headline: keyof ReturnType<typeof analyzeFabric>['provenance']['headlines']): string {
    const d = analysis.provenance.headlines[headline];
    return d.assumptions.length > 0 ? ' (assumed)' : d.unsourced.length > 0 ? ' (unsourced)' : '';
}

const TEXT = RACK_TEXT.replace('fabric Rack {', 'link LongCopper extends NVLinkCopper { reach 3 m }\n\nfabric Rack {')
    .replace('via NVLinkCopper length 1.2 m', 'via LongCopper length 2.5 m');

async function hoverAt(marker: string, delta = 1): Promise<{ hover: string; analysis: ReturnType<typeof analyzeFabric> }> {
    const document = await buildText(services, testPath('lsp/declaration-hovers.fabric'), TEXT);
    const position = document.textDocument.positionAt(TEXT.indexOf(marker) + delta);
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.textDocument.uri }, position });
    const analysis = analyzeFabric(services.elaboration.FabricElaboration.of(document).models[0]);
    return { hover: (hover?.contents as { value: string } | undefined)?.value ?? '', analysis };
}

describe('hovers on declarations', () => {
    test('a part type: its properties as written, inherited ones marked, and one link\'s power', async () => {
        const { hover, analysis } = await hoverAt('LongCopper extends');
        expect(hover).toContain('**link LongCopper** extends NVLinkCopper');
        // LongCopper's own reach cites nothing: the table says so, and marks it
        expect(hover).toContain('| reach | 3 m (unsourced) | *no source* |  |');
        expect(hover).toMatch(/\| lanes \| 2 x 200 Gbps per-direction[^|]* \| [^|]+ \| from NVLinkCopper \|/);
        // an inherited assumption is marked and keeps its reasoning
        expect(hover).toContain("| repair | 30 min (assumed) | **assumption** · a cable cartridge reseat or swap | from NVLinkCopper |");
        const link = analysis.links[0];
        expect(hover).toContain(`one link at full load: ${formatQuantity(link.power.dynamicWatts + link.power.fixedWatts, 'power')}`);
        expect(hover).toMatch(/\d+ figures: .*\*\*assumed\*\*/);
    });

    test('a workload: each phase with its time, and the time of one pass', async () => {
        const { hover, analysis } = await hoverAt('workload train', 'workload '.length + 1);
        const grads = analysis.phases[0];
        expect(hover).toContain(`**workload train** · 1 phase · ${formatQuantity(grads.timeSeconds!, 'time')}${markOf(analysis, 'phases.timeSeconds')} for one pass`);
        expect(hover).toContain(`| grads | all-reduce | ${formatQuantity(grads.timeSeconds!, 'time')}`);
    });

    test('a fabric: its totals', async () => {
        const { hover, analysis } = await hoverAt('fabric Rack', 'fabric '.length + 1);
        expect(hover).toContain('**fabric Rack**');
        expect(hover).toContain(`| **power (all)** | **${formatQuantity(analysis.totals.powerWatts, 'power')}**${markOf(analysis, 'totals.powerWatts')} |`);
        // the note names the assumed figures the totals rest on, with their reasoning
        expect(hover).toMatch(/NVLinkSwitch\.power 200 W \(assumption: no NVIDIA figure/);
        const c = analysis.provenance.counts;
        expect(hover).toContain(`figures of the parts in use: ${c.vendor} vendor, ${c.secondary} secondary, ${c.derivation} derived, ${c.assumption} assumed, ${c.unsourced} without a source`);
        expect(hover).toContain(`| links | ${analysis.totals.links.toLocaleString('en-US')} |`);
    });
});

test('go to definition on an import path opens the imported file', async () => {
    const document = await buildText(services, testPath('lsp/declaration-hovers.fabric'), TEXT);
    const links = await services.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: document.textDocument.uri }, position: { line: 0, character: 12 } });
    expect(links?.map(l => l.targetUri.slice(l.targetUri.lastIndexOf('/') + 1))).toEqual(['nvidia.fabric']);
});
