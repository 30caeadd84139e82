/**
 * The fabric as a graph in typed arrays, built once per model and OCS configuration: one edge per
 * pair of nodes (parallel links and circuits aggregated, since routing sees one hop), stored as a
 * CSR adjacency sorted by neighbour so that twin nodes line up arc by arc.
 *
 * An OCS circuit is an edge between its two endpoints that exists only in its configuration: the
 * OCS does not switch packets, it adds its latency to the circuit and uses two of its ports.
 */
import type { RankGrid } from '../collectives/algorithms/grid.js';
import type { FabricModel, OcsCircuit } from '../model/fabric-model.js';
import { laserSourcePowerWatts, latencyStack, linkBandwidthBytesPerSecond, linkPowerAtFullLoad, linkTrafficJoulesPerByte, linksPerLaserSource, linkUsable } from '../links/link-metrics.js';
import { linkEfficiency } from '../links/link-defaults.js';

export const KIND_ACCELERATOR = 0;
export const KIND_SWITCH = 1;
export const KIND_OCS = 2;

export interface FabricGraph {
    readonly model: FabricModel;
    /** The OCS configuration whose circuits are edges, or null for static links only. */
    readonly configuration: string | null;
    readonly circuits: readonly OcsCircuit[];
    readonly nodeCount: number;
    readonly nodeKind: Uint8Array;
    /** Whether traffic may pass through the node: switches, and accelerators whose type says they route. */
    readonly nodeForwards: Uint8Array;
    /** Whether the node is a switch whose type reduces in the network (NVLS/SHARP), whether alive or not. */
    readonly nodeReduces: Uint8Array;
    /** Latency of one traversal of the node (a switch's port-to-port latency). */
    readonly nodeLatency: Float64Array;
    readonly arcStart: Int32Array;
    readonly arcHead: Int32Array;
    readonly arcEdge: Int32Array;
    /** The opposite arc of the same edge. */
    readonly arcRev: Int32Array;
    readonly edgeCount: number;
    readonly edgeA: Int32Array;
    readonly edgeB: Int32Array;
    /** Per-direction bytes/s with every member up. */
    readonly edgeCapacity: Float64Array;
    /** Slowest member's latency stack plus, for circuits, the OCS traversal. */
    readonly edgeLatency: Float64Array;
    /** Capacity-weighted traffic energy per byte of one direction (the traffic share of energy per bit). */
    readonly edgeEnergyPerByte: Float64Array;
    /** Capacity-weighted payload share of the wire rate (link protocol framing). */
    readonly edgeEfficiency: Float64Array;
    /**
     * Watts the edge's members draw whenever they are up: their idle share and fixed watts per end, their
     * share of the laser sources feeding them and, for circuits, of their OCS. A phase that uses the
     * edge is charged these (the attribution of fixed power to the parts a phase uses).
     */
    readonly edgeFixedWatts: Float64Array;
    /** The widest edge with every part up: capacity weights of adaptive routing are relative to it. */
    readonly referenceCapacity: number;
    /** Members: static link ids, then `links.length + i` for circuit i of this configuration. */
    readonly edgeMemberStart: Int32Array;
    readonly edgeMembers: Int32Array;
    readonly memberCapacity: Float64Array;
    readonly memberEdge: Int32Array;
    /** The ranks as a grid (see rankGrid), read once per rank list: it depends on the graph's links alone. */
    readonly rankGrids: Map<string, RankGrid | string>;
}

/** The state of a graph under a failure: which nodes live and what each edge still carries. */
export interface GraphState {
    readonly alive: Uint8Array;
    readonly capacity: Float64Array;
}

interface Member { a: number; b: number; capacity: number; latency: number; energyPerByte: number; efficiency: number; idleWatts: number; index: number }

function nodeKindCode(kind: string): number {
    return kind === 'switch' ? KIND_SWITCH : kind === 'ocs' ? KIND_OCS : KIND_ACCELERATOR;
}

function nodeTraversalLatency(model: FabricModel, id: number): number {
    const node = model.nodes[id];
    if (node.kind !== 'switch') return 0;
    const latency = model.types.switches[node.type]?.latencySeconds ?? 0;
    return Number.isFinite(latency) && latency > 0 ? latency : 0;
}

