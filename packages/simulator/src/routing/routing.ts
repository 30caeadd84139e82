/**
 * Shortest-path routing over the quotient graph. Traffic splits over all minimum-hop paths in
 * proportion to their weight (Brandes-style backward accumulation over each source's BFS DAG): a
 * path's weight is the product of its arcs' weights, 1 between accelerators (ECMP: paths count
 * alike) and the arc's relative capacity where a switch splits traffic by capacity (adaptive routing,
 * see quotient-graph). For symmetric fabrics with every link whole this is the even spread ECMP gives.
 *
 * Loads are kept per quotient bundle X→Y in three parts: `uniform`, spread evenly over all |X|·|Y|
 * arcs; what particular nodes of X send into the bundle (spread over their |Y| arcs) and what
 * particular nodes of Y receive from it (the ends of point-to-point flows). An arc x→y carries
 * uniform/(|X||Y|) + out(x)/|Y| + in(y)/|X|, so the most loaded arc of a bundle is found from the
 * largest out and in alone. One BFS per source class serves every pattern of a phase.
 */
import { findArc } from '../graph/fabric-graph.js';
import { quotientArc, type QuotientGraph } from '../symmetry/quotient-graph.js';
import type { UniformSymmetry } from '../symmetry/uniform-symmetry.js';
import { PathRegion } from './path-region.js';

/** All-to-all among the participants (a unit per ordered pair), or one unit per listed flow. */
export type TrafficPattern =
    | { readonly kind: 'uniform'; readonly participants: readonly number[] }
    | { readonly kind: 'flows'; readonly src: Int32Array; readonly dst: Int32Array; readonly weight?: Float64Array }
    /**
     * Flows between neighbours over given fabric arcs (`arcs[i]` from src[i] to dst[i]): loaded onto
     * their arc without routing; a flow whose arc is down (after a failure) is routed like any other.
     */
    | { readonly kind: 'arcs'; readonly src: Int32Array; readonly dst: Int32Array; readonly arcs: Int32Array; readonly weight?: Float64Array };

export interface PatternLoad {
    /** Units carried by each quotient bundle, spread evenly over its fabric arcs. */
    readonly uniform: Float64Array;
    /** Per bundle: the largest units one tail node sends into it, and which node. */
    readonly outMax: Float64Array;
    readonly outArgmax: Int32Array;
    /** Per bundle: the largest units one head node receives from it, and which node. */
    readonly inMax: Float64Array;
    readonly inArgmax: Int32Array;
    /** Flows on one particular fabric arc between two adjacent multi-member classes. */
    readonly directArcs: Int32Array;
    /** Their units plus the arc's out and in shares. */
    readonly directUnits: Float64Array;
    /** Σ units × joules per byte over all arcs. */
    readonly joulesPerByte: number;
    readonly flows: number;
    /** Σ units the flows carry end to end (the flow count when unweighted). */
    readonly volume: number;
    /** Per bundle: how many distinct tail (out) and head (in) nodes carry particular loads (for attribution). */
    readonly outNodes: Float64Array;
    readonly inNodes: Float64Array;
    readonly unreachable: number;
    readonly firstUnreachable: readonly [number, number] | null;
    readonly latencyMaxSeconds: number;
    readonly latencyMinSeconds: number;
    readonly hopsMax: number;
    /**
     * Routed with `detail` only: the units each node sends into (out) or receives from (in) a bundle,
     * keyed node·Q + bundle, for the load of every fabric arc (see link-loads.ts).
     */
    readonly outUnits?: ReadonlyMap<number, number>;
    readonly inUnits?: ReadonlyMap<number, number>;
    /** Routed with `detail` only: the direct arcs' own units (`directUnits` without their ends' out and in shares). */
    readonly directOwnUnits?: Float64Array;
}

class LoadBuilder {
    readonly uniform: Float64Array;
    /** Units a node sends into (out) or receives from (in) a bundle, keyed node·Q + bundle. */
    private readonly outs = new Map<number, number>();
    private readonly ins = new Map<number, number>();
    private readonly direct: number[] = [];
    private readonly directUnits: number[] = [];
    flows = 0;
    volume = 0;
    unreachable = 0;
    firstUnreachable: [number, number] | null = null;
    latencyMax = 0;
    latencyMin = Infinity;
    hopsMax = 0;

    // The out and in sides start as the quotient's shared zeros (most patterns on fabrics without twins
    // never load one node's share: every class is one node) and get their own arrays at the first write.
    private outMax: Float64Array;
    private outArgmax: Int32Array;
    private inMax: Float64Array;
    private inArgmax: Int32Array;
    private outNodes: Float64Array;
    private inNodes: Float64Array;
    private ownOut = false;
    private ownIn = false;
    private joules = 0;

    /**
     * In a permutation (every node sends at most one flow and receives at most one) a node's share of
     * a bundle comes from one flow, so the maxima are kept directly without summing per node.
     */
    constructor(private readonly q: QuotientGraph, readonly permutation: boolean, private readonly detail = false) {
        this.uniform = new Float64Array(q.qHead.length);
        this.outMax = this.inMax = this.outNodes = this.inNodes = q.noUnits;
        this.outArgmax = this.inArgmax = q.noNode;
    }

    private ownOutSide(): void {
        const Q = this.q.qHead.length;
        this.outMax = new Float64Array(Q);
        this.outArgmax = new Int32Array(Q).fill(-1);
        this.outNodes = new Float64Array(Q);
        this.ownOut = true;
    }

    private ownInSide(): void {
        const Q = this.q.qHead.length;
        this.inMax = new Float64Array(Q);
        this.inArgmax = new Int32Array(Q).fill(-1);
        this.inNodes = new Float64Array(Q);
        this.ownIn = true;
    }

