/**
 * The load of every link in a phase, from the routed patterns the phase was priced with.
 *
 * A link's load is the fraction of the phase's time it spends moving the chosen algorithm's bytes in
 * its busier direction: Σ over the schedule's steps of the bytes the step puts on the link ÷ (the
 * link's usable bandwidth × the phase time). Usable bandwidth is what the pricing divides by: the
 * payload share of the wire rate (the link protocol; the full rate in the ideal mode) times the
 * collective protocol's efficiency. The link that paces a step is busy for the whole of that step's
 * transfer time, so a single-step phase's bottleneck reads its transfer time over the phase time
 * (below 1 by the latency and overheads); a link the phase does not use reads 0. Parallel links and
 * circuits between the same two nodes are one hop of the graph and carry their share by capacity:
 * they read alike.
 *
 * Bytes per fabric arc: a twin bundle X→Y's arc x→y carries uniform/(|X||Y|) + out(x)/|Y| + in(y)/|X|
 * plus what flows put on that particular arc (routing.ts). Patterns that load particular nodes are
 * routed once more with every node's share kept (`detail`); the rest are read as priced.
 */
import { quotientArc, type QuotientGraph } from '../symmetry/quotient-graph.js';
import { arcCapacity, routePatterns, type PatternLoad, type TrafficPattern } from '../routing/routing.js';
import type { Schedule } from './schedule.js';

/** Whether some node's own share of a bundle is in the load (not only even spreads and direct arcs). */
function hasParticular(load: PatternLoad): boolean {
    for (let a = 0; a < load.outNodes.length; a++) if (load.outNodes[a] > 0 || load.inNodes[a] > 0) return true;
    return false;
}

/** A bundle arc's capacity for the schedule: payload bandwidth (or wire rate) times the protocol's efficiency. */
function linkCap(q: QuotientGraph, qa: number, payload: boolean, protocolEfficiency: number): number {
    return arcCapacity(q, qa, payload) * protocolEfficiency;
}

/**
 * Every live fabric arc u→v with its bundle, in walk order: the tail class's bundles by head class,
 * per member. Listed once per call and read by plain loops (addParticular, edgeLoads), not walked with
 * a visitor: closures made per call would lose their optimised code at every full collection (see
 * routing's ROUTING_SHAPE_ANCHORS), and these loops run per phase estimate.
 */
interface LiveArcs {
    readonly count: number;
    readonly tail: Int32Array;
    readonly arc: Int32Array;
    readonly bundle: Int32Array;
}

function liveArcs(q: QuotientGraph): LiveArcs {
    const g = q.graph, cls = q.classes.classOf;
    const { memberStart, members } = q.classes;
    const slot = new Int32Array(q.count).fill(-1);
    const tail = new Int32Array(g.arcHead.length), arc = new Int32Array(g.arcHead.length), bundle = new Int32Array(g.arcHead.length);
    let count = 0;
    for (let X = 0; X < q.count; X++) {
        for (let qa = q.qStart[X]; qa < q.qStart[X + 1]; qa++) slot[q.qHead[qa]] = qa;
        for (let i = memberStart[X]; i < memberStart[X + 1]; i++) {
            const u = members[i];
            for (let a = g.arcStart[u]; a < g.arcStart[u + 1]; a++) {
                const Y = cls[g.arcHead[a]];
                if (Y >= 0 && slot[Y] >= 0 && q.state.capacity[g.arcEdge[a]] > 0) { tail[count] = u; arc[count] = a; bundle[count] = slot[Y]; count++; }
            }
        }
        for (let qa = q.qStart[X]; qa < q.qStart[X + 1]; qa++) slot[q.qHead[qa]] = -1;
    }
    return { count, tail, arc, bundle };
}

/** What a pattern's particular nodes add to each arc's busy seconds (into `more`). */
function addParticular(q: QuotientGraph, live: LiveArcs, load: PatternLoad, outs: ReadonlyMap<number, number>, ins: ReadonlyMap<number, number>,
    bytes: number, payload: boolean, protocolEfficiency: number, more: Float64Array): void {
    const g = q.graph, cls = q.classes.classOf, Q = q.qHead.length;
    for (let k = 0; k < live.count; k++) {
        const u = live.tail[k], a = live.arc[k], qa = live.bundle[k];
        if (load.outNodes[qa] === 0 && load.inNodes[qa] === 0) continue;
        const units = (outs.get(u * Q + qa) ?? 0) / q.size[q.qHead[qa]] + (ins.get(g.arcHead[a] * Q + qa) ?? 0) / q.size[cls[u]];
        if (units > 0) more[a] += bytes * units / linkCap(q, qa, payload, protocolEfficiency);
    }
}

