import { DefaultDocumentBuilder, type LangiumDocument } from 'langium';
import type { FabricServices } from '../fabric-module.js';

/**
 * Langium's document builder, relinking less: Langium relinks every document with an unresolved
 * reference after any change anywhere (and so re-validates and re-publishes it, open or closed).
 * A Fabric reference resolves only within its file and the files it imports, so a document is
 * relinked when a changed file is one it references or one in its import closure (a missing
 * import counts: the file may just have been created).
 */
export class FabricDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.indexManager.isAffected(document, changedUris)) return true;
        if (!document.references.some(ref => ref.error !== undefined)) return false;
        if (!this.serviceRegistry.hasServices(document.uri)) return true;
        const imports = (this.serviceRegistry.getServices(document.uri) as FabricServices).workspace.FabricImports;
        return imports.importClosure(document).some(({ uri }) => changedUris.has(uri.toString()));
    }
}