    /** `units` leave node x into bundle qa, evenly over its arcs there (`flows` alike flows in a permutation). */
    addOut(x: number, qa: number, units: number, flows: number): void {
        // A node alone in its class sends over the whole bundle: that is the bundle's even spread.
        if (this.q.size[this.q.classes.classOf[x]] === 1) { this.uniform[qa] += units * flows; return; }
        if (!this.ownOut) this.ownOutSide();
        if (this.permutation) {
            this.joules += units * flows * this.q.qEnergyPerByte[qa];
            this.outNodes[qa] += flows;
            if (units > this.outMax[qa]) { this.outMax[qa] = units; this.outArgmax[qa] = x; }
            return;
        }
        const key = x * this.q.qHead.length + qa;
        const before = this.outs.get(key);
        if (before === undefined) this.outNodes[qa]++;
        this.outs.set(key, (before ?? 0) + units);
    }

    /** `units` reach node y from bundle qa, evenly over its arcs there. */
    addIn(y: number, qa: number, units: number, flows: number): void {
        if (this.q.size[this.q.classes.classOf[y]] === 1) { this.uniform[qa] += units * flows; return; }
        if (!this.ownIn) this.ownInSide();
        if (this.permutation) {
            this.joules += units * flows * this.q.qEnergyPerByte[qa];
            this.inNodes[qa] += flows;
            if (units > this.inMax[qa]) { this.inMax[qa] = units; this.inArgmax[qa] = y; }
            return;
        }
        const key = y * this.q.qHead.length + qa;
        const before = this.ins.get(key);
        if (before === undefined) this.inNodes[qa]++;
        this.ins.set(key, (before ?? 0) + units);
    }

    addDirect(arc: number, units: number, flows: number): void {
        this.direct.push(arc);
        this.directUnits.push(units);
        this.joules += units * (flows - 1) * this.q.graph.edgeEnergyPerByte[this.q.graph.arcEdge[arc]];
    }

    reached(latMax: number, latMin: number, hops: number): void {
        if (latMax > this.latencyMax) this.latencyMax = latMax;
        if (latMin < this.latencyMin) this.latencyMin = latMin;
        if (hops > this.hopsMax) this.hopsMax = hops;
    }

    lost(count: number, s: number, t: number): void {
        this.unreachable += count;
        this.firstUnreachable ??= [s, t];
    }

    build(): PatternLoad {
        const q = this.q;
        const Q = q.qHead.length;
        const { outMax, inMax, outArgmax, inArgmax } = this;
        let joules = this.joules;
        for (let a = 0; a < Q; a++) joules += this.uniform[a] * q.qEnergyPerByte[a];
        for (const [key, units] of this.outs) {
            const a = key % Q, x = (key - a) / Q;
            joules += units * q.qEnergyPerByte[a];
            if (units > outMax[a]) { outMax[a] = units; outArgmax[a] = x; }
        }
        for (const [key, units] of this.ins) {
            const a = key % Q, y = (key - a) / Q;
            joules += units * q.qEnergyPerByte[a];
            if (units > inMax[a]) { inMax[a] = units; inArgmax[a] = y; }
        }
        // A direct arc also carries its ends' out and in shares. (A plain loop: a closure that adds to
        // `joules` would keep it boxed on the heap, one allocation per addition in the loops above.)
        const g = q.graph, cls = q.classes.classOf;
        const directUnits = new Float64Array(this.direct.length);
        for (let i = 0; i < this.direct.length; i++) {
            const arc = this.direct[i];
            const x = g.arcHead[g.arcRev[arc]], y = g.arcHead[arc];
            const qa = quotientArc(q, cls[x], cls[y]);
            joules += this.directUnits[i] * g.edgeEnergyPerByte[g.arcEdge[arc]];
            directUnits[i] = this.directUnits[i] + (this.outs.get(x * Q + qa) ?? 0) / q.size[cls[y]] + (this.ins.get(y * Q + qa) ?? 0) / q.size[cls[x]];
        }
        return {
            uniform: this.uniform, outMax, outArgmax, inMax, inArgmax, directArcs: Int32Array.from(this.direct), directUnits,
            joulesPerByte: joules, flows: this.flows, volume: this.volume, outNodes: this.outNodes, inNodes: this.inNodes, unreachable: this.unreachable, firstUnreachable: this.firstUnreachable,
            latencyMaxSeconds: this.latencyMax, latencyMinSeconds: Number.isFinite(this.latencyMin) ? this.latencyMin : 0, hopsMax: this.hopsMax,
            ...(this.detail ? { outUnits: this.outs, inUnits: this.ins, directOwnUnits: Float64Array.from(this.directUnits) } : {})
        };
    }
}

const NO_MARKS = new Int32Array(0);

/** Per-source BFS state over the quotient, reused across sources. */
class Bfs {
    readonly dist: Int32Array;
    readonly sigma: Float64Array;
    readonly latMax: Float64Array;
    readonly latMin: Float64Array;
    readonly order: Int32Array;
    /** Scratch for backward accumulation, left zeroed. */
    readonly delta: Float64Array;
    visited = 0;
    source = -1;
    /**
     * After runAll: each class's arcs from its predecessors on the shortest paths (the
     * arcs the search counted paths over), as linked lists: `dagFirst[y]` is y's last recorded entry
     * (−1: none), `dagNext[k]` the one before it, `dagArc[k]` the quotient arc x→y, `dagTail[k]` x.
     */
    dagFirst: Int32Array = NO_MARKS;
    dagNext: Int32Array = NO_MARKS;
    dagArc: Int32Array = NO_MARKS;
    dagTail: Int32Array = NO_MARKS;
    /** The source of the last search if it recorded them, else −1. */
    recordedFor = -1;

    constructor(private readonly q: QuotientGraph) {
        this.dist = new Int32Array(q.count).fill(-1);
        this.sigma = new Float64Array(q.count);
        this.latMax = new Float64Array(q.count);
        this.latMin = new Float64Array(q.count);
        this.order = new Int32Array(q.count);
        this.delta = new Float64Array(q.count);
    }

