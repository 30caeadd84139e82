/**
 * The classes on the shortest paths between two classes, found by growing a ball around each end
 * until they meet (two balls of radius d/2 instead of one of radius d: on a 3-D torus a quarter of the
 * classes). Each class on a path is marked with its hops to the target, which is what Bfs.runAlong
 * needs to search those paths alone and give every class on them the counts and latencies the full
 * search gives.
 *
 * Hops follow the search's rule: a path's inner classes forward traffic; its ends need not. The
 * quotient's arcs come in opposite pairs (a bundle joins two classes both ways), so the ball around
 * the target grows along the same arcs.
 */
import type { QuotientGraph } from '../symmetry/quotient-graph.js';

export class PathRegion {
    /** Hops from the source within its ball, −1 outside. */
    private readonly fromS: Int32Array;
    /** Hops to the target within its ball, −1 outside. */
    private readonly toT: Int32Array;
    /** Per class: its hops to the target when on a shortest path, else −1 (Bfs.runAlong's `toTarget`). */
    readonly toTarget: Int32Array;
    private readonly orderS: Int32Array;
    private readonly orderT: Int32Array;
    private readonly onPath: Int32Array;
    private sizeS = 0;
    private sizeT = 0;
    private sizeP = 0;
    /** Hops from s to t of the last search (−1: t unreachable). */
    hops = -1;
    /** Whether every arc has its opposite (else the target's ball cannot follow the arcs). */
    readonly usable: boolean;

    constructor(private readonly q: QuotientGraph) {
        const n = q.count;
        this.fromS = new Int32Array(n).fill(-1);
        this.toT = new Int32Array(n).fill(-1);
        this.toTarget = new Int32Array(n).fill(-1);
        this.orderS = new Int32Array(n);
        this.orderT = new Int32Array(n);
        this.onPath = new Int32Array(n);
        let usable = true;
        for (let a = 0; a < q.qRev.length && usable; a++) if (q.qRev[a] < 0) usable = false;
        this.usable = usable;
    }

    private clear(): void {
        for (let i = 0; i < this.sizeS; i++) this.fromS[this.orderS[i]] = -1;
        for (let i = 0; i < this.sizeT; i++) this.toT[this.orderT[i]] = -1;
        for (let i = 0; i < this.sizeP; i++) this.toTarget[this.onPath[i]] = -1;
        this.sizeS = this.sizeT = this.sizeP = 0;
    }

    /**
     * Marks the classes on the shortest s–t paths (toTarget) and returns the hops from s to t, or −1
     * when t cannot be reached (nothing is marked then).
     */
    find(s: number, t: number): number {
        this.hops = this.search(s, t);
        return this.hops;
    }

    private search(s: number, t: number): number {
        this.clear();
        if (!this.usable || s === t) return -1;
        const { q, fromS, toT, orderS, orderT } = this;
        const { qStart, qHead, forwards } = q;
        const inner = (v: number) => v === s || v === t || forwards[v] === 1;
        fromS[s] = 0; orderS[this.sizeS++] = s;
        toT[t] = 0; orderT[this.sizeT++] = t;
        // Radii: every class within `a` hops of s and `b` hops to t is labelled; layers start at these offsets.
        let a = 0, b = 0, layerS = 0, layerT = 0;
        let best = Infinity;
        const meet = (v: number) => {
            if (fromS[v] >= 0 && toT[v] >= 0 && inner(v) && fromS[v] + toT[v] < best) best = fromS[v] + toT[v];
        };
        meet(s); meet(t);
        // A path shorter than `best` has a class in both balls once a + b reaches it.
        while (best > a + b) {
            // The smaller frontier grows by one layer; an exhausted ball that has not met the other: unreachable.
            if (this.sizeS - layerS <= this.sizeT - layerT) {
                if (layerS === this.sizeS) return -1;
                const to = this.sizeS;
                this.sizeS = growLayer(q, orderS, fromS, layerS, to, s, a, meet);
                layerS = to;
                a++;
            } else {
                if (layerT === this.sizeT) return -1;
                const to = this.sizeT;
                // Classes with an arc into the layer are the heads of its arcs (arcs come in opposite pairs).
                this.sizeT = growLayer(q, orderT, toT, layerT, to, t, b, meet);
                layerT = to;
                b++;
            }
        }
        const d = best;
        // The classes of one layer, d − b ≤ k0 ≤ a, know both distances; the path's classes before it
        // are found back through the source's ball, those after it forward through the target's.
        const k0 = Math.min(a, d);
        const { toTarget, onPath } = this;
        const mark = (v: number, hops: number) => { toTarget[v] = hops; onPath[this.sizeP++] = v; };
        for (let i = 0; i < this.sizeS; i++) {
            const v = orderS[i];
            if (fromS[v] === k0 && toT[v] === d - k0 && inner(v)) mark(v, d - k0);
        }
        const layer0 = 0, layerEnd = this.sizeP;
        // Before k0: a class one hop short of a marked class, in the source's ball, that forwards (or is s).
        let from = layer0, to = layerEnd;
        for (let k = k0 - 1; k >= 0; k--) {
            const start = this.sizeP;
            for (let i = from; i < to; i++) {
                const w = onPath[i];
                for (let e = qStart[w], end = qStart[w + 1]; e < end; e++) {
                    const v = qHead[e];
                    if (fromS[v] === k && toTarget[v] < 0 && inner(v)) mark(v, d - k);
                }
            }
            from = start; to = this.sizeP;
        }
        // After k0: a class one hop on from a marked class, in the target's ball, that forwards (or is t).
        from = layer0; to = layerEnd;
        for (let k = k0 + 1; k <= d; k++) {
            const start = this.sizeP;
            for (let i = from; i < to; i++) {
                const v = onPath[i];
                for (let e = qStart[v], end = qStart[v + 1]; e < end; e++) {
                    const w = qHead[e];
                    if (toT[w] === d - k && toTarget[w] < 0 && inner(w)) mark(w, d - k);
                }
            }
            from = start; to = this.sizeP;
        }
        return d;
    }
}

/**
 * Labels the classes one hop beyond a ball's last layer (order[from, to), `radius` hops from its
 * centre `end`): only the centre and forwarding classes pass traffic on. Returns the ball's new size.
 */
function growLayer(q: QuotientGraph, order: Int32Array, hops: Int32Array, from: number, to: number, end: number, radius: number, meet: (v: number) => void): number {
    const { qStart, qHead, forwards } = q;
    let size = to;
    for (let i = from; i < to; i++) {
        const x = order[i];
        if (x !== end && forwards[x] === 0) continue;
        for (let e = qStart[x], stop = qStart[x + 1]; e < stop; e++) {
            const y = qHead[e];
            if (hops[y] >= 0) continue;
            hops[y] = radius + 1;
            order[size++] = y;
            meet(y);
        }
    }
    return size;
}
