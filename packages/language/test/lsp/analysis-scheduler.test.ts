import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentState, URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { AnalysisScheduler, loadFabricDocuments, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';

/** A partitioning failure domain: found only by the simulator, so only after the analysis build. */
const TEXT = `import "catalog/nvidia"
fabric Bridge {
    tray left { accelerator gpu[0..3] : B200 }
    tray right { accelerator gpu[0..3] : B200 }
    tray middle { switch sw : NVLinkSwitch }
    connect left.gpu[*] to middle.sw all-to-all via NVLinkCopper length 1 m
    connect right.gpu[*] to middle.sw all-to-all via NVLinkCopper length 1 m
    failure domain bridge = middle
    workload w { phase p all-reduce 1 GiB over left.gpu[*], right.gpu[*] }
}
`;
const codes = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map(d => String(d.code ?? (d.data as { code?: string })?.code));

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('analysis scheduling', () => {
    test('an edit publishes cheap diagnostics first; the analysis follows in its own build and adds the simulator findings', async () => {
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-scheduler-')), 'main.fabric');
        writeFileSync(path, TEXT);
        const [document] = await loadFabricDocuments(services, [path]);
        const scheduler = new AnalysisScheduler(services.shared, undefined, 1);
        const published: string[][] = [];
        services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, d => { if (d.uri.toString() === document.uri.toString()) published.push(codes(d.diagnostics)); });
        const analysed = new Promise<void>(resolve => scheduler.onAnalysed(() => resolve()));
        writeFileSync(path, TEXT.replace('1 GiB', '2 GiB'));
        await services.shared.workspace.DocumentBuilder.update([URI.file(path)], []);
        await analysed;
        expect(published[0]).not.toContain('failure/partitions');
        expect(published.at(-1)).toContain('failure/partitions');
    });

    test('a newer edit cancels the pending analysis of the stale text', async () => {
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-scheduler-')), 'main.fabric');
        writeFileSync(path, TEXT);
        await loadFabricDocuments(services, [path]);
        const scheduler = new AnalysisScheduler(services.shared, undefined, 50);
        const analysedTexts: string[] = [];
        const analysed = new Promise<void>(resolve => scheduler.onAnalysed(documents => { analysedTexts.push(...documents.map(d => d.textDocument.getText())); resolve(); }));
        const builder = services.shared.workspace.DocumentBuilder;
        writeFileSync(path, TEXT.replace('1 GiB', '2 GiB'));
        await builder.update([URI.file(path)], []);
        writeFileSync(path, TEXT.replace('1 GiB', '3 GiB'));
        await builder.update([URI.file(path)], []);
        await analysed;
        expect(analysedTexts.filter(t => t.includes('2 GiB'))).toEqual([]);
        expect(analysedTexts.some(t => t.includes('3 GiB'))).toBe(true);
    });
});
