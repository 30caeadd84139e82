import { AstUtils, type AstNode, type CstNode } from 'langium';
import type { SourceRef } from '@fabric/simulator';
import { PropertyNodes } from './property-nodes.js';

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Source references for model elements: the document URI and the range of the declaring text.
 * One SourceRef per (node, property) is shared by every element a declaration expands to.
 */
export class SourceRefs {
    /** Per node: the ref of its whole text, and one per property asked for. */
    private readonly whole = new Map<AstNode, SourceRef>();
    private readonly byProperty = new Map<AstNode, Map<string, SourceRef>>();
    private readonly properties = new PropertyNodes();

    of(node: AstNode, property?: string): SourceRef {
        if (!property) {
            let ref = this.whole.get(node);
            if (!ref) this.whole.set(node, ref = this.create(node, node.$cstNode));
            return ref;
        }
        let perNode = this.byProperty.get(node);
        if (!perNode) this.byProperty.set(node, perNode = new Map());
        let ref = perNode.get(property);
        if (!ref) perNode.set(property, ref = this.create(node, this.properties.find(node.$cstNode, property) ?? node.$cstNode));
        return ref;
    }

    private create(node: AstNode, cst: CstNode | undefined): SourceRef {
        return { uri: AstUtils.getDocument(node).uri.toString(), range: cst?.range ?? NOWHERE };
    }
}