    /**
     * Paths from one member of `s` to one member of each class; with targets (classes whose mark
     * equals `stamp`, `count` of them), stops once they are settled. With `toTarget` (see runAlong),
     * only classes on a shortest path to that target join.
     */
    run(s: number, marks: Int32Array | null, stamp = 0, count = 0, toTarget: Int32Array | null = null, hops = 0): void {
        const { q, dist, sigma, latMax, latMin, order } = this;
        this.recordedFor = -1;
        // The hot loop of every routed pattern: the quotient's arrays in locals, and what depends on
        // x alone read once per x (no arc updates x itself: only nodes one hop farther).
        const { qStart, qHead, qWeight, qLatency, forwards, size, nodeLatency } = q;
        const targets = marks ?? NO_MARKS;
        for (let i = 0; i < this.visited; i++) dist[order[i]] = -1;
        this.source = s;
        dist[s] = 0; sigma[s] = 1; latMax[s] = 0; latMin[s] = 0;
        order[0] = s;
        let head = 0, tail = 1;
        let pending = marks ? count - (marks[s] === stamp ? 1 : 0) : -1;
        let lastTargetDist = 0;
        while (head < tail) {
            const x = order[head++];
            const dx = dist[x];
            if (pending === 0 && dx >= lastTargetDist) break;
            if (x !== s && forwards[x] === 0) continue;
            const sx = sigma[x] * (x === s ? 1 : size[x]);
            const pass = x === s ? 0 : nodeLatency[x];
            const maxX = latMax[x], minX = latMin[x];
            const next = dx + 1;
            for (let a = qStart[x], end = qStart[x + 1]; a < end; a++) {
                const y = qHead[a];
                let dy = dist[y];
                if (dy < 0) {
                    if (toTarget !== null) {
                        const left = toTarget[y];
                        if (left < 0 || left !== hops - next || (left > 0 && forwards[y] === 0)) continue;
                    }
                    dy = dist[y] = next;
                    sigma[y] = 0; latMax[y] = -Infinity; latMin[y] = Infinity;
                    order[tail++] = y;
                    if (pending > 0 && targets[y] === stamp) { pending--; lastTargetDist = dy; }
                }
                if (dy === next) {
                    sigma[y] += sx * qWeight[a];
                    const lat = qLatency[a] + pass;
                    if (maxX + lat > latMax[y]) latMax[y] = maxX + lat;
                    if (minX + lat < latMin[y]) latMin[y] = minX + lat;
                }
            }
        }
        this.visited = tail;
    }

    /**
     * The full search from s (what run(s, null) does, the same sums in the same order), recording
     * each class's shortest-path arcs from its predecessors for the backward walk (dagFirst…): the
     * search every all-to-all source needs, without run's targets and path limits in its hot loop.
     */
    runAll(s: number): void {
        const { q, dist, sigma, latMax, latMin, order } = this;
        if (this.dagArc.length === 0) {
            this.dagFirst = new Int32Array(q.count);
            this.dagNext = new Int32Array(q.qHead.length);
            this.dagArc = new Int32Array(q.qHead.length);
            this.dagTail = new Int32Array(q.qHead.length);
        }
        const { dagFirst, dagNext, dagArc, dagTail } = this;
        const { qStart, qHead, qWeight, qLatency, forwards, size, nodeLatency } = q;
        for (let i = 0; i < this.visited; i++) dist[order[i]] = -1;
        this.source = s;
        this.recordedFor = s;
        dist[s] = 0; sigma[s] = 1; latMax[s] = 0; latMin[s] = 0;
        dagFirst[s] = -1;
        order[0] = s;
        let head = 0, tail = 1, recorded = 0;
        while (head < tail) {
            const x = order[head++];
            if (x !== s && forwards[x] === 0) continue;
            const sx = sigma[x] * (x === s ? 1 : size[x]);
            const pass = x === s ? 0 : nodeLatency[x];
            const maxX = latMax[x], minX = latMin[x];
            const next = dist[x] + 1;
            for (let a = qStart[x], end = qStart[x + 1]; a < end; a++) {
                const y = qHead[a];
                const dy = dist[y];
                if (dy < 0) {
                    // The first predecessor: the sums start from it, as adding to 0 and comparing with
                    // −∞ and +∞ would (without reading y's entries back).
                    dist[y] = next;
                    order[tail++] = y;
                    dagArc[recorded] = a; dagTail[recorded] = x; dagNext[recorded] = -1; dagFirst[y] = recorded++;
                    sigma[y] = 0 + sx * qWeight[a];
                    const lat = qLatency[a] + pass;
                    const max = maxX + lat, min = minX + lat;
                    latMax[y] = max > -Infinity ? max : -Infinity;
                    latMin[y] = min < Infinity ? min : Infinity;
                } else if (dy === next) {
                    dagArc[recorded] = a; dagTail[recorded] = x; dagNext[recorded] = dagFirst[y]; dagFirst[y] = recorded++;
                    sigma[y] += sx * qWeight[a];
                    const lat = qLatency[a] + pass;
                    const max = maxX + lat, min = minX + lat;
                    if (max > latMax[y]) latMax[y] = max;
                    if (min < latMin[y]) latMin[y] = min;
                }
            }
        }
        this.visited = tail;
    }

    /**
     * The search from s kept to the shortest paths to one class t, given every class's hops to t
     * (`toTarget`, −1 beyond `hops` = hops(s, t)): a class joins only if it lies on such a path. Every
     * predecessor of a class on a shortest path lies on one too, and the first to reach it is met in
     * the same relative order, so each class on the paths gets the same counts and latencies, summed
     * in the same order, as the full search gives it.
     */
    runAlong(s: number, toTarget: Int32Array, hops: number): void {
        this.run(s, null, 0, 0, toTarget, hops);
    }

