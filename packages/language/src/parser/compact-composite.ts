import { CompositeCstNodeImpl, isCompositeCstNode, type AstNode, type CompositeCstNode, type CstNode, type GrammarAST } from 'langium';

/**
 * Where a CompactComposite's children are (`_kids`, read with `_at`):
 * - `_at` < 0: nothing, its one child, or its own array (the one `content` answers, once read);
 * - `_at` ≥ 0 and `_kids` a KidRows chunk: closed, its `n` children are `chunk[_at + 1 .. _at + n]`, `n` at `chunk[_at]`;
 * - `_at` ≥ 0 and `_kids` the builder's PendingKids: open (being built), its children from `_at` in the pending stack.
 */
type Kids = CstNode | CstNode[] | KidRows | PendingKids | undefined;

/** A chunk of children rows shared by the closed composites of one parse: a count, then that many children, per composite. */
type KidRows = Array<CstNode | number>;

interface Held { _kids: Kids; _at: number }

/**
 * A composite CST node that holds its children without an array of its own: a lone child as
 * itself, several as a row in a chunk the parse's composites share (KidRows, filled by
 * PendingKids.close). The `content` array is made (once, and kept: the same array every time)
 * when something reads `content`. On a 50k-line fabric that is 370k arrays and their 370k backing
 * stores fewer for the garbage collector to copy while the tree is built; half of a connection
 * line's 20 composite nodes have one child (a `Name`, `Unit`, `IndexExpr`, a `Segment` without
 * index, the `Member` around a statement). The CST builder (FabricCstBuilder) adds, removes and
 * compacts children without making the array; everything else — Langium's `range`, `offset`,
 * `end`, `astNode`, `isCompositeCstNode` (`Array.isArray(node.content)`) — answers as for
 * Langium's CompositeCstNodeImpl, which this is an `instanceof` (below).
 * `firstNonHiddenNode`/`lastNonHiddenNode` (which Langium's range and offset getters ask) answer
 * from the row without making the array. test/core/lean-parser-identity.test.ts compares every
 * node with stock Langium's; test/core/compact-composite.test.ts checks the arrays are canonical
 * and that the answers read without them are stock Langium's.
 */
class CompactNode {
    // AbstractCstNode's two fields, in its order.
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;
    /** What the node holds in place of `content` (see Kids). */
    _kids: Kids = undefined;
    /** The AST node this CST node is `$cstNode` of (Langium's `astNode` getter and setter read and write it). */
    _astNode: AstNode | undefined = undefined;
    /** Where its row starts in `_kids` (see Kids), or -1. */
    _at = -1;
}

// A CompositeCstNodeImpl to `instanceof` and in all it inherits (`astNode`, `hidden`, `offset`, `length`, `end`, `range`, `root`,
// `text`), without its constructor: that one makes an empty `content` array per node and a `_rangeCache` slot on every node,
// which Langium's `range` getter adds to the few nodes whose range is asked.
Object.setPrototypeOf(CompactNode.prototype, CompositeCstNodeImpl.prototype);

export type CompactComposite = CompositeCstNodeImpl;
export const CompactComposite = CompactNode as unknown as new () => CompositeCstNodeImpl;

const FIRST_CHUNK = 256;
/** Chunks stay below V8's large-object size (128 KiB), so they are allocated and collected as ordinary objects. */
const MAX_CHUNK = 8192;

/**
 * The children of the composites being built (FabricCstBuilder): one stack for the whole parse, a
 * node's children from its `_at` up to the next open node's `_at` (or the top); when a node is
 * closed its children are copied as one row into the shared chunk, or kept as a lone child.
 */
export class PendingKids {
    private items: CstNode[] = [];
    private top = 0;
    /** The open composites whose children are here, outermost first (the builder's node stack, less the root and any given an array). */
    private readonly open: Held[] = [];
    private chunk: KidRows = new Array<CstNode | number>(FIRST_CHUNK);
    private used = 0;

    /** Opens `node` (just appended to its parent): its children follow. */
    openNode(node: CompositeCstNode): void {
        const held = node as unknown as Held;
        held._kids = this;
        held._at = this.top;
        this.open.push(held);
    }

    /** Appends `child` to the innermost open node's children. */
    push(child: CstNode): void {
        this.items[this.top++] = child;
    }

