import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { SourceRef } from '@fabric/simulator';

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Source references for model elements: the document URI and the range of the declaring text.
 * One SourceRef per (node, property) is shared by every element a declaration expands to.
 */
export class SourceRefs {
    private readonly cache = new Map<AstNode, Map<string, SourceRef>>();

    of(node: AstNode, property?: string): SourceRef {
        let perNode = this.cache.get(node);
        if (!perNode) {
            perNode = new Map();
            this.cache.set(node, perNode);
        }
        const key = property ?? '';
        let ref = perNode.get(key);
        if (!ref) {
            const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) ?? node.$cstNode : node.$cstNode;
            ref = { uri: AstUtils.getDocument(node).uri.toString(), range: cst?.range ?? NOWHERE };
            perNode.set(key, ref);
        }
        return ref;
    }
}