    /** Whether x precedes y on a shortest path from the source. */
    isPred(x: number, y: number): boolean {
        const dx = this.dist[x];
        return dx >= 0 && dx === this.dist[y] - 1 && (x === this.source || this.q.forwards[x] === 1);
    }

    mult(x: number): number {
        return x === this.source ? 1 : this.q.size[x];
    }
}

/**
 * Shape anchors: one idle instance of each routing class, kept by the module and never used. V8 keeps
 * an object shape (hidden class) only while some object has it, and the optimised code of a function
 * depends on the shapes it saw: once an analysis's searches and load builders are all collected, a
 * full collection before the next analysis (the editor's worker between edits, the bench before each
 * run) drops their shapes and with them the optimised code of every hot loop here, which the next
 * analysis runs unoptimised and compiles again. Holding one object of each shape keeps that code.
 * They see only the fields their constructors read (no classes, no arcs).
 */
const ANCHOR_QUOTIENT = { count: 0, qHead: NO_MARKS, qRev: NO_MARKS, noUnits: new Float64Array(0), noNode: NO_MARKS } as unknown as QuotientGraph;
export const ROUTING_SHAPE_ANCHORS: readonly object[] = [new Bfs(ANCHOR_QUOTIENT), anchorBuilder(), new PathRegion(ANCHOR_QUOTIENT)];

/** A LoadBuilder whose number fields hold fractions, the representation a routed pattern leaves them in. */
function anchorBuilder(): LoadBuilder {
    const b = new LoadBuilder(ANCHOR_QUOTIENT, false);
    b.reached(0.5, 0.5, 1);
    b.volume = 0.5;
    (b as unknown as { joules: number }).joules = 0.5;
    return b;
}

/** What one unit from the source class to one member of T does, per bundle. */
interface PairRoute {
    /** Middle bundles (neither end is the flow's own node): quotient arc → units. */
    readonly middle: Map<number, number>;
    /** Bundles out of the source class and the units the source node sends into each. */
    readonly fromArcs: Int32Array;
    readonly fromUnits: Float64Array;
    /** Bundles into the destination class and the units the destination node receives from each. */
    readonly intoArcs: Int32Array;
    readonly intoUnits: Float64Array;
}

function pairRoute(q: QuotientGraph, bfs: Bfs, t: number): PairRoute {
    const middle = new Map<number, number>();
    const fromArcs: number[] = [], fromUnits: number[] = [];
    const intoArcs: number[] = [], intoUnits: number[] = [];
    const s = bfs.source;
    const delta = bfs.delta;
    delta[t] = 1;
    let level = [t];
    const touched = [t];
    while (level.length > 0) {
        const next: number[] = [];
        for (const y of level) {
            const dy = delta[y];
            for (let a = q.qStart[y]; a < q.qStart[y + 1]; a++) {
                const x = q.qHead[a];
                if (!bfs.isPred(x, y)) continue;
                const qa = q.qRev[a];
                const f = dy * bfs.sigma[x] * bfs.mult(x) * q.qWeight[qa] / bfs.sigma[y];
                if (x === s) { fromArcs.push(qa); fromUnits.push(f); continue; }
                if (y === t) { intoArcs.push(qa); intoUnits.push(f); } else middle.set(qa, (middle.get(qa) ?? 0) + f);
                if (delta[x] === 0) { next.push(x); touched.push(x); }
                delta[x] += f;
            }
        }
        level = next;
    }
    for (const x of touched) delta[x] = 0;
    return {
        middle, fromArcs: Int32Array.from(fromArcs), fromUnits: Float64Array.from(fromUnits),
        intoArcs: Int32Array.from(intoArcs), intoUnits: Float64Array.from(intoUnits)
    };
}

const NO_MIDDLE: Map<number, number> = new Map();
const NO_ARCS = new Int32Array(0);
const NO_UNITS = new Float64Array(0);

/** One hop away: the whole unit takes the one bundle between the classes. */
function neighbourRoute(q: QuotientGraph, S: number, T: number): PairRoute {
    return { middle: NO_MIDDLE, fromArcs: Int32Array.of(quotientArc(q, S, T)), fromUnits: Float64Array.of(1), intoArcs: NO_ARCS, intoUnits: NO_UNITS };
}

/** A point-to-point flow s → t of `w` units: the pair route applied at the two particular end nodes. */
function applyFlow(q: QuotientGraph, route: PairRoute, s: number, t: number, out: LoadBuilder, flows: number, w: number): void {
    const T = q.classes.classOf[t];
    for (let i = 0; i < route.fromArcs.length; i++) {
        const qa = route.fromArcs[i];
        if (q.qHead[qa] !== T || q.size[T] === 1) out.addOut(s, qa, route.fromUnits[i] * w, flows);
        else out.addDirect(findArc(q.graph, s, t), route.fromUnits[i] * w, flows);
    }
    for (let i = 0; i < route.intoArcs.length; i++) out.addIn(t, route.intoArcs[i], route.intoUnits[i] * w, flows);
}

/** The weight of the two-hop path from a class through its neighbour over quotient arc a and back. */
function twinPathWeight(q: QuotientGraph, a: number): number {
    return q.size[q.qHead[a]] * q.qWeight[a] * q.qWeight[q.qRev[a]];
}

/** Twins reach each other in two hops through any forwarding common neighbour, by path weight. */
function twinFlow(q: QuotientGraph, s: number, t: number, out: LoadBuilder, flows: number, w: number): boolean {
    const S = q.classes.classOf[s];
    let fanout = 0;
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) if (q.forwards[q.qHead[a]]) fanout += twinPathWeight(q, a);
    if (fanout === 0) return false;
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) {
        const x = q.qHead[a];
        if (!q.forwards[x]) continue;
        const units = w * twinPathWeight(q, a) / fanout;
        out.addOut(s, a, units, flows);
        out.addIn(t, q.qRev[a], units, flows);
        const lat = 2 * q.qLatency[a] + q.nodeLatency[x];
        out.reached(lat, lat, 2);
    }
    return true;
}