    /** Whether `node` is the innermost open node (the one `push` appends to). */
    isInnermost(node: CompositeCstNode): boolean {
        return this.open[this.open.length - 1] === (node as unknown as Held);
    }

    /** Where an open node's children end in the stack. */
    private endOf(held: Held): number {
        const index = this.open.lastIndexOf(held);
        return index + 1 < this.open.length ? this.open[index + 1]._at : this.top;
    }

    count(node: CompositeCstNode): number {
        const held = node as unknown as Held;
        return this.endOf(held) - held._at;
    }

    at(node: CompositeCstNode, index: number): CstNode | undefined {
        const held = node as unknown as Held;
        return index >= 0 && index < this.endOf(held) - held._at ? this.items[held._at + index] : undefined;
    }

    /** Inserts `children` at `index` among an open node's children; the open nodes after them move up. */
    insert(node: CompositeCstNode, index: number, children: readonly CstNode[]): void {
        const position = (node as unknown as Held)._at + index;
        const n = children.length;
        if (n === 0) return;
        for (let i = this.top - 1; i >= position; i--) this.items[i + n] = this.items[i];
        for (let i = 0; i < n; i++) this.items[position + i] = children[i];
        this.top += n;
        const held = node as unknown as Held;
        for (const open of this.open) if (open !== held && open._at >= position) open._at += n;
    }

    /** Takes the child at `index` out of an open node's children; the open nodes after it move down. */
    removeAt(node: CompositeCstNode, index: number): void {
        const position = (node as unknown as Held)._at + index;
        for (let i = position + 1; i < this.top; i++) this.items[i - 1] = this.items[i];
        this.top--;
        for (const open of this.open) if (open._at > position) open._at--;
    }

    /** Closes the innermost open node: its children become a row of the chunk, its lone child, or nothing. */
    close(node: CompositeCstNode): void {
        const held = node as unknown as Held;
        this.open.pop();
        const start = held._at;
        const n = this.top - start;
        this.top = start;
        held._at = -1;
        if (n === 0) held._kids = undefined;
        else if (n === 1) held._kids = this.items[start];
        else {
            if (this.used + n + 1 > this.chunk.length) {
                this.chunk = new Array<CstNode | number>(Math.max(Math.min(this.chunk.length * 2, MAX_CHUNK), n + 1));
                this.used = 0;
            }
            const chunk = this.chunk;
            let at = this.used;
            held._kids = chunk;
            held._at = at;
            chunk[at++] = n;
            for (let i = 0; i < n; i++) chunk[at++] = this.items[start + i];
            this.used = at;
        }
    }

    /** Gives an open node its own array (something read its `content` while it is built): its children leave the stack. */
    detach(node: CompositeCstNode): CstNode[] {
        const held = node as unknown as Held;
        const index = this.open.lastIndexOf(held);
        const start = held._at;
        const end = this.endOf(held);
        const kids = this.items.slice(start, end);
        const n = end - start;
        for (let i = end; i < this.top; i++) this.items[i - n] = this.items[i];
        this.top -= n;
        this.open.splice(index, 1);
        for (let i = index; i < this.open.length; i++) this.open[i]._at -= n;
        held._kids = kids;
        held._at = -1;
        return kids;
    }
}

/** The array `content` answers with: made from the row or the lone child once and kept. */
function content(this: Held): CstNode[] {
    const kids = this._kids;
    if (kids instanceof PendingKids) return kids.detach(this as unknown as CompositeCstNode);
    if (this._at >= 0) {
        const rows = kids as KidRows;
        const made = rows.slice(this._at + 1, this._at + 1 + (rows[this._at] as number)) as CstNode[];
        this._kids = made;
        this._at = -1;
        return made;
    }
    if (Array.isArray(kids)) return kids as CstNode[];
    const made = kids === undefined ? [] : [kids as CstNode];
    this._kids = made;
    return made;
}

function first(this: Held): CstNode | undefined {
    const { _kids: kids, _at: at } = this;
    if (at < 0 && !Array.isArray(kids)) return kids as CstNode | undefined;
    if (at >= 0 && !(kids instanceof PendingKids)) {
        const rows = kids as KidRows;
        const end = at + 1 + (rows[at] as number);
        for (let i = at + 1; i < end; i++) if (!(rows[i] as CstNode).hidden) return rows[i] as CstNode;
        return rows[at + 1] as CstNode;
    }
    const node = this as unknown as CompositeCstNode;
    const n = kidCount(node);
    for (let i = 0; i < n; i++) {
        const child = kidAt(node, i)!;
        if (!child.hidden) return child;
    }
    return kidAt(node, 0);
}

