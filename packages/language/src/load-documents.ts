import { resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { FabricFile } from './generated/ast.js';
import type { FabricServices } from './fabric-module.js';

/**
 * Loads files and, transitively, the files they import, then builds them all (parse, link,
 * validate). For the CLI, benchmarks and tests: the language server loads its workspace itself.
 */
export async function loadFabricDocuments(services: FabricServices, paths: readonly string[]): Promise<LangiumDocument<FabricFile>[]> {
    const documents = services.shared.workspace.LangiumDocuments;
    const imports = services.workspace.FabricImports;
    const fileSystem = services.shared.workspace.FileSystemProvider;
    const requested: LangiumDocument<FabricFile>[] = [];
    const queue: URI[] = paths.map(p => URI.file(resolve(p)));
    const loaded = new Set<string>();
    const all: LangiumDocument[] = [];
    let first = true;
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (loaded.has(uri.toString())) continue;
        loaded.add(uri.toString());
        const isRequested = requested.length < paths.length && first;
        if (!documents.hasDocument(uri)) {
            const exists = await fileSystem.exists?.(uri) ?? true;
            if (!exists) {
                if (isRequested) throw new Error(`cannot read ${uri.fsPath}: no such file`);
                continue; // a missing import: the validator reports it at the import
            }
        }
        const document = await documents.getOrCreateDocument(uri) as LangiumDocument<FabricFile>;
        if (isRequested) requested.push(document);
        if (requested.length === paths.length) first = false;
        all.push(document);
        queue.push(...imports.directImports(document));
    }
    await services.shared.workspace.DocumentBuilder.build(all, { validation: true });
    return requested;
}