/** All-to-all from every member of class S to every other participant, added to `out.uniform`. */
function uniformFromClass(q: QuotientGraph, bfs: Bfs, S: number, inP: Uint8Array, pCount: number, out: LoadBuilder, orbit: number): void {
    // `orbit` classes like S send alike; their loads are spread over arc orbits afterwards.
    const { qStart, qHead, qRev, size, forwards, qWeight } = q;
    const k = size[S] * orbit;
    out.flows += k * (pCount - 1);
    out.volume += k * (pCount - 1);
    // The hot loop of every all-to-all: plain typed-array reads from locals, the scratch left zeroed.
    const { delta, dist, sigma, order, dagFirst, dagNext, dagArc, dagTail } = bfs;
    // A search that recorded its shortest-path arcs (see Bfs.run) walks them back instead of every arc.
    const dag = bfs.recordedFor === S;
    const bfsLatMax = bfs.latMax, bfsLatMin = bfs.latMin;
    const uniform = out.uniform;
    let latMax = 0, latMin = Infinity, hops = 0;
    for (let i = bfs.visited - 1; i >= 1; i--) {
        const y = order[i];
        if (inP[y]) {
            delta[y] += size[y];
            if (bfsLatMax[y] > latMax) latMax = bfsLatMax[y];
            if (bfsLatMin[y] < latMin) latMin = bfsLatMin[y];
            if (dist[y] > hops) hops = dist[y];
        }
        const dy = delta[y];
        if (dy === 0) continue;
        delta[y] = 0;
        const share = dy / sigma[y];
        if (dag) {
            // The recorded arcs from y's predecessors: what the scan below finds, without the others.
            for (let r = dagFirst[y]; r >= 0; r = dagNext[r]) {
                const x = dagTail[r], back = dagArc[r];
                if (x === S) { uniform[back] += share * qWeight[back] * k; continue; }
                const f = share * sigma[x] * size[x] * qWeight[back];
                uniform[back] += f * k;
                delta[x] += f;
            }
            continue;
        }
        const dx = dist[y] - 1;
        for (let a = qStart[y], end = qStart[y + 1]; a < end; a++) {
            const x = qHead[a];
            if (dist[x] !== dx) continue;
            const back = qRev[a];
            if (x === S) { uniform[back] += share * qWeight[back] * k; continue; }
            if (forwards[x] === 0) continue;
            const f = share * sigma[x] * size[x] * qWeight[back];
            uniform[back] += f * k;
            delta[x] += f;
        }
    }
    if (latMin <= latMax) out.reached(latMax, latMin, hops);
    uniformLeftovers(q, bfs, S, inP, out, k);
}

/** What uniformFromClass cannot route: classes the source does not reach, and the source's own twins (two hops away). */
function uniformLeftovers(q: QuotientGraph, bfs: Bfs, S: number, inP: Uint8Array, out: LoadBuilder, k: number): void {
    for (let T = 0; T < q.count; T++) {
        if (T !== S && inP[T] && bfs.dist[T] < 0) out.lost(k * q.size[T], q.rep[S], q.rep[T]);
    }
    const members = q.size[S];
    if (members < 2) return;
    // Twins of the source, two hops away through forwarding neighbours.
    let fanout = 0;
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) if (q.forwards[q.qHead[a]]) fanout += twinPathWeight(q, a);
    if (fanout === 0) { out.lost(k * (members - 1), q.rep[S], q.classes.members[q.classes.memberStart[S] + 1]); return; }
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) {
        const x = q.qHead[a];
        if (!q.forwards[x]) continue;
        const units = k * (members - 1) * twinPathWeight(q, a) / fanout;
        out.uniform[a] += units;
        out.uniform[q.qRev[a]] += units;
        const lat = 2 * q.qLatency[a] + q.nodeLatency[x];
        out.reached(lat, lat, 2);
    }
}

/** A source class's route to its sole destination class, found in the destination's turn (see routePatterns). */
interface EarlyRoute {
    readonly hops: number;
    readonly latMax: number;
    readonly latMin: number;
    readonly route: PairRoute;
}

/**
 * Per class: the one class all its flows go to, or −1 (several, itself, or it also sends all-to-all);
 * −2 without flows.
 */
function soleDestinations(q: QuotientGraph, bucketStart: Int32Array, flowDst: Int32Array, uniformBySource: ReadonlyMap<number, unknown>): Int32Array {
    const cls = q.classes.classOf;
    const sole = new Int32Array(q.count).fill(-2);
    for (let S = 0; S < q.count; S++) {
        if (uniformBySource.has(S)) { sole[S] = -1; continue; }
        for (let i = bucketStart[S]; i < bucketStart[S + 1]; i++) {
            const T = cls[flowDst[i]];
            if (T === S || (sole[S] !== -2 && sole[S] !== T)) { sole[S] = -1; break; }
            sole[S] = T;
        }
    }
    return sole;
}

function isPermutation(src: Int32Array, dst: Int32Array, nodes: number): boolean {
    const seen = new Uint8Array(nodes);
    for (let i = 0; i < src.length; i++) {
        if (seen[src[i]] & 1 || seen[dst[i]] & 2) return false;
        seen[src[i]] |= 1;
        seen[dst[i]] |= 2;
    }
    return true;
}

/**
 * Routes every pattern over the quotient. A `uniform` pattern needs the quotient's classes split by
 * participation (each class wholly in or out), so that every class is a whole set of senders.
 */
