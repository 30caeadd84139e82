import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { ANALYSIS_CATEGORY, CATALOG_DIR, createFabricServices, loadFabricDocuments, type FabricFile, type FabricServices } from '../../src/index.js';

/** Fabric services over the real file system with the shipped catalog loaded, as in the editor. */
export async function createTestServices(): Promise<FabricServices> {
    const { Fabric: services } = createFabricServices(NodeFileSystem);
    const catalog = readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`);
    await loadFabricDocuments(services, catalog);
    return services;
}

/**
 * Builds `text` as the document at `path` (replacing any earlier version), with the files it
 * imports, and runs every validation category, the simulator-backed one included.
 */
export async function buildText(services: FabricServices, path: string, text: string): Promise<LangiumDocument<FabricFile>> {
    const uri = URI.file(path);
    const documents = services.shared.workspace.LangiumDocuments;
    if (documents.hasDocument(uri)) documents.deleteDocument(uri);
    documents.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString<FabricFile>(text, uri));
    const [document] = await loadFabricDocuments(services, [path]);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: { categories: [ANALYSIS_CATEGORY] } });
    return document;
}

/** A path under the language package's test folder. */
export function testPath(relative: string): string {
    return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

export function readText(path: string): string {
    return readFileSync(path, 'utf8');
}