/** Each edge's load (from its lower end): its busier direction over the phase time, written for all its members. */
function edgeLoads(q: QuotientGraph, live: LiveArcs, spread: Float64Array, extra: Float64Array | null, timeSeconds: number, out: Float32Array): void {
    const g = q.graph;
    for (let k = 0; k < live.count; k++) {
        const u = live.tail[k], a = live.arc[k], qa = live.bundle[k];
        if (g.arcHead[a] < u) continue;
        const rev = g.arcRev[a];
        const load = Math.max(spread[qa] + (extra ? extra[a] : 0), spread[q.qRev[qa]] + (extra ? extra[rev] : 0)) / timeSeconds;
        if (!(load > 0)) continue;
        const e = g.arcEdge[a];
        for (let m = g.edgeMemberStart[e]; m < g.edgeMemberStart[e + 1]; m++) out[g.edgeMembers[m]] = load;
    }
}

export interface LinkLoadInput {
    readonly q: QuotientGraph;
    readonly schedule: Schedule;
    readonly patterns: readonly TrafficPattern[];
    /** The routed loads, by pattern index (those of the schedule's steps present). */
    readonly loads: readonly PatternLoad[];
    /** The collective protocol's share of the payload bandwidth. */
    readonly protocolEfficiency: number;
    /** Whether a link's capacity is its payload bandwidth (false in the ideal mode). */
    readonly payload: boolean;
    readonly timeSeconds: number;
}

/**
 * Per link member of the graph (static link ids, then `links.length + i` for circuit i of the graph's
 * configuration): its load in the phase (see the file's comment).
 */
export function scheduleLinkLoads(input: LinkLoadInput): Float32Array {
    const { q, schedule, loads, protocolEfficiency, payload, timeSeconds } = input;
    const g = q.graph;
    const cls = q.classes.classOf;
    const Q = q.qHead.length;
    // Bytes per unit of each pattern the schedule uses.
    const bytesOf = new Map<number, number>();
    for (const step of schedule.steps) bytesOf.set(step.pattern, (bytesOf.get(step.pattern) ?? 0) + step.transfers * step.bytes);
    const particular = [...bytesOf.keys()].filter(p => hasParticular(loads[p]));
    const detailed = new Map<number, PatternLoad>();
    if (particular.length > 0) {
        const routed = routePatterns(q, particular.map(p => input.patterns[p]), null, new Set(), true);
        particular.forEach((p, i) => detailed.set(p, routed[i]));
    }
    const used = [...bytesOf].map(([p, bytes]) => ({ load: detailed.get(p) ?? loads[p], bytes }));
    // Even spreads per bundle (every arc of a twin bundle alike): busy seconds of each of its arcs.
    const spread = new Float64Array(Q);
    const uniforms = used.map(u => u.load.uniform), unitBytes = used.map(u => u.bytes);
    for (let X = 0; X < q.count; X++) {
        for (let qa = q.qStart[X]; qa < q.qStart[X + 1]; qa++) {
            let units = 0;
            for (let k = 0; k < uniforms.length; k++) units += unitBytes[k] * uniforms[k][qa];
            const cap = linkCap(q, qa, payload, protocolEfficiency);
            if (units > 0 && cap > 0) spread[qa] = units / (q.size[X] * q.size[q.qHead[qa]]) / cap;
        }
    }
    const live = liveArcs(q);
    // What particular nodes and direct arcs add, arc by arc.
    const arcs = g.arcHead.length;
    let extra: Float64Array | null = null;
    for (const { load, bytes } of used) {
        const outs = load.outUnits, ins = load.inUnits;
        if (outs && ins && (outs.size > 0 || ins.size > 0)) addParticular(q, live, load, outs, ins, bytes, payload, protocolEfficiency, extra ??= new Float64Array(arcs));
        const own = load.directOwnUnits ?? load.directUnits;
        for (let i = 0; i < load.directArcs.length; i++) {
            const a = load.directArcs[i];
            const qa = quotientArc(q, cls[g.arcHead[g.arcRev[a]]], cls[g.arcHead[a]]);
            if (qa < 0) continue;
            extra ??= new Float64Array(arcs);
            extra[a] += bytes * own[i] / linkCap(q, qa, payload, protocolEfficiency);
        }
    }
    // Each edge once (from its lower end), its busier direction over the phase time, for all its members.
    const out = new Float32Array(g.memberEdge.length);
    edgeLoads(q, live, spread, extra, timeSeconds, out);
    return out;
}