/**
 * `symmetricFlows`: unweighted flows patterns (by index) that map onto themselves under `symmetry` on a
 * quotient of single-node classes (see flowsInvariant): only orbit representatives' flows are routed,
 * counted orbit-size times, and spread over arc orbits like all-to-all. `detail`: keep every node's
 * share (PatternLoad's outUnits, inUnits, directOwnUnits). `pairing` (default on): a source whose
 * flows all go to one class is searched along their shortest paths alone (found by path-region.ts),
 * and so is that class's search when it sends only back (the loads are the same to the bit; off,
 * every source is searched in full, as tests compare). `recordPaths` (default on): an all-to-all
 * source's search records its shortest-path arcs and the loads are walked back over them alone (the
 * same sums in the same order; off, every arc of each class is scanned, as tests compare).
 */
export function routePatterns(q: QuotientGraph, patterns: readonly TrafficPattern[], symmetry: UniformSymmetry | null = null,
    symmetricFlows: ReadonlySet<number> = new Set(), detail = false, pairing = true, recordPaths = true): PatternLoad[] {
    const cls = q.classes.classOf;
    // With `detail` every node's share is kept (no flow stands for others): the same loads, node by node.
    const builders = patterns.map(p => new LoadBuilder(q, !detail && p.kind === 'flows' && !p.weight && isPermutation(p.src, p.dst, q.graph.nodeCount), detail));
    // Uniform patterns need every participating class as a source.
    const uniformBySource = new Map<number, number[]>();
    const inPs: Array<{ inP: Uint8Array; count: number } | null> = patterns.map(() => null);
    patterns.forEach((pattern, p) => {
        if (pattern.kind !== 'uniform') return;
        const inP = new Uint8Array(q.count);
        let count = 0;
        for (const u of pattern.participants) {
            const c = cls[u];
            if (c < 0) continue;
            count++;
            if (inP[c]) continue;
            inP[c] = 1;
            // With symmetry, one source per orbit stands for the whole orbit.
            if (!symmetry || symmetry.classOrbit[c] === c) (uniformBySource.get(c) ?? uniformBySource.set(c, []).get(c)!).push(p);
        }
        inPs[p] = { inP, count };
    });
    // Flows bucketed by source class (counting sort), pattern by pattern within a bucket; flows of
    // an arcs pattern only when their arc is down.
    const orbitOnly = (p: number) => symmetry !== null && symmetricFlows.has(p);
    // Which flows are routed, in order: of a flows pattern all (or the orbit representatives' alone);
    // of an arcs pattern those whose arc is down (looked up once).
    const up = patterns.map(pattern => (pattern.kind === 'arcs' ? arcsUp(q, pattern.arcs) : null));
    const routedFlows = patterns.map((pattern, p): Int32Array | null => {
        if (pattern.kind === 'uniform') return null;
        const keep: number[] = [];
        if (pattern.kind === 'arcs') {
            const u = up[p]!;
            for (let i = 0; i < u.length; i++) if (u[i] === 0) keep.push(i);
        } else if (orbitOnly(p)) {
            for (let i = 0; i < pattern.src.length; i++) if (symmetry!.classOrbit[cls[pattern.src[i]]] === cls[pattern.src[i]]) keep.push(i);
        } else {
            return null; // every flow
        }
        return Int32Array.from(keep);
    });
    const flowCount = (p: number) => { const r = routedFlows[p]; return r ? r.length : (patterns[p] as { src: Int32Array }).src.length; };
    const flowAt = (p: number, k: number) => { const r = routedFlows[p]; return r ? r[k] : k; };
    const bucketStart = new Int32Array(q.count + 1);
    let total = 0;
    patterns.forEach((pattern, p) => {
        if (pattern.kind === 'uniform') return;
        const out = builders[p];
        for (let k = 0, n = flowCount(p); k < n; k++) {
            const i = flowAt(p, k);
            const s = pattern.src[i], t = pattern.dst[i];
            if (s === t) continue;
            const copies = orbitOnly(p) ? symmetry!.orbitSize[cls[s]] : 1;
            out.flows += copies;
            out.volume += (pattern.weight ? pattern.weight[i] : 1) * copies;
            if (cls[s] < 0 || cls[t] < 0) { out.lost(1, s, t); continue; }
            bucketStart[cls[s] + 1]++;
            total++;
        }
    });
    for (let c = 0; c < q.count; c++) bucketStart[c + 1] += bucketStart[c];
    const cursor = bucketStart.slice(0, q.count);
    const flowPattern = new Int32Array(total), flowSrc = new Int32Array(total), flowDst = new Int32Array(total);
    const flowWeight = new Float64Array(total);
    patterns.forEach((pattern, p) => {
        if (pattern.kind === 'uniform') return;
        for (let k = 0, n = flowCount(p); k < n; k++) {
            const i = flowAt(p, k);
            const s = pattern.src[i], t = pattern.dst[i];
            if (s === t || cls[s] < 0 || cls[t] < 0) continue;
            const at = cursor[cls[s]]++;
            flowPattern[at] = p; flowSrc[at] = s; flowDst[at] = t;
            flowWeight[at] = (pattern.weight ? pattern.weight[i] : 1) * (orbitOnly(p) ? symmetry!.orbitSize[cls[s]] : 1);
        }
    });
    const bfs = new Bfs(q);
    const targetMarks = new Int32Array(q.count);
    let targetStamp = 0;
    const groupFirst = new Int32Array(q.count);
    const groupCount = new Int32Array(q.count);
    const groupStamp = new Int32Array(q.count).fill(-1);
    let stamp = 0;
    // A source class whose flows all go to one class that sends only back to it (a half shift, a
    // pairwise exchange): the partner's route is found right after the source's, searching only the
    // shortest paths between the two (Bfs.runAlong), and applied in the partner's turn.
    const sole = soleDestinations(q, bucketStart, flowDst, uniformBySource);
    let partner: Bfs | null = null;
    let region: PathRegion | null = null;
    const early = new Map<number, EarlyRoute>();
    for (let S = 0; S < q.count; S++) {
        const uniform = uniformBySource.get(S);
        const from = bucketStart[S], to = bucketStart[S + 1];
        if (!uniform && from === to) continue;
        const known = early.get(S);
        if (known) {
            early.delete(S);
        } else if (pairing && !uniform && sole[S] >= 0 && (region ??= new PathRegion(q)).find(S, sole[S]) >= 0) {
            // One destination class: only the shortest paths to it are searched (the same counts and latencies).
            bfs.runAlong(S, region.toTarget, region.hops);
        } else if (!uniform) {
            targetStamp++;
            let count = 0;
            for (let i = from; i < to; i++) {
                const T = cls[flowDst[i]];
                if (targetMarks[T] !== targetStamp) { targetMarks[T] = targetStamp; count++; }
            }
            bfs.run(S, targetMarks, targetStamp, count);
        } else {
            if (recordPaths) bfs.runAll(S); else bfs.run(S, null);
        }
        for (const p of uniform ?? []) uniformFromClass(q, bfs, S, inPs[p]!.inP, inPs[p]!.count, builders[p], symmetry ? symmetry.orbitSize[S] : 1);
        // Point-to-point flows: one pair route per destination class, applied at each flow's ends. In a
        // permutation every flow of one class pair loads its ends alike, so one stands for all.
        const routes = new Map<number, PairRoute>();
        const apply = (i: number, n: number) => {
            const p = flowPattern[i], s = flowSrc[i], t = flowDst[i], w = flowWeight[i];
            const out = builders[p];
            const T = cls[t];
            if (T === S) {
                if (!twinFlow(q, s, t, out, n, w)) out.lost(n, s, t);
                return;
            }
            const hops = known ? known.hops : bfs.dist[T];
            if (hops < 0) { out.lost(n, s, t); return; }
            let route = known ? known.route : routes.get(T);
            if (!route) { route = hops === 1 ? neighbourRoute(q, S, T) : pairRoute(q, bfs, T); routes.set(T, route); }
            applyFlow(q, route, s, t, out, n, w);
            if (known) out.reached(known.latMax, known.latMin, hops);
            else out.reached(bfs.latMax[T], bfs.latMin[T], hops);
            for (const [qa, units] of route.middle) out.uniform[qa] += units * n * w;
        };
        let i = from;
        while (i < to) {
            const p = flowPattern[i];
            let end = i;
            while (end < to && flowPattern[end] === p) end++;
            if (!builders[p].permutation) { for (let k = i; k < end; k++) apply(k, 1); i = end; continue; }
            stamp++;
            const distinct: number[] = [];
            for (let k = i; k < end; k++) {
                const T = cls[flowDst[k]];
                if (groupStamp[T] !== stamp) { groupStamp[T] = stamp; groupFirst[T] = k; groupCount[T] = 0; distinct.push(T); }
                groupCount[T]++;
            }
            for (const T of distinct) apply(groupFirst[T], groupCount[T]);
            i = end;
        }
        const T = sole[S];
        if (pairing && !known && T > S && sole[T] === S && bfs.dist[T] > 1) {
            partner ??= new Bfs(q);
            partner.runAlong(T, bfs.dist, bfs.dist[T]);
            early.set(T, { hops: partner.dist[S], latMax: partner.latMax[S], latMin: partner.latMin[S], route: pairRoute(q, partner, S) });
        }
    }
    if (symmetry) patterns.forEach((p, i) => { if (p.kind === 'uniform' || orbitOnly(i)) spreadOverOrbits(builders[i].uniform, symmetry); });
    let scratch: BundleScratch | null = null;
    patterns.forEach((p, i) => { if (p.kind === 'arcs') loadArcs(q, p, up[i]!, builders[i], scratch ??= bundleScratch(q)); });
    return builders.map(b => b.build());
}

