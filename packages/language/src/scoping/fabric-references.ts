import {
    AstUtils, CstUtils, DefaultReferences, isReference, stream, UriUtils,
    type AstNode, type FindReferencesOptions, type LangiumDocument, type Reference, type ReferenceDescription, type Stream
} from 'langium';

interface LocalIndex {
    /** How many references the document had when the index was built (linking appends to the list). */
    readonly size: number;
    readonly byTarget: ReadonlyMap<AstNode, readonly Reference[]>;
}

/**
 * Find-references with same-file references taken from the document itself. The workspace index
 * (FabricReferenceDescriptionProvider) holds only references that cross files — what rename and
 * change tracking need across the workspace — because describing every reference of a 50k-line
 * fabric (paths, ranges: a quarter of a million objects) was a tenth of building it and a good
 * part of its memory. References inside the target's own file are read from that document's
 * linked references, grouped by target once per linking.
 */
export class FabricReferences extends DefaultReferences {
    private readonly local = new WeakMap<readonly Reference[], LocalIndex>();

    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        const found = super.findReferences(targetNode, options).toArray();
        const document = AstUtils.getDocument(targetNode);
        if (options.documentUri && !UriUtils.equals(options.documentUri, document.uri)) return stream(found);
        const targetPath = this.nodeLocator.getAstNodePath(targetNode);
        for (const reference of this.localIndex(document).byTarget.get(targetNode) ?? []) {
            const source = reference.$refNode;
            if (!source) continue;
            found.push({
                sourceUri: document.uri, sourcePath: this.nodeLocator.getAstNodePath(source.astNode),
                targetUri: document.uri, targetPath, segment: CstUtils.toDocumentSegment(source), local: true
            });
        }
        return stream(found);
    }

    private localIndex(document: LangiumDocument): LocalIndex {
        const list = document.references as Reference[];
        let index = this.local.get(list);
        if (!index || index.size !== list.length) {
            const byTarget = new Map<AstNode, Reference[]>();
            for (const reference of list) {
                if (!isReference(reference) || reference.error) continue;
                const target = reference.ref;
                if (!target || AstUtils.getDocument(target) !== document) continue;
                const group = byTarget.get(target);
                if (group) group.push(reference); else byTarget.set(target, [reference]);
            }
            index = { size: list.length, byTarget };
            this.local.set(list, index);
        }
        return index;
    }
}
