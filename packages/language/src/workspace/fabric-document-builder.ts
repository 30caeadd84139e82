import { DefaultDocumentBuilder, DocumentState, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { FabricServices } from '../fabric-module.js';
import { DocumentSnapshots } from './document-snapshots.js';

/**
 * Langium's document builder, relinking less: Langium relinks every document with an unresolved
 * reference after any change anywhere (and so re-validates and re-publishes it, open or closed).
 * A Fabric reference resolves only within its file and the files it imports, so a document is
 * relinked when a changed file is one it references or one in its import closure (a missing
 * import counts: the file may just have been created).
 *
 * Before an open document is re-parsed, its linked state is set aside as a snapshot
 * (DocumentSnapshots) until the new version is validated: a hover meanwhile reads the snapshot.
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
}
