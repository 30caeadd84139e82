import { AstUtils, GrammarAST, type CompositeCstNode, type CstNode } from 'langium';
import { isComposite, kidAt, kidCount } from '../parser/compact-composite.js';

/**
 * Langium's `GrammarUtils.findNodeForProperty(node, property)` (the first CST node within `node`
 * that a `property=…` assignment of its own AST node made), answered the same way, with the
 * assignment above each grammar element looked up once instead of once per CST node visited, and
 * the walk stopped at the first match instead of collecting every match first: the elaboration
 * asks it for tens of thousands of declarations. test/core/property-nodes.test.ts compares it with
 * Langium's on every node and property of the examples.
 */
export class PropertyNodes {
    /** The property each grammar element assigns, or null for an element in no assignment. */
    private readonly features = new Map<GrammarAST.AbstractElement, string | null>();

    find(node: CstNode | undefined, property: string | undefined): CstNode | undefined {
        if (!node || !property || !isComposite(node)) return undefined;
        return this.search(node, property, node.astNode);
    }

    /** Walks `node`'s children by count and index, not `content`, which would make a lone child's array (parser/compact-composite.ts). */
    private search(node: CompositeCstNode, property: string, element: unknown): CstNode | undefined {
        const count = kidCount(node);
        for (let i = 0; i < count; i++) {
            const child = kidAt(node, i)!;
            if (this.feature(child.grammarSource) === property) return child;
            // A composite child belongs to the same AST node unless it made its own (Langium's `child.astNode === element`).
            if (!isComposite(child)) continue;
            const own = (child as { _astNode?: unknown })._astNode;
            if (own && own !== element) continue;
            const found = this.search(child, property, element);
            if (found) return found;
        }
        return undefined;
    }

    private feature(source: GrammarAST.AbstractElement | undefined): string | null {
        if (!source) return null;
        let feature = this.features.get(source);
        if (feature === undefined) {
            feature = AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature ?? null;
            this.features.set(source, feature);
        }
        return feature;
    }
}