export function buildFabricGraph(model: FabricModel, configuration: string | null): FabricGraph {
    const n = model.nodes.length;
    const nodeKind = new Uint8Array(n);
    const nodeLatency = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        nodeKind[i] = nodeKindCode(model.nodes[i].kind);
        nodeLatency[i] = nodeTraversalLatency(model, i);
    }
    const members: Member[] = [];
    const fed = linksPerLaserSource(model);
    const laserShare = (id: number | undefined) => (id !== undefined && fed[id] > 0 ? laserSourcePowerWatts(model, id) / fed[id] : 0);
    for (const link of model.links) {
        if (!linkUsable(model, link)) continue;
        const optics = model.types.optics[link.optics];
        const capacity = linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps);
        members.push({
            a: link.a, b: link.b, index: link.id, capacity,
            latency: latencyStack(optics, link.lengthMeters).totalSeconds,
            energyPerByte: linkTrafficJoulesPerByte(optics), efficiency: linkEfficiency(optics, link.protocol),
            idleWatts: linkPowerAtFullLoad(optics, capacity).idleWatts + laserShare(link.laserSourceId) + laserShare(link.laserSourceIdB)
        });
    }
    const config = configuration === null ? undefined : model.ocsConfigurations.find(c => c.name === configuration);
    const circuits = config?.circuits ?? [];
    const circuitsPerOcs = new Map<number, number>();
    for (const c of circuits) circuitsPerOcs.set(c.ocs, (circuitsPerOcs.get(c.ocs) ?? 0) + 1);
    const ocsShare = (ocs: number) => {
        const node = model.nodes[ocs];
        const watts = node?.kind === 'ocs' ? model.types.ocs[node.type]?.powerWatts ?? 0 : 0;
        return Number.isFinite(watts) && watts > 0 ? watts / (circuitsPerOcs.get(ocs) ?? 1) : 0;
    };
    circuits.forEach((circuit, i) => {
        if (!linkUsable(model, circuit)) return;
        const optics = model.types.optics[circuit.optics];
        const ocsNode = model.nodes[circuit.ocs];
        const ocsLatency = ocsNode ? model.types.ocs[ocsNode.type]?.latencySeconds ?? 0 : 0;
        const capacity = linkBandwidthBytesPerSecond(circuit.lanes, circuit.laneRateBps);
        members.push({
            a: circuit.a, b: circuit.b, index: model.links.length + i, capacity,
            latency: latencyStack(optics, circuit.lengthMeters, ocsLatency).totalSeconds,
            energyPerByte: linkTrafficJoulesPerByte(optics), efficiency: linkEfficiency(optics, circuit.protocol),
            idleWatts: linkPowerAtFullLoad(optics, capacity).idleWatts + ocsShare(circuit.ocs)
        });
    });

    // Switches forward; an accelerator only when its type says it routes between its ports (an ICI
    // router). A GPU on NVLink is an endpoint: no path passes through it, whatever its neighbours.
    const nodeForwards = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
        const node = model.nodes[i];
        nodeForwards[i] = nodeKind[i] === KIND_SWITCH || (nodeKind[i] === KIND_ACCELERATOR && model.types.accelerators[node.type]?.forwards === true) ? 1 : 0;
    }
    const nodeReduces = new Uint8Array(n);
    for (let i = 0; i < n; i++) nodeReduces[i] = nodeKind[i] === KIND_SWITCH && model.types.switches[model.nodes[i].type]?.inNetworkReduction === true ? 1 : 0;

    // Aggregate members into edges keyed by the unordered pair.
    const edgeOf = new Map<number, number>();
    const edgeA: number[] = [];
    const edgeB: number[] = [];
    const memberEdgeList: number[] = [];
    for (const m of members) {
        const lo = Math.min(m.a, m.b);
        const hi = Math.max(m.a, m.b);
        const key = lo * n + hi;
        let e = edgeOf.get(key);
        if (e === undefined) {
            e = edgeA.length;
            edgeOf.set(key, e);
            edgeA.push(lo);
            edgeB.push(hi);
        }
        memberEdgeList.push(e);
    }
    const edgeCount = edgeA.length;
    const edgeCapacity = new Float64Array(edgeCount);
    const edgeLatency = new Float64Array(edgeCount);
    const energy = new Float64Array(edgeCount);
    const efficiency = new Float64Array(edgeCount);
    const edgeFixedWatts = new Float64Array(edgeCount);
    const memberCount = new Int32Array(edgeCount + 1);
    const memberTotal = model.links.length + circuits.length;
    const memberCapacity = new Float64Array(memberTotal);
    const memberEdge = new Int32Array(memberTotal).fill(-1);
    members.forEach((m, i) => {
        const e = memberEdgeList[i];
        edgeCapacity[e] += m.capacity;
        edgeLatency[e] = Math.max(edgeLatency[e], m.latency);
        energy[e] += m.energyPerByte * m.capacity;
        efficiency[e] += m.efficiency * m.capacity;
        edgeFixedWatts[e] += m.idleWatts;
        memberCount[e + 1]++;
        memberCapacity[m.index] = m.capacity;
        memberEdge[m.index] = e;
    });
    const edgeEnergyPerByte = new Float64Array(edgeCount);
    const edgeEfficiency = new Float64Array(edgeCount);
    let referenceCapacity = 0;
    for (let e = 0; e < edgeCount; e++) {
        edgeEnergyPerByte[e] = edgeCapacity[e] > 0 ? energy[e] / edgeCapacity[e] : 0;
        edgeEfficiency[e] = edgeCapacity[e] > 0 ? efficiency[e] / edgeCapacity[e] : 1;
        referenceCapacity = Math.max(referenceCapacity, edgeCapacity[e]);
    }
    const edgeMemberStart = new Int32Array(edgeCount + 1);
    for (let e = 0; e < edgeCount; e++) edgeMemberStart[e + 1] = edgeMemberStart[e] + memberCount[e + 1];
    const fill = edgeMemberStart.slice(0, edgeCount);
    const edgeMembers = new Int32Array(members.length);
    members.forEach((m, i) => { edgeMembers[fill[memberEdgeList[i]]++] = m.index; });

    // CSR adjacency, each node's arcs sorted by neighbour id.
    const degree = new Int32Array(n + 1);
    for (let e = 0; e < edgeCount; e++) { degree[edgeA[e] + 1]++; degree[edgeB[e] + 1]++; }
    const arcStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) arcStart[i + 1] = arcStart[i] + degree[i + 1];
    const arcs = arcStart[n];
    const arcHead = new Int32Array(arcs);
    const arcEdge = new Int32Array(arcs);
    const cursor = arcStart.slice(0, n);
    for (let e = 0; e < edgeCount; e++) {
        const a = edgeA[e], b = edgeB[e];
        arcHead[cursor[a]] = b; arcEdge[cursor[a]++] = e;
        arcHead[cursor[b]] = a; arcEdge[cursor[b]++] = e;
    }
    for (let u = 0; u < n; u++) sortArcs(arcHead, arcEdge, arcStart[u], arcStart[u + 1]);
    const arcRev = new Int32Array(arcs);
    const firstArcOfEdge = new Int32Array(edgeCount).fill(-1);
    for (let a = 0; a < arcs; a++) {
        const e = arcEdge[a];
        if (firstArcOfEdge[e] < 0) firstArcOfEdge[e] = a;
        else { arcRev[a] = firstArcOfEdge[e]; arcRev[firstArcOfEdge[e]] = a; }
    }
    return {
        model, configuration: config ? config.name : null, circuits, nodeCount: n, nodeKind, nodeForwards, nodeReduces, nodeLatency,
        arcStart, arcHead, arcEdge, arcRev, edgeCount,
        edgeA: Int32Array.from(edgeA), edgeB: Int32Array.from(edgeB), edgeCapacity, edgeLatency, edgeEnergyPerByte, edgeEfficiency, edgeFixedWatts,
        referenceCapacity: referenceCapacity > 0 ? referenceCapacity : 1,
        edgeMemberStart, edgeMembers, memberCapacity, memberEdge, rankGrids: new Map()
    };
}

