import { CstNodeBuilder, LeafCstNodeImpl, type CompositeCstNode, type CstNode, type GrammarAST, type LexerResult, type RootCstNode } from 'langium';
import { compactKids, CompactComposite, kidCount, kidIndex, PendingKids, pendingOf, removeKid } from './compact-composite.js';
import { TokenLeaf } from './token-leaf.js';

type IToken = LexerResult['tokens'][number];

/** The members of Langium 4.4's CstNodeBuilder (private there) the methods below use. */
interface BuilderInternals { nodeStack: CompositeCstNode[]; rootNode: CompositeCstNode }

/**
 * Langium's CST builder, building the same tree with fewer objects for the garbage collector to
 * copy while a large file is parsed:
 * - it adopts a TokenLeaf (token-leaf.ts) as the leaf of its token instead of making a
 *   LeafCstNodeImpl. A token already in a tree (the same tokens handed to a second parse) is never
 *   taken from it: that parse gets a LeafCstNodeImpl, as from stock Langium;
 * - its composite nodes are CompactComposites (compact-composite.ts), which hold no array of their
 *   own until `content` is read: while a node is built its children wait on one stack for the
 *   whole parse (PendingKids); when it is constructed they become its lone child or a row of a
 *   chunk shared by the parse's nodes. Adding, removing and compacting children and placing
 *   comments (`addHiddenNodes`) here never make the array.
 */
export class FabricCstBuilder extends CstNodeBuilder {
    private pending = new PendingKids();

    override buildRootNode(input: string): RootCstNode {
        this.pending = new PendingKids();
        return super.buildRootNode(input);
    }

    protected override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        if (token instanceof TokenLeaf && token.container === undefined && token.grammarSource === undefined) return token as unknown as LeafCstNodeImpl;
        return super.createLeafNode(token, hidden);
    }

    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const node = new CompactComposite();
        node.grammarSource = feature;
        this.appendChild(this.current, node);
        (this as unknown as BuilderInternals).nodeStack.push(node);
        this.pending.openNode(node);
        return node;
    }

    override appendChild(parent: CompositeCstNode, child: CstNode): void {
        if (!(parent instanceof CompactComposite)) return super.appendChild(parent, child);
        (child as { container?: CompositeCstNode }).container = parent;
        // The node being built takes it on the stack; any other (given its array, or closed) in its array.
        if (this.pending.isInnermost(parent)) this.pending.push(child);
        else parent.content.push(child);
    }

    override removeNode(node: CstNode): void {
        const parent = node.container;
        if (!(parent instanceof CompactComposite)) return super.removeNode(node);
        const pending = pendingOf(parent);
        if (!pending) return removeKid(parent, node);
        const index = kidIndex(parent, node);
        if (index >= 0) pending.removeAt(parent, index);
    }

    /** CstNodeBuilder.addHiddenNodes, placing the comments where it does without reading `content`. */
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) return;
        const nodes = tokens.map(token => this.createLeafNode(token, true) as CstNode);
        let current: CompositeCstNode = this.current;
        // Within a node that has children they follow them; at a node just opened, before it in the first ancestor where it is not first.
        if (kidCount(current) > 0) {
            for (const node of nodes) this.appendChild(current, node);
            return;
        }
        while (current.container) {
            const parent = current.container;
            const index = kidIndex(parent, current);
            if (index > 0) return this.insertKids(parent, index, nodes);
            current = parent;
        }
        this.insertKids((this as unknown as BuilderInternals).rootNode, 0, nodes);
    }

    private insertKids(parent: CompositeCstNode, index: number, nodes: CstNode[]): void {
        const pending = pendingOf(parent);
        if (!pending) return this.insertChildren(parent as Parameters<CstNodeBuilder['insertChildren']>[0], index, nodes);
        for (const node of nodes) (node as { container?: CompositeCstNode }).container = parent;
        pending.insert(parent, index, nodes);
    }

    /** CstNodeBuilder.construct: the finished node goes to `item.$cstNode`; an empty one leaves the tree, another keeps its children compactly. */
    override construct(item: { $type: string | symbol | undefined; $cstNode: CstNode }): void {
        const current = this.current;
        if (!(current instanceof CompactComposite)) return super.construct(item);
        item.$cstNode = current;
        (this as unknown as BuilderInternals).nodeStack.pop();
        const pending = pendingOf(current);
        if (pending) pending.close(current);
        else compactKids(current);
        if (kidCount(current) === 0) this.removeNode(current);
    }
}