/** Whether a fabric arc still carries traffic: its edge has capacity and both its ends live. */
function arcUp(q: QuotientGraph, arc: number): boolean {
    const g = q.graph;
    return q.state.capacity[g.arcEdge[arc]] > 0 && q.state.alive[g.arcHead[arc]] === 1 && q.state.alive[g.arcHead[g.arcRev[arc]]] === 1;
}

/** 1 where the arc still carries traffic (see arcUp), per entry. */
function arcsUp(q: QuotientGraph, arcs: Int32Array): Uint8Array {
    const up = new Uint8Array(arcs.length);
    for (let i = 0; i < arcs.length; i++) up[i] = arcUp(q, arcs[i]) ? 1 : 0;
    return up;
}

/** Per-bundle scratch of loadArcs, kept zeroed (low at +∞) between patterns. */
interface BundleScratch {
    readonly sum: Float64Array;
    readonly count: Int32Array;
    readonly low: Float64Array;
    readonly high: Float64Array;
}

function bundleScratch(q: QuotientGraph): BundleScratch {
    const Q = q.qHead.length;
    return { sum: new Float64Array(Q), count: new Int32Array(Q), low: new Float64Array(Q).fill(Infinity), high: new Float64Array(Q) };
}

/**
 * Explicit per-arc loads: a bundle whose every arc carries the same units is an even spread over it;
 * otherwise each arc is loaded on its own. `up` says which arcs carry traffic (the others were routed).
 */
