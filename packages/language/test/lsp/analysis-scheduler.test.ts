import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentState, URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisScheduler, loadFabricDocuments, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';
import { BRIDGE_TEXT, RACK_TEXT } from './rack-text.js';

const codes = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map(d => String(d.code ?? (d.data as { code?: string })?.code));

/** Services, a scheduler publishing into a list, and an editor that opens and types into documents in memory. */
async function editor(delayMs = 1) {
    const services: FabricServices = await createTestServices();
    const published: Array<{ uri: string; codes: string[] }> = [];
    const scheduler = new AnalysisScheduler(services, { delayMs, publish: (uri, diagnostics) => published.push({ uri, codes: codes(diagnostics) }) });
    // What Langium itself publishes after each build (the cheap diagnostics), in the same list.
    services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, d => { published.push({ uri: d.uri.toString(), codes: codes(d.diagnostics) }); });
    const analysed: string[] = [];
    scheduler.onAnalysed(documents => analysed.push(...documents.map(d => d.uri.toString())));
    const versions = new Map<string, number>();
    const type = async (path: string, text: string) => {
        const uri = URI.file(path).toString();
        const version = (versions.get(uri) ?? 0) + 1;
        versions.set(uri, version);
        services.shared.workspace.TextDocuments.set(TextDocument.create(uri, 'fabric', version, text));
        await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        return uri;
    };
    const open = async (name: string, text: string) => {
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-scheduler-')), name);
        writeFileSync(path, text);
        await loadFabricDocuments(services, [path]);
        return { path, uri: await type(path, text) };
    };
    /** Resolves once `uri` has had `count` analysis publications in all. */
    const analysedTimes = (uri: string, count: number) => new Promise<void>(resolve => {
        const check = () => (analysed.filter(u => u === uri).length >= count ? resolve() : setTimeout(check, 5));
        check();
    });
    return { services, scheduler, published, analysed, type, open, analysedTimes };
}

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('analysis scheduling', () => {
    test('an edit publishes cheap diagnostics first; the analysis follows and adds the simulator findings', async () => {
        const { published, open, analysedTimes } = await editor();
        const { uri } = await open('main.fabric', BRIDGE_TEXT);
        await analysedTimes(uri, 1);
        const mine = published.filter(p => p.uri === uri);
        expect(mine[0].codes).not.toContain('failure/partitions');
        expect(mine.at(-1)!.codes).toContain('failure/partitions');
    });

    test('a newer edit cancels the pending analysis of the stale text', async () => {
        const { services: s, open, type, analysed, analysedTimes } = await editor(50);
        const { path, uri } = await open('main.fabric', BRIDGE_TEXT);
        await type(path, BRIDGE_TEXT.replace('1 GiB', '2 GiB'));
        await type(path, BRIDGE_TEXT.replace('1 GiB', '3 GiB'));
        await analysedTimes(uri, 1);
        const document = s.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
        expect(document.textDocument.getText()).toContain('3 GiB');
        expect(analysed.filter(u => u === uri).length).toBeGreaterThanOrEqual(1);
        const model = s.elaboration.FabricElaboration.of(document).models[0];
        expect(s.analysis.FabricAnalyses.cached(model)?.phases[0].bytes).toBe(3 * 2 ** 30);
    });

    test('opening and editing a second document keeps the first one\'s models, analysis and findings', async () => {
        const { services: s, published, open, type, analysedTimes } = await editor();
        const first = await open('first.fabric', BRIDGE_TEXT);
        await analysedTimes(first.uri, 1);
        const firstDocument = () => s.shared.workspace.LangiumDocuments.getDocument(URI.parse(first.uri))!;
        const model = s.elaboration.FabricElaboration.of(firstDocument()).models[0];
        const analysis = s.analysis.FabricAnalyses.cached(model);
        expect(analysis).toBeDefined();

        const second = await open('second.fabric', RACK_TEXT);
        await analysedTimes(second.uri, 1);
        await type(second.path, RACK_TEXT.replace('1.2 m', '1.4 m'));
        await analysedTimes(second.uri, 2);

        expect(s.elaboration.FabricElaboration.of(firstDocument()).models[0]).toBe(model);
        expect(s.analysis.FabricAnalyses.cached(model)).toBe(analysis);
        // Whatever was published for the first document last still carries its simulator findings.
        expect(published.filter(p => p.uri === first.uri).at(-1)!.codes).toContain('failure/partitions');
    });

    test('an edit of an imported file re-elaborates its importers, and only them', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'fabric-imports-'));
        const parts = join(dir, 'parts.fabric');
        const main = join(dir, 'main.fabric');
        const other = join(dir, 'other.fabric');
        const PARTS = 'accelerator Chip { ports 4 port-rate 400 Gbps tdp 700 W }\n';
        writeFileSync(parts, PARTS);
        writeFileSync(main, 'import "./parts"\nfabric M { accelerator a[0..1] : Chip }\n');
        writeFileSync(other, 'import "catalog/nvidia"\nfabric O { accelerator a[0..1] : B200 }\n');
        const [mainDocument, otherDocument] = await loadFabricDocuments(services, [main, other]);
        const elaboration = services.elaboration.FabricElaboration;
        const mainModel = elaboration.of(mainDocument).models[0];
        const otherModel = elaboration.of(otherDocument).models[0];
        writeFileSync(parts, PARTS.replace('700 W', '900 W'));
        await services.shared.workspace.DocumentBuilder.update([URI.file(parts)], []);
        const after = elaboration.of(mainDocument).models[0];
        expect(after).not.toBe(mainModel);
        expect(after.types.accelerators.Chip.tdpWatts).toBe(900);
        expect(elaboration.of(otherDocument).models[0]).toBe(otherModel);
    });
});