function sortArcs(head: Int32Array, edge: Int32Array, from: number, to: number): void {
    if (to - from < 2) return;
    let sorted = true;
    for (let i = from + 1; i < to; i++) if (head[i - 1] > head[i]) { sorted = false; break; }
    if (sorted) return;
    if (to - from <= 32) {
        // A node's few arcs: insertion sort, stable like the sort below (arcs to one head keep their order).
        for (let i = from + 1; i < to; i++) {
            const h = head[i], e = edge[i];
            let j = i - 1;
            while (j >= from && head[j] > h) { head[j + 1] = head[j]; edge[j + 1] = edge[j]; j--; }
            head[j + 1] = h; edge[j + 1] = e;
        }
        return;
    }
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => head[x] - head[y]);
    const h = order.map(i => head[i]);
    const e = order.map(i => edge[i]);
    for (let i = 0; i < h.length; i++) { head[from + i] = h[i]; edge[from + i] = e[i]; }
}

export function baseState(graph: FabricGraph): GraphState {
    return { alive: new Uint8Array(graph.nodeCount).fill(1), capacity: graph.edgeCapacity.slice() };
}

/**
 * Whether traffic over an edge splits by capacity: a packet switch at either end routes adaptively
 * (and an accelerator sprays over its links into switches). Between two accelerators, traffic keeps
 * to its paths whatever they carry: a ring over that link waits for it.
 */
export function edgeSplitsByCapacity(graph: FabricGraph, edge: number): boolean {
    return graph.nodeKind[graph.edgeA[edge]] === KIND_SWITCH || graph.nodeKind[graph.edgeB[edge]] === KIND_SWITCH;
}

/** Whether an arc carries traffic in a state: its edge has capacity and both ends live. */
export function arcAlive(graph: FabricGraph, state: GraphState, arc: number): boolean {
    return state.capacity[graph.arcEdge[arc]] > 0 && state.alive[graph.arcHead[arc]] === 1;
}

/** Index of `value` in the sorted run values[from, to), or -1. */
export function searchSorted(values: Int32Array, from: number, to: number, value: number): number {
    let lo = from, hi = to - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const h = values[mid];
        if (h === value) return mid;
        if (h < value) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

/** The arc from u to v, or -1. */
export function findArc(graph: FabricGraph, u: number, v: number): number {
    return searchSorted(graph.arcHead, graph.arcStart[u], graph.arcStart[u + 1], v);
}

/** Describes a member for reports: static link ids and `configuration#index` circuits. */
export function edgeMemberIds(graph: FabricGraph, edge: number): { linkIds: number[]; circuits: string[] } {
    const linkIds: number[] = [];
    const circuits: string[] = [];
    const links = graph.model.links.length;
    for (let i = graph.edgeMemberStart[edge]; i < graph.edgeMemberStart[edge + 1]; i++) {
        const m = graph.edgeMembers[i];
        if (m < links) linkIds.push(m); else circuits.push(`${graph.configuration}#${m - links}`);
    }
    return { linkIds, circuits };
}
