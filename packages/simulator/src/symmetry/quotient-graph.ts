/**
 * The quotient of the fabric by its twin classes. Two adjacent classes X, Y are joined by a complete
 * bipartite bundle of identical arcs, so one quotient arc stands for |X|·|Y| fabric arcs, and by
 * symmetry every arc of a bundle carries the same share of any class-symmetric traffic. An NVL72
 * rack (72 GPUs, 18 switch chips, 1,296 links) becomes two classes joined by one arc.
 */
import { edgeSplitsByCapacity, searchSorted, type FabricGraph, type GraphState } from '../graph/fabric-graph.js';
import type { TwinClasses } from './twin-classes.js';

export interface QuotientGraph {
    readonly graph: FabricGraph;
    readonly state: GraphState;
    readonly classes: TwinClasses;
    readonly count: number;
    readonly size: Int32Array;
    /** A representative member of each class. */
    readonly rep: Int32Array;
    readonly forwards: Uint8Array;
    readonly nodeLatency: Float64Array;
    readonly qStart: Int32Array;
    readonly qHead: Int32Array;
    /** Capacity of each fabric arc of the bundle (not of the bundle). */
    readonly qCapacity: Float64Array;
    readonly qLatency: Float64Array;
    readonly qEnergyPerByte: Float64Array;
    /** Payload share of the wire rate of each fabric arc of the bundle. */
    readonly qEfficiency: Float64Array;
    /**
     * Routing weight of each fabric arc of the bundle: its capacity relative to the fabric's widest
     * edge where a switch splits traffic by capacity (adaptive routing), else 1 (paths count alike).
     * With every link whole and alike all weights are 1 and the split is plain ECMP.
     */
    readonly qWeight: Float64Array;
    /** A fabric arc of the bundle, from the tail class's representative. */
    readonly qRepArc: Int32Array;
    /** The opposite quotient arc. */
    readonly qRev: Int32Array;
    /**
     * Per quotient arc, all 0 and all −1: the out and in loads of every pattern routed without
     * particular (per-node) loads share these (see routing's LoadBuilder). Never written.
     */
    readonly noUnits: Float64Array;
    readonly noNode: Int32Array;
}

/**
 * A quotient built before a failure, for building the one after it: where a class's representative
 * is the same node and none of its arcs changed, the class's run of quotient arcs is the same.
 */
export interface QuotientBase {
    readonly q: QuotientGraph;
    /** Every live node an arc of which differs between the two states (a changed edge, a dead neighbour). */
    readonly affected: ReadonlySet<number>;
}

/**
 * The quotient of `graph` in `state` by `classes`. With `from` (the quotient of the state before a
 * failure) and classes numbered as its own on every live node, the runs of classes whose
 * representative's arcs did not change are copied from it: the same arcs, in the same order, with
 * the same values, as building them again gives (see unchangedClasses).
 */
export function buildQuotientGraph(graph: FabricGraph, state: GraphState, classes: TwinClasses, from?: QuotientBase): QuotientGraph {
    const count = classes.count;
    const size = new Int32Array(count);
    const rep = new Int32Array(count);
    const forwards = new Uint8Array(count);
    const nodeLatency = new Float64Array(count);
    for (let c = 0; c < count; c++) {
        size[c] = classes.memberStart[c + 1] - classes.memberStart[c];
        const r = classes.members[classes.memberStart[c]];
        rep[c] = r;
        forwards[c] = graph.nodeForwards[r];
        nodeLatency[c] = graph.nodeLatency[r];
    }
    const seen = new Int32Array(count).fill(-1);
    const qStart = new Int32Array(count + 1);
    // At most one quotient arc per fabric arc of the representatives: collected in place, each
    // class's run sorted by head (heads within a run are distinct).
    const heads = new Int32Array(graph.arcHead.length);
    const repArcs = new Int32Array(graph.arcHead.length);
    const copied = from ? unchangedClasses(from.q, classes, rep, from.affected) : null;
    const base = from?.q;
    // Consecutive copied classes form one stretch of the base's arcs, copied at once (a failure
    // touches few classes: a handful of stretches cover the rest), kept as [class from, class to, base arc from].
    const stretches: number[] = [];
    let m = 0;
    for (let c = 0; c < count; c++) {
        if (copied !== null && copied[c] === 1) {
            let end = c + 1;
            while (end < count && copied[end] === 1) end++;
            const b0 = base!.qStart[c], b1 = base!.qStart[end];
            heads.set(base!.qHead.subarray(b0, b1), m);
            repArcs.set(base!.qRepArc.subarray(b0, b1), m);
            for (let k = c; k < end; k++) qStart[k + 1] = base!.qStart[k + 1] - b0 + m;
            stretches.push(c, end, b0);
            m += b1 - b0;
            c = end - 1;
            continue;
        }
        const r = rep[c];
        const start = m;
        for (let a = graph.arcStart[r]; a < graph.arcStart[r + 1]; a++) {
            const v = graph.arcHead[a];
            if (state.capacity[graph.arcEdge[a]] <= 0 || state.alive[v] !== 1) continue;
            const y = classes.classOf[v];
            if (seen[y] === c) continue;
            seen[y] = c;
            heads[m] = y;
            repArcs[m] = a;
            m++;
        }
        sortRange(heads, repArcs, start, m);
        qStart[c + 1] = m;
    }
    const qHead = heads.slice(0, m);
    const qRepArc = repArcs.slice(0, m);
    const qCapacity = new Float64Array(m);
    const qLatency = new Float64Array(m);
    const qEnergyPerByte = new Float64Array(m);
    const qEfficiency = new Float64Array(m);
    const qWeight = new Float64Array(m);
    const qRev = new Int32Array(m);
    const partial = { qStart, qHead };
    for (let k = 0; k < stretches.length; k += 3) {
        // Their arcs' edges did not change: their values are the base's.
        const b = base!, c0 = stretches[k], c1 = stretches[k + 1], b0 = stretches[k + 2];
        const b1 = b.qStart[c1], at = qStart[c0];
        qCapacity.set(b.qCapacity.subarray(b0, b1), at);
        qLatency.set(b.qLatency.subarray(b0, b1), at);
        qEnergyPerByte.set(b.qEnergyPerByte.subarray(b0, b1), at);
        qEfficiency.set(b.qEfficiency.subarray(b0, b1), at);
        qWeight.set(b.qWeight.subarray(b0, b1), at);
        // Into another copied class the reverse arc is the base's, shifted with its run.
        for (let q = at, i = b0; i < b1; q++, i++) {
            const y = qHead[q];
            qRev[q] = copied![y] === 1 ? b.qRev[i] - b.qStart[y] + qStart[y] : -2;
        }
    }
    for (let c = 0; c < count; c++) {
        const own = copied === null || copied[c] === 0;
        for (let q = qStart[c]; q < qStart[c + 1]; q++) {
            if (own) arcValues(graph, state, qRepArc[q], q, qCapacity, qLatency, qEnergyPerByte, qEfficiency, qWeight);
            if (own || qRev[q] === -2) qRev[q] = quotientArc(partial, qHead[q], c);
        }
    }
    return {
        graph, state, classes, count, size, rep, forwards, nodeLatency, qStart, qHead, qCapacity, qLatency, qEnergyPerByte, qEfficiency, qWeight, qRepArc, qRev,
        noUnits: new Float64Array(m), noNode: new Int32Array(m).fill(-1)
    };
}

