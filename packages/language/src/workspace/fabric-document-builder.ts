import { DefaultDocumentBuilder, DocumentState, type AstNode, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import { DocumentSnapshots } from './document-snapshots.js';

/**
 * Langium's document builder, with three changes:
 *
 * - It builds, with the documents asked for, the files they import that are not loaded yet: a
 *   file opened from outside the workspace folder (or an import the workspace scan did not reach)
 *   sees its imports, which always resolve relative to the importing file.
 * - It relinks less: Langium relinks every document with an unresolved reference after any change
 *   anywhere (and so re-validates and re-publishes it, open or closed). A Fabric reference
 *   resolves only within its file and the files it imports, so a document is relinked when a
 *   changed file is one it references or one in its import closure (a missing import counts: the
 *   file may just have been created).
 * - Before an open document is re-parsed, its linked state is set aside as a snapshot
 *   (DocumentSnapshots) until the new version is validated: a hover meanwhile reads the snapshot.
 */
export class FabricDocumentBuilder extends DefaultDocumentBuilder {
    readonly snapshots = new DocumentSnapshots();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Validated, document => this.snapshots.drop(document.uri.toString()));
        this.onUpdate((_changed, deleted) => deleted.forEach(uri => this.snapshots.drop(uri.toString())));
    }

    override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
        const open = state === DocumentState.Changed ? this.textDocuments?.get(document.uri.toString()) : undefined;
        if (open) this.snapshots.take(document, open.getText());
        super.resetToState(document, state);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.indexManager.isAffected(document, changedUris)) return true;
        if (!document.references.some(ref => ref.error !== undefined)) return false;
        if (!this.serviceRegistry.hasServices(document.uri)) return true;
        const imports = (this.serviceRegistry.getServices(document.uri) as FabricServices).workspace.FabricImports;
        return imports.importClosure(document).some(({ uri }) => changedUris.has(uri.toString()));
    }

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
