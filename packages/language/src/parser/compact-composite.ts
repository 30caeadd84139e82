import { CompositeCstNodeImpl, isCompositeCstNode, type AstNode, type CompositeCstNode, type CstNode, type GrammarAST } from 'langium';

/** What a CompactComposite holds in place of `content`: nothing, its one child, or the children's array. */
type Kids = CstNode | CstNode[] | undefined;

interface Held { _kids: Kids }

/**
 * A composite CST node that holds a single child as itself, without an array: the one-element
 * `content` array is made (once, and kept: the same array every time) when something reads
 * `content`. Half of a connection line's 20 composite nodes have one child (a `Name`, `Unit`,
 * `IndexExpr`, a `Segment` without index, the `Member` around a statement), and each such array
 * is two objects (56 bytes on 64-bit V8) that the garbage collector copies while a large file is
 * parsed. The CST builder (FabricCstBuilder) adds, removes and compacts children without making
 * the array; everything else — Langium's `range`, `offset`, `end`, `astNode`, `isCompositeCstNode`
 * (`Array.isArray(node.content)`) — answers as for Langium's CompositeCstNodeImpl, which this is
 * an `instanceof` (below).
 * `firstNonHiddenNode`/`lastNonHiddenNode` (which Langium's range and offset getters ask) answer
 * from the single child without making the array. test/core/lean-parser-identity.test.ts compares
 * every node with stock Langium's; test/core/compact-composite.test.ts checks the arrays are canonical.
 */
class CompactNode {
    // AbstractCstNode's two fields, in its order.
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;
    /** What the node holds in place of `content` (see Kids). */
    _kids: Kids = undefined;
    /** The AST node this CST node is `$cstNode` of (Langium's `astNode` getter and setter read and write it). */
    _astNode: AstNode | undefined = undefined;
}

// A CompositeCstNodeImpl to `instanceof` and in all it inherits (`astNode`, `hidden`, `offset`, `length`, `end`, `range`, `root`,
// `text`), without its constructor: that one makes an empty `content` array per node and a `_rangeCache` slot on every node,
// which Langium's `range` getter adds to the few nodes whose range is asked.
Object.setPrototypeOf(CompactNode.prototype, CompositeCstNodeImpl.prototype);

export type CompactComposite = CompositeCstNodeImpl;
export const CompactComposite = CompactNode as unknown as new () => CompositeCstNodeImpl;

/** The array `content` answers with: made from a single child once and kept. */
function content(this: Held): CstNode[] {
    const kids = this._kids;
    if (Array.isArray(kids)) return kids;
    const made = kids === undefined ? [] : [kids];
    this._kids = made;
    return made;
}

function first(this: Held): CstNode | undefined {
    const kids = this._kids;
    if (!Array.isArray(kids)) return kids;
    for (const child of kids) if (!child.hidden) return child;
    return kids[0];
}

function last(this: Held): CstNode | undefined {
    const kids = this._kids;
    if (!Array.isArray(kids)) return kids;
    for (let i = kids.length - 1; i >= 0; i--) if (!kids[i].hidden) return kids[i];
    return kids[kids.length - 1];
}

// Installed on the prototype: Langium's class declares `content` a field and these getters private.
Object.defineProperties(CompactNode.prototype, {
    content: { get: content, set(this: Held, value: CstNode[]) { this._kids = value; }, configurable: true },
    firstNonHiddenNode: { get: first, configurable: true },
    lastNonHiddenNode: { get: last, configurable: true }
});

/** Appends `child` to `parent`'s children (CstNodeBuilder.appendChild), keeping a lone child out of an array. */
export function appendKid(parent: CompactComposite, child: CstNode): void {
    const held = parent as unknown as Held;
    const kids = held._kids;
    if (kids === undefined || (Array.isArray(kids) && kids.length === 0)) held._kids = child;
    else if (Array.isArray(kids)) kids.push(child);
    else held._kids = [kids, child];
}

/** Langium's `isCompositeCstNode`, without making a CompactComposite's array (which asking `Array.isArray(node.content)` does). */
export function isComposite(node: CstNode): node is CompositeCstNode {
    return node instanceof CompactComposite || isCompositeCstNode(node);
}

/** How many children a composite node has (its `content.length`), without making a CompactComposite's array. */
export function kidCount(node: CompositeCstNode): number {
    if (!(node instanceof CompactComposite)) return node.content.length;
    const kids = (node as unknown as Held)._kids;
    return kids === undefined ? 0 : Array.isArray(kids) ? kids.length : 1;
}

/** A composite node's child at `index` (its `content[index]`), without making a CompactComposite's array. */
export function kidAt(node: CompositeCstNode, index: number): CstNode | undefined {
    if (!(node instanceof CompactComposite)) return node.content[index];
    const kids = (node as unknown as Held)._kids;
    return Array.isArray(kids) ? kids[index] : index === 0 ? kids : undefined;
}

/** Takes `child` out of `parent`'s children (CstNodeBuilder.removeNode). */
export function removeKid(parent: CompactComposite, child: CstNode): void {
    const held = parent as unknown as Held;
    const kids = held._kids;
    if (kids === child) held._kids = undefined;
    else if (Array.isArray(kids)) {
        const index = kids.indexOf(child);
        if (index >= 0) kids.splice(index, 1);
    }
}

/**
 * A finished node's children held as compactly as they can be (CstNodeBuilder.construct's copy of
 * the pushed array): a lone child as itself, several in an array of exactly their number.
 */
export function compactKids(node: CompactComposite): void {
    const held = node as unknown as Held;
    const kids = held._kids;
    if (Array.isArray(kids)) held._kids = kids.length === 1 ? kids[0] : kids.slice();
}
