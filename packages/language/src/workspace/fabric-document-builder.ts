import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';

/**
 * Builds, with the documents asked for, the files they import that are not loaded yet: a file
 * opened from outside the workspace folder (or an import the workspace scan did not reach) sees
 * its imports, which always resolve relative to the importing file.
 */
export class FabricDocumentBuilder extends DefaultDocumentBuilder {
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        await super.buildDocuments([...documents, ...await this.unloadedImports(documents, cancelToken)], options, cancelToken);
    }

    /** Imported files (transitively) that exist but are not loaded, now loaded. */
    private async unloadedImports(documents: readonly LangiumDocument[], cancelToken: CancellationToken): Promise<LangiumDocument[]> {
        const loaded: LangiumDocument[] = [];
        const queue = [...documents];
        const seen = new Set(documents.map(d => d.uri.toString()));
        while (queue.length > 0) {
            const document = queue.pop()!;
            if (!this.serviceRegistry.hasServices(document.uri)) continue;
            if (document.state < DocumentState.Parsed) {
                // A document just opened or changed has no syntax tree yet: parse it here (the build's first phase then skips it).
                await this.langiumDocumentFactory.update(document, cancelToken);
                document.state = DocumentState.Parsed;
                await this.notifyDocumentPhase(document, DocumentState.Parsed, cancelToken);
            }
            const imports = (this.serviceRegistry.getServices(document.uri) as FabricServices).workspace.FabricImports;
            for (const uri of imports.directImports(document)) {
                const key = uri.toString();
                if (seen.has(key) || this.langiumDocuments.hasDocument(uri) || !await this.fileSystemProvider.exists(uri)) continue;
                seen.add(key);
                const imported = await this.langiumDocuments.getOrCreateDocument(uri);
                loaded.push(imported);
                queue.push(imported);
            }
        }
        return loaded;
    }
}
