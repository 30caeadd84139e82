/**
 * Twin classes: nodes with identical neighbourhoods (same neighbours, over arcs of the same
 * capacity, latency and energy) and identical kind, forwarding and traversal latency. Swapping two
 * twins is an automorphism of the fabric, so twins route identically: the 72 GPUs of an NVL72 rack
 * are one class, its 18 switch chips another. Routing runs on classes, not nodes (see quotient-graph).
 */
import type { FabricGraph, GraphState } from '../graph/fabric-graph.js';

export interface TwinClasses {
    /** Class of each node; -1 for a dead node. */
    readonly classOf: Int32Array;
    readonly count: number;
    readonly memberStart: Int32Array;
    readonly members: Int32Array;
}

const scratch = new Float64Array(1);
const scratchBits = new Int32Array(scratch.buffer);

function mix(h: number, v: number): number {
    h ^= v;
    return Math.imul(h, 0x01000193) >>> 0;
}

function mixFloat(h: number, v: number): number {
    scratch[0] = v;
    return mix(mix(h, scratchBits[0]), scratchBits[1]);
}

function signatureHash(graph: FabricGraph, state: GraphState, u: number, extra: number): number {
    let h = 0x811c9dc5;
    h = mix(h, graph.nodeKind[u]);
    h = mix(h, graph.nodeForwards[u]);
    h = mixFloat(h, graph.nodeLatency[u]);
    h = mix(h, extra);
    for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) {
        const e = graph.arcEdge[a];
        const head = graph.arcHead[a];
        if (state.capacity[e] <= 0 || state.alive[head] !== 1) continue;
        h = mix(h, head);
        h = mixFloat(h, state.capacity[e]);
        h = mixFloat(h, graph.edgeLatency[e]);
        h = mixFloat(h, graph.edgeEnergyPerByte[e]);
    }
    return h;
}

function sameSignature(graph: FabricGraph, state: GraphState, u: number, v: number, extra: Int32Array | undefined): boolean {
    if (graph.nodeKind[u] !== graph.nodeKind[v] || graph.nodeForwards[u] !== graph.nodeForwards[v]) return false;
    if (graph.nodeLatency[u] !== graph.nodeLatency[v]) return false;
    if (extra && extra[u] !== extra[v]) return false;
    let a = graph.arcStart[u], b = graph.arcStart[v];
    const aEnd = graph.arcStart[u + 1], bEnd = graph.arcStart[v + 1];
    for (;;) {
        while (a < aEnd && (state.capacity[graph.arcEdge[a]] <= 0 || state.alive[graph.arcHead[a]] !== 1)) a++;
        while (b < bEnd && (state.capacity[graph.arcEdge[b]] <= 0 || state.alive[graph.arcHead[b]] !== 1)) b++;
        if (a === aEnd || b === bEnd) return a === aEnd && b === bEnd;
        const ea = graph.arcEdge[a], eb = graph.arcEdge[b];
        if (graph.arcHead[a] !== graph.arcHead[b] || state.capacity[ea] !== state.capacity[eb]
            || graph.edgeLatency[ea] !== graph.edgeLatency[eb] || graph.edgeEnergyPerByte[ea] !== graph.edgeEnergyPerByte[eb]) return false;
        a++; b++;
    }
}

function toClasses(classOf: Int32Array, count: number): TwinClasses {
    const memberStart = new Int32Array(count + 1);
    for (let u = 0; u < classOf.length; u++) if (classOf[u] >= 0) memberStart[classOf[u] + 1]++;
    for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
    const cursor = memberStart.slice(0, count);
    const members = new Int32Array(memberStart[count]);
    for (let u = 0; u < classOf.length; u++) if (classOf[u] >= 0) members[cursor[classOf[u]]++] = u;
    return { classOf, count, memberStart, members };
}

/** Groups `nodes` by signature, giving new classes from `next` on; returns the next free id. */
function groupBySignature(graph: FabricGraph, state: GraphState, nodes: Iterable<number>, classOf: Int32Array, next: number, extra?: Int32Array): number {
    const byHash = new Map<number, number[]>();
    const repOf: number[] = [];
    for (const u of nodes) {
        if (state.alive[u] !== 1) { classOf[u] = -1; continue; }
        const h = signatureHash(graph, state, u, extra ? extra[u] : 0);
        let candidates = byHash.get(h);
        if (!candidates) { candidates = []; byHash.set(h, candidates); }
        let found = -1;
        for (const c of candidates) if (sameSignature(graph, state, repOf[c - next], u, extra)) { found = c; break; }
        if (found < 0) {
            found = next + repOf.length;
            repOf.push(u);
            candidates.push(found);
        }
        classOf[u] = found;
    }
    return next + repOf.length;
}

/** Twin classes of every live node; `extra` splits classes further (e.g. by participation). */
export function computeTwinClasses(graph: FabricGraph, state: GraphState, extra?: Int32Array): TwinClasses {
    const classOf = new Int32Array(graph.nodeCount).fill(-1);
    const all = { [Symbol.iterator]: function* () { for (let u = 0; u < graph.nodeCount; u++) yield u; } };
    const count = groupBySignature(graph, state, all, classOf, 0, extra);
    return toClasses(classOf, count);
}

/**
 * Classes after a failure, from the classes before it: only the nodes whose neighbourhood changed
 * (`affected`) are re-signed; the others keep their class, which stays exact because their arcs did
 * not change.
 */
export function refineTwinClasses(graph: FabricGraph, state: GraphState, before: TwinClasses, affected: Iterable<number>): TwinClasses {
    const classOf = before.classOf.slice();
    const touched = new Set<number>();
    for (const u of affected) touched.add(u);
    for (let u = 0; u < graph.nodeCount; u++) if (state.alive[u] !== 1) { classOf[u] = -1; touched.delete(u); }
    const next = groupBySignature(graph, state, touched, classOf, before.count);
    return compact(classOf, next);
}

/** Splits every class by a per-node key (e.g. whether the node takes part in a phase). */
export function splitClasses(classes: TwinClasses, key: Uint8Array | Int32Array): TwinClasses {
    const classOf = new Int32Array(classes.classOf.length).fill(-1);
    const ids = new Map<number, number>();
    for (let u = 0; u < classOf.length; u++) {
        const c = classes.classOf[u];
        if (c < 0) continue;
        const k = c * 4294967296 + (key[u] >>> 0);
        let id = ids.get(k);
        if (id === undefined) { id = ids.size; ids.set(k, id); }
        classOf[u] = id;
    }
    return toClasses(classOf, ids.size);
}

function compact(classOf: Int32Array, bound: number): TwinClasses {
    const remap = new Int32Array(bound).fill(-1);
    let count = 0;
    for (let u = 0; u < classOf.length; u++) {
        const c = classOf[u];
        if (c < 0) continue;
        if (remap[c] < 0) remap[c] = count++;
        classOf[u] = remap[c];
    }
    return toClasses(classOf, count);
}