/** The values of quotient arc q, from its representative fabric arc. */
function arcValues(graph: FabricGraph, state: GraphState, arc: number, q: number, qCapacity: Float64Array, qLatency: Float64Array,
    qEnergyPerByte: Float64Array, qEfficiency: Float64Array, qWeight: Float64Array): void {
    const e = graph.arcEdge[arc];
    qCapacity[q] = state.capacity[e];
    qLatency[q] = graph.edgeLatency[e];
    qEnergyPerByte[q] = graph.edgeEnergyPerByte[e];
    qEfficiency[q] = graph.edgeEfficiency[e];
    qWeight[q] = edgeSplitsByCapacity(graph, e) ? state.capacity[e] / graph.referenceCapacity : 1;
}

/** Whether every live node of `after` is in the class of the same number in `before`, with as many classes. */
function sameClasses(before: TwinClasses, after: TwinClasses): boolean {
    if (before.count !== after.count || before.classOf.length !== after.classOf.length) return false;
    for (let u = 0; u < after.classOf.length; u++) if (after.classOf[u] >= 0 && after.classOf[u] !== before.classOf[u]) return false;
    return true;
}

/**
 * For a failed state's `classes` (representatives `rep`) against the quotient `before` it: null unless
 * the classes are numbered as before's on every live node; else 1 for each class whose representative
 * is before's and not `affected`, so every arc of it leads to the same live node over an edge of the
 * same capacity, and (the classes being the same) into the same class: its run of quotient arcs, and
 * their values, are before's.
 */
export function unchangedClasses(before: QuotientGraph, classes: TwinClasses, rep: Int32Array, affected: ReadonlySet<number>): Uint8Array | null {
    if (!sameClasses(before.classes, classes)) return null;
    const unchanged = new Uint8Array(rep.length);
    for (let c = 0; c < rep.length; c++) if (before.rep[c] === rep[c] && !affected.has(rep[c])) unchanged[c] = 1;
    return unchanged;
}

/**
 * Sorts heads[from, to) ascending, carrying arcs along (heads within a run are distinct): insertion
 * sort for the few neighbours of most classes or a run already in order, an index sort otherwise.
 */
function sortRange(heads: Int32Array, arcs: Int32Array, from: number, to: number): void {
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) if (heads[i - 1] > heads[i]) sorted = false;
    if (sorted) return;
    if (to - from > 32) {
        const idx = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => heads[x] - heads[y]);
        const h = idx.map(i => heads[i]);
        const a = idx.map(i => arcs[i]);
        for (let i = 0; i < h.length; i++) { heads[from + i] = h[i]; arcs[from + i] = a[i]; }
        return;
    }
    for (let i = from + 1; i < to; i++) {
        const h = heads[i], a = arcs[i];
        let j = i - 1;
        while (j >= from && heads[j] > h) { heads[j + 1] = heads[j]; arcs[j + 1] = arcs[j]; j--; }
        heads[j + 1] = h; arcs[j + 1] = a;
    }
}

/** The quotient arc from class x to class y, or -1. */
export function quotientArc(q: { readonly qStart: Int32Array; readonly qHead: Int32Array }, x: number, y: number): number {
    return searchSorted(q.qHead, q.qStart[x], q.qStart[x + 1], y);
}