function loadArcs(q: QuotientGraph, pattern: Extract<TrafficPattern, { kind: 'arcs' }>, up: Uint8Array, out: LoadBuilder, scratch: BundleScratch): void {
    const g = q.graph, cls = q.classes.classOf;
    const { sum, count, low, high } = scratch;
    const { arcs, src, dst, weight } = pattern;
    const bundle = new Int32Array(arcs.length);
    let volume = out.volume, flows = 0, latMax = -Infinity, latMin = Infinity;
    for (let i = 0; i < arcs.length; i++) {
        if (up[i] === 0) { bundle[i] = -1; continue; } // routed with the flows
        const w = weight ? weight[i] : 1;
        flows++;
        volume += w;
        const qa = quotientArc(q, cls[src[i]], cls[dst[i]]);
        bundle[i] = qa;
        sum[qa] += w; count[qa]++;
        if (w < low[qa]) low[qa] = w;
        if (w > high[qa]) high[qa] = w;
        const latency = g.edgeLatency[g.arcEdge[arcs[i]]];
        if (latency > latMax) latMax = latency;
        if (latency < latMin) latMin = latency;
    }
    out.flows += flows;
    out.volume = volume;
    if (flows > 0) out.reached(latMax, latMin, 1);
    for (let i = 0; i < arcs.length; i++) {
        const qa = bundle[i];
        if (qa < 0 || count[qa] === 0) continue;
        const X = cls[src[i]], Y = q.qHead[qa];
        if (count[qa] === q.size[X] * q.size[Y] && high[qa] - low[qa] <= 1e-12 * high[qa]) {
            out.uniform[qa] += sum[qa];
            count[qa] = 0; // spread once
        } else {
            out.addDirect(arcs[i], weight ? weight[i] : 1, 1);
        }
    }
    for (let i = 0; i < arcs.length; i++) {
        const qa = bundle[i];
        if (qa >= 0) { sum[qa] = 0; count[qa] = 0; low[qa] = Infinity; high[qa] = 0; }
    }
}

/** Each arc gets the mean of its orbit: the orbit's summed load is shared alike by symmetry. */
function spreadOverOrbits(uniform: Float64Array, symmetry: UniformSymmetry): void {
    const sums = new Float64Array(uniform.length);
    for (let a = 0; a < uniform.length; a++) sums[symmetry.arcOrbit[a]] += uniform[a];
    for (let a = 0; a < uniform.length; a++) uniform[a] = sums[symmetry.arcOrbit[a]] / symmetry.arcOrbitSize[symmetry.arcOrbit[a]];
}

export interface Congestion {
    /** Seconds per unit byte: max over fabric arcs of load / capacity. */
    readonly secondsPerByte: number;
    /** The most loaded fabric arc (a representative when a whole bundle is), or -1. */
    readonly arc: number;
    readonly units: number;
    /** Further fabric arcs as loaded. */
    readonly equallyLoaded: number;
    /** Σ units × energy per byte over all arcs: joules per unit byte. */
    readonly joulesPerByte: number;
}

/** Bytes per second bundle qa carries: its wire rate, times the link protocol's efficiency with `payload`. */
export function arcCapacity(q: QuotientGraph, qa: number, payload: boolean): number {
    return q.qCapacity[qa] * (payload ? q.qEfficiency[qa] : 1);
}

/**
 * The bottleneck of a pattern: the fabric arc with the highest load over capacity. With `payload`,
 * an arc's capacity is its payload bandwidth (wire rate × the link protocol's efficiency).
 */
export function congestion(q: QuotientGraph, load: PatternLoad, payload = false): Congestion {
    const g = q.graph;
    const cls = q.classes.classOf;
    const { qStart, qHead, size } = q;
    const { uniform, outMax, inMax, outArgmax, inArgmax } = load;
    // The most loaded bundle is found first and its fabric arc looked up once (bestBundle ≥ 0), a
    // direct arc is itself (bestArc); ties within 1e-9 count as equally loaded.
    let best = 0, bestBundle = -1, bestArc = -1, units = 0, equal = 0;
    for (let X = 0; X < q.count; X++) {
        const kx = size[X];
        for (let a = qStart[X], end = qStart[X + 1]; a < end; a++) {
            const Y = qHead[a], ky = size[Y];
            const perArc = uniform[a] / (kx * ky) + outMax[a] / ky + inMax[a] / kx;
            if (perArc === 0) continue;
            const spread = outMax[a] === 0 && inMax[a] === 0;
            const count = spread ? kx * ky : 1;
            const ratio = perArc / arcCapacity(q, a, payload);
            if (ratio > best * (1 + 1e-9)) { best = ratio; bestBundle = a; bestArc = -1; units = perArc; equal = count - 1; }
            else if (ratio >= best * (1 - 1e-9) && ratio > 0) equal += count;
        }
    }
    for (let i = 0; i < load.directArcs.length; i++) {
        const a = load.directArcs[i];
        const X = cls[g.arcHead[g.arcRev[a]]], Y = cls[g.arcHead[a]];
        const qa = quotientArc(q, X, Y);
        const perArc = uniform[qa] / (size[X] * size[Y]) + load.directUnits[i];
        const ratio = perArc / arcCapacity(q, qa, payload);
        if (ratio > best * (1 + 1e-9)) { best = ratio; bestBundle = -1; bestArc = a; units = perArc; equal = 0; }
        else if (ratio >= best * (1 - 1e-9) && ratio > 0) equal += 1;
    }
    const arc = bestBundle >= 0 ? bundleArc(q, bestBundle, outArgmax[bestBundle], inArgmax[bestBundle]) : bestArc;
    return { secondsPerByte: best, arc, units, equallyLoaded: Math.max(0, equal), joulesPerByte: load.joulesPerByte };
}

/** A fabric arc of bundle qa, from node x (else the tail's representative) to node y (else any head member). */
function bundleArc(q: QuotientGraph, qa: number, x: number, y: number): number {
    if (x < 0 && y < 0) return q.qRepArc[qa];
    const g = q.graph;
    const X = q.classes.classOf[g.arcHead[g.arcRev[q.qRepArc[qa]]]];
    const Y = q.qHead[qa];
    const from = x >= 0 ? x : q.rep[X];
    const to = y >= 0 ? y : q.classes.members[q.classes.memberStart[Y]];
    const arc = findArc(g, from, to);
    return arc >= 0 ? arc : q.qRepArc[qa];
}
