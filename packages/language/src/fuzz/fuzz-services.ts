import { readdirSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { createFabricServices, type FabricServices } from '../fabric-module.js';
import { loadFabricDocuments } from '../load-documents.js';
import { CATALOG_DIR } from '../workspace/fabric-imports.js';

/** Fabric services over the real file system with the shipped catalog loaded, as in the editor (analyses on the calling thread). */
export async function createFuzzServices(): Promise<FabricServices> {
    const { Fabric: services } = createFabricServices(NodeFileSystem);
    const catalog = readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`);
    await loadFabricDocuments(services, catalog);
    return services;
}
