import { CstNodeBuilder, LeafCstNodeImpl, type CompositeCstNode, type CstNode, type GrammarAST, type LexerResult } from 'langium';
import { appendKid, compactKids, CompactComposite, kidCount, removeKid } from './compact-composite.js';
import { TokenLeaf } from './token-leaf.js';

type IToken = LexerResult['tokens'][number];

/** The member of Langium 4.4's CstNodeBuilder (private there) the methods below use. */
interface BuilderInternals { nodeStack: CompositeCstNode[] }

/**
 * Langium's CST builder, building the same tree with fewer objects for the garbage collector to
 * copy while a large file is parsed:
 * - it adopts a TokenLeaf (token-leaf.ts) as the leaf of its token instead of making a
 *   LeafCstNodeImpl. A token already in a tree (the same tokens handed to a second parse) is never
 *   taken from it: that parse gets a LeafCstNodeImpl, as from stock Langium;
 * - its composite nodes are CompactComposites (compact-composite.ts), which hold a lone child
 *   without an array until `content` is read. Adding, removing and compacting children here never
 *   makes that array; placing comments (`addHiddenNodes`, Langium's, through `content`) does.
 */
export class FabricCstBuilder extends CstNodeBuilder {
    protected override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        if (token instanceof TokenLeaf && token.container === undefined && token.grammarSource === undefined) return token as unknown as LeafCstNodeImpl;
        return super.createLeafNode(token, hidden);
    }

    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const node = new CompactComposite();
        node.grammarSource = feature;
        this.appendChild(this.current, node);
        (this as unknown as BuilderInternals).nodeStack.push(node);
        return node;
    }

    override appendChild(parent: CompositeCstNode, child: CstNode): void {
        if (!(parent instanceof CompactComposite)) return super.appendChild(parent, child);
        (child as { container?: CompositeCstNode }).container = parent;
        appendKid(parent, child);
    }

    override removeNode(node: CstNode): void {
        const parent = node.container;
        if (parent instanceof CompactComposite) removeKid(parent, node);
        else super.removeNode(node);
    }

    /** CstNodeBuilder.construct: the finished node goes to `item.$cstNode`; an empty one leaves the tree, another keeps its children compactly. */
    override construct(item: { $type: string | symbol | undefined; $cstNode: CstNode }): void {
        const current = this.current;
        if (!(current instanceof CompactComposite)) return super.construct(item);
        item.$cstNode = current;
        (this as unknown as BuilderInternals).nodeStack.pop();
        if (kidCount(current) === 0) this.removeNode(current);
        else compactKids(current);
    }
}
