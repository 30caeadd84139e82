import { AstUtils, type AstNode, type CstNode } from 'langium';
import type { SourceRef } from '@fabric/simulator';
import { isComposite, kidAt, kidCount } from '../parser/compact-composite.js';
import { TokenLeaf } from '../parser/token-leaf.js';
import { PropertyNodes } from './property-nodes.js';

type Range = SourceRef['range'];

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Source references for model elements: the document URI and the range of the declaring text.
 * One SourceRef per (node, property) is shared by every element a declaration expands to.
 */
export class SourceRefs {
    /** Per node: the ref of its whole text; per property asked for, each node's ref of that property's text. */
    private readonly whole = new Map<AstNode, SourceRef>();
    private readonly byProperty = new Map<string, Map<AstNode, SourceRef>>();
    private readonly properties = new PropertyNodes();
    /** The last syntax tree asked about and its document's URI (a fabric's refs come from one file, its part types' from a few). */
    private lastRoot: AstNode | undefined;
    private lastUri = '';

    /**
     * The ref of `node`'s text, or of its `property`'s. `once`: the (node, property) is asked about
     * once — a declaration or statement in a container that has one instance, and every enclosing
     * one too, is elaborated once — so the ref is made without being kept: nothing would share it.
     * On a 50k-line fabric that is each of the 40k connections, whose entries made the largest map
     * of the elaboration and only ever missed.
     */
    of(node: AstNode, property?: string, once = false): SourceRef {
        if (once) return this.create(node, property);
        const refs = property ? this.byProperty.get(property) ?? this.byProperty.set(property, new Map()).get(property)! : this.whole;
        let ref = refs.get(node);
        if (!ref) refs.set(node, ref = this.create(node, property));
        return ref;
    }

    private create(node: AstNode, property: string | undefined): SourceRef {
        const cst = property ? this.properties.find(node.$cstNode, property) ?? node.$cstNode : node.$cstNode;
        return { uri: this.uriOf(node), range: cst ? rangeOf(cst) : NOWHERE };
    }

    private uriOf(node: AstNode): string {
        let root = node;
        while (root.$container) root = root.$container;
        if (root !== this.lastRoot) {
            this.lastUri = AstUtils.getDocument(root).uri.toString();
            this.lastRoot = root;
        }
        return this.lastUri;
    }
}

/**
 * `cst.range`, worked out from its first and last leaf. Langium's getter asks the range of each
 * composite node on the way down to them and caches it there, and each leaf makes three objects
 * for its range: for the 40k links of a 50k-line fabric that was a tenth of elaborating it.
 *
 * The two agree: a composite's range starts where its first non-hidden child's starts and ends
 * where its last one's ends, and the one exception Langium makes (an end before the start, which
 * only an empty composite node on the way down can give) is left to Langium's getter.
 */
function rangeOf(cst: CstNode): Range {
    const first = boundaryLeaf(cst, true);
    const last = boundaryLeaf(cst, false);
    if (!first || !last || first === cst) return cst.range;
    const start = first instanceof TokenLeaf
        ? { line: first.startLine - 1, character: first.startColumn - 1 }
        : first.range.start;
    const end = last instanceof TokenLeaf
        ? { line: last.endLine - 1, character: last.endColumn }
        : last.range.end;
    return end.line < start.line ? cst.range : { start, end };
}

/** The leaf Langium's `firstNonHiddenNode` (or `lastNonHiddenNode`) leads to from `cst`, or undefined past an empty composite. */
function boundaryLeaf(cst: CstNode, first: boolean): CstNode | undefined {
    let node: CstNode = cst;
    // Counted and indexed without `content`, which would make a lone child's array (parser/compact-composite.ts).
    while (isComposite(node)) {
        const count = kidCount(node);
        if (count === 0) return undefined;
        let next: CstNode | undefined;
        if (first) {
            for (let i = 0; i < count && !next; i++) { const child = kidAt(node, i)!; if (!child.hidden) next = child; }
            node = next ?? kidAt(node, 0)!;
        } else {
            for (let i = count - 1; i >= 0 && !next; i--) { const child = kidAt(node, i)!; if (!child.hidden) next = child; }
            node = next ?? kidAt(node, count - 1)!;
        }
    }
    return node;
}
