import { formatQuantity, type Analysis } from '@fabric/simulator';
import { parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricFile, FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';
import { RACK_TEXT } from './rack-text.js';

const TEXT = RACK_TEXT;

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

async function analysed(): Promise<{ document: Awaited<ReturnType<ReturnType<typeof parseHelper<FabricFile>>>>; analysis: Analysis }> {
    const document = await parseHelper<FabricFile>(services)(TEXT);
    const model = services.elaboration.FabricElaboration.of(document).models[0];
    return { document, analysis: services.analysis.FabricAnalyses.full(model) };
}

describe('inlay hints', () => {
    test('watts and latency after the connection, time after the phase', async () => {
        const { document, analysis } = await analysed();
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.textDocument.uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }
        }) ?? [];
        const link = analysis.links[0];
        const total = analysis.links.reduce((s, l) => s + l.power.totalWatts, 0);
        expect(hints.map(h => `${h.position.line + 1}: ${String(h.label).trim()}`)).toEqual([
            `6: ${analysis.links.length} × ${formatQuantity(link.power.totalWatts, 'power')} = ${formatQuantity(total, 'power')} · ${formatQuantity(link.latency.totalSeconds, 'time')}`,
            `9: ${formatQuantity(analysis.phases[0].timeSeconds!, 'time')}`
        ]);
    });

    test('no hints before an analysis exists: asking never starts a simulation', async () => {
        const document = await parseHelper<FabricFile>(services)(TEXT.replace('1.2 m', '1.3 m'));
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.textDocument.uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }
        });
        expect(hints).toEqual([]);
    });
});

describe('code lenses', () => {
    test('headline numbers on the phase and the failure domain', async () => {
        const { document, analysis } = await analysed();
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.textDocument.uri } }) ?? [];
        const phase = analysis.phases[0];
        const worst = analysis.failureDomains[0];
        expect(lenses.map(l => `${l.range.start.line + 1}: ${l.command?.title}`)).toEqual([
            `7: switch_tray: worst of 2: ${worst.name} · blast radius ${worst.blastRadius} · grads ×2 · 4.80e-5 failures/day · repair ${formatQuantity(worst.repairSeconds, 'time')}`,
            `9: grads: ${formatQuantity(phase.timeSeconds!, 'time')} · algbw ${formatQuantity(phase.algbwBytesPerSecond!, 'byteRate')} · busbw ${formatQuantity(phase.busbwBytesPerSecond!, 'byteRate')} · ${phase.algorithm} · ${formatQuantity(phase.energyJoules!, 'energy')}`
        ]);
    });
});