function last(this: Held): CstNode | undefined {
    const { _kids: kids, _at: at } = this;
    if (at < 0 && !Array.isArray(kids)) return kids as CstNode | undefined;
    if (at >= 0 && !(kids instanceof PendingKids)) {
        const rows = kids as KidRows;
        const end = at + (rows[at] as number);
        for (let i = end; i > at; i--) if (!(rows[i] as CstNode).hidden) return rows[i] as CstNode;
        return rows[end] as CstNode;
    }
    const node = this as unknown as CompositeCstNode;
    const n = kidCount(node);
    for (let i = n - 1; i >= 0; i--) {
        const child = kidAt(node, i)!;
        if (!child.hidden) return child;
    }
    return kidAt(node, n - 1);
}

// Installed on the prototype: Langium's class declares `content` a field and these getters private.
Object.defineProperties(CompactNode.prototype, {
    content: { get: content, set(this: Held, value: CstNode[]) { this._kids = value; this._at = -1; }, configurable: true },
    firstNonHiddenNode: { get: first, configurable: true },
    lastNonHiddenNode: { get: last, configurable: true }
});

/** Langium's `isCompositeCstNode`, without making a CompactComposite's array (which asking `Array.isArray(node.content)` does). */
export function isComposite(node: CstNode): node is CompositeCstNode {
    return node instanceof CompactComposite || isCompositeCstNode(node);
}

/** How many children a composite node has (its `content.length`), without making a CompactComposite's array. */
export function kidCount(node: CompositeCstNode): number {
    if (!(node instanceof CompactComposite)) return node.content.length;
    const { _kids: kids, _at: at } = node as unknown as Held;
    if (at >= 0) return kids instanceof PendingKids ? kids.count(node) : (kids as KidRows)[at] as number;
    return kids === undefined ? 0 : Array.isArray(kids) ? kids.length : 1;
}

/** A composite node's child at `index` (its `content[index]`), without making a CompactComposite's array. */
export function kidAt(node: CompositeCstNode, index: number): CstNode | undefined {
    if (!(node instanceof CompactComposite)) return node.content[index];
    const { _kids: kids, _at: at } = node as unknown as Held;
    if (at >= 0) {
        if (kids instanceof PendingKids) return kids.at(node, index);
        const rows = kids as KidRows;
        return index >= 0 && index < (rows[at] as number) ? rows[at + 1 + index] as CstNode : undefined;
    }
    return Array.isArray(kids) ? kids[index] as CstNode : index === 0 ? kids as CstNode | undefined : undefined;
}

/** Where `child` is among a composite node's children (its `content.indexOf(child)`), without making a CompactComposite's array. */
export function kidIndex(node: CompositeCstNode, child: CstNode): number {
    for (let i = kidCount(node) - 1; i >= 0; i--) if (kidAt(node, i) === child) return i;
    return -1;
}

/** The builder's stack a composite node is open in, if it is being built and holds no array. */
export function pendingOf(node: CompositeCstNode): PendingKids | undefined {
    const kids = (node as unknown as Held)._kids;
    return node instanceof CompactComposite && kids instanceof PendingKids ? kids : undefined;
}

/** Takes `child` out of a closed (or array-holding) `parent`'s children (CstNodeBuilder.removeNode). */
export function removeKid(parent: CompactComposite, child: CstNode): void {
    const held = parent as unknown as Held;
    if (held._at < 0 && held._kids === child) {
        held._kids = undefined;
        return;
    }
    const kids = parent.content;
    const index = kids.indexOf(child);
    if (index >= 0) kids.splice(index, 1);
}

/**
 * A finished node's children held as compactly as they can be (CstNodeBuilder.construct's copy of
 * the pushed array), for a node given its own array while it was built: a lone child as itself,
 * several in an array of exactly their number.
 */
export function compactKids(node: CompactComposite): void {
    const held = node as unknown as Held;
    const kids = held._kids;
    if (held._at < 0 && Array.isArray(kids)) held._kids = kids.length === 1 ? kids[0] as CstNode : kids.slice();
}
