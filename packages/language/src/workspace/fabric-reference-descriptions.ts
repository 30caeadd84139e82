import {
    CstUtils, DefaultReferenceDescriptionProvider, interruptAndCheck, isReference,
    type AstNode, type LangiumDocument, type ReferenceDescription
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';

/**
 * Indexes the references that cross files (to a part type in an imported file or the catalog),
 * for find-references, rename and change tracking, from the list the linker already collected,
 * with each container's path computed once. Langium's default walks every AST node (awaiting
 * between nodes) and rebuilds each path from the root: about a quarter of building a 50k-line
 * fabric. References within a file are not indexed: FabricReferences reads them from the
 * document when asked.
 */
export class FabricReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const paths = new Map<AstNode, string>();
        const pathOf = (node: AstNode): string => {
            let path = paths.get(node);
            if (path === undefined) {
                path = node.$container
                    ? `${pathOf(node.$container)}/${node.$containerIndex !== undefined ? `${node.$containerProperty}@${node.$containerIndex}` : node.$containerProperty}`
                    : '';
                paths.set(node, path);
            }
            return path;
        };
        const sourceUri = document.uri;
        const source = sourceUri.toString();
        const descriptions: ReferenceDescription[] = [];
        const references = document.references;
        // An indexed loop (a for-of allocated an iterator per step here), and the target's file
        // compared by identity first: a same-file target carries the document's own URI object.
        for (let i = 0; i < references.length; i++) {
            if ((i + 1) % 2048 === 0) await interruptAndCheck(cancelToken);
            const reference = references[i];
            if (!isReference(reference)) continue;
            const target = reference.$nodeDescription;
            if (!target || target.documentUri === sourceUri || !reference.$refNode || reference.error) continue;
            if (target.documentUri.toString() === source) continue;
            descriptions.push({
                sourceUri,
                sourcePath: pathOf(reference.$refNode.astNode),
                targetUri: target.documentUri,
                targetPath: target.path,
                segment: CstUtils.toDocumentSegment(reference.$refNode),
                local: false
            });
        }
        return descriptions;
    }
}
