import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { beforeAll } from 'vitest';
import type { FabricModel } from '@fabric/simulator';
import { CATALOG_DIR, createFabricServices, loadFabricDocuments, type FabricServices } from '../../language/src/index.js';

/** The repository root, for examples and fixtures. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The text of `examples/<name>.fabric`. */
export const example = (name: string): string => readFileSync(`${ROOT}examples/${name}.fabric`, 'utf8');

/**
 * Models built through the language's public entry points, for a test file: call at its top level
 * (it registers a `beforeAll` that loads the catalog once); `modelOf(text)` builds `text` as the
 * file `examples/<scratch>.fabric`, replacing that file's earlier text.
 */
export function exampleModels(scratch: string): { modelOf(text: string): Promise<FabricModel> } {
    let services: FabricServices;
    beforeAll(async () => {
        services = createFabricServices(NodeFileSystem).Fabric;
        await loadFabricDocuments(services, readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`));
    }, 60_000);
    return {
        async modelOf(text) {
            const path = `${ROOT}examples/${scratch}.fabric`;
            const documents = services.shared.workspace.LangiumDocuments;
            const uri = URI.file(path);
            if (documents.hasDocument(uri)) documents.deleteDocument(uri);
            documents.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString(text, uri));
            const [document] = await loadFabricDocuments(services, [path]);
            return services.elaboration.FabricElaboration.of(document).models[0];
        }
    };
}
