/**
 * In-network reduction (NVLS/SHARP-style): every rank sends its buffer, split into shards, to the
 * reducing switches it reaches directly; each switch reduces its shard over all ranks and sends the
 * result back. About S/B into the switches plus one round trip.
 *
 * Two tiers: when the ranks fall into groups reaching different first-tier switches (racks under a
 * spine), the second-tier reducing switches take equal ranges of the buffer and every first-tier
 * switch sends each the part of its own range that overlaps (so a rack that lost a switch tray still
 * lines up); they reduce across groups and send it back down. Where no second-tier switch reaches every
 * first-tier one (rail planes), shard j of every group goes to the switches the j-th switches share. Up and down
 * stream at once (pipelined), so the time is the busiest link's bytes over its capacity plus the
 * round trip rank → tier 1 → tier 2 → tier 1 → rank: about S/B_rank for a non-blocking spine.
 *
 * Shards are sized by capacity (adaptive): shard j in proportion to the slowest rank link into the
 * j-th switch, so a rank with a de-rated link does not pace every shard.
 */
import type { FabricGraph, GraphState } from '../../graph/fabric-graph.js';
import type { ScheduleBuilder } from '../schedule.js';

/** Whether arc `a` still carries traffic to a live switch that reduces in the network. */
function toLiveReducer(graph: FabricGraph, state: GraphState, a: number): boolean {
    const x = graph.arcHead[a];
    return state.capacity[graph.arcEdge[a]] > 0 && graph.nodeReduces[x] === 1 && state.alive[x] === 1;
}

/** The live reducing switches adjacent to u (not in `exclude`), with the arc to each, by ascending id. */
function reducersNear(graph: FabricGraph, state: GraphState, u: number, exclude: Uint8Array): Map<number, number> {
    const near = new Map<number, number>();
    for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) {
        if (toLiveReducer(graph, state, a) && exclude[graph.arcHead[a]] === 0) near.set(graph.arcHead[a], a);
    }
    return near;
}

/** A group of ranks sharing first-tier switches: `arcs[m * leaves.length + j]` is member m's arc to leaf j. */
interface Tier {
    readonly members: number[];
    readonly leaves: number[];
    readonly arcs: Int32Array;
}

/**
 * The first tier: each rank's live reducing neighbours (the CSR lists neighbours by ascending id, one
 * arc per neighbour), then one tier when some switches reach every rank (those alone), else groups of
 * ranks reaching the same switches, in order of first appearance. Null when some rank reaches none.
 * (Flat arrays, not a map per rank: the failure sweep builds this once per failed state.)
 */
function firstTiers(graph: FabricGraph, state: GraphState, ranks: readonly number[]): Tier[] | null {
    const n = ranks.length;
    const start = new Int32Array(n + 1);
    const switches: number[] = [], arcs: number[] = [];
    const reached = new Int32Array(graph.nodeCount);
    for (let i = 0; i < n; i++) {
        const u = ranks[i];
        for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) {
            if (!toLiveReducer(graph, state, a)) continue;
            const x = graph.arcHead[a];
            switches.push(x); arcs.push(a); reached[x]++;
        }
        start[i + 1] = switches.length;
        if (start[i + 1] === start[i]) return null;
    }
    const common: number[] = [];
    for (let k = start[0]; k < start[1]; k++) if (reached[switches[k]] === n) common.push(switches[k]);
    if (common.length > 0) {
        const tierArcs = new Int32Array(n * common.length);
        for (let i = 0; i < n; i++) {
            let j = 0;
            for (let k = start[i]; k < start[i + 1]; k++) if (reached[switches[k]] === n) tierArcs[i * common.length + j++] = arcs[k];
        }
        return [{ members: ranks.map((_, i) => i), leaves: common, arcs: tierArcs }];
    }
    const groups = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
        const key = switches.slice(start[i], start[i + 1]).join(',');
        (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
    }
    return [...groups.values()].map(members => {
        const leaves = switches.slice(start[members[0]], start[members[0] + 1]);
        const tierArcs = new Int32Array(members.length * leaves.length);
        members.forEach((i, m) => { for (let j = 0; j < leaves.length; j++) tierArcs[m * leaves.length + j] = arcs[start[i] + j]; });
        return { members, leaves, arcs: tierArcs };
    });
}

/** The transfers of the pattern, both ways of each arc. */
interface Transfers {
    readonly src: Int32Array;
    readonly dst: Int32Array;
    readonly arcs: Int32Array;
    readonly sizes: Float64Array;
}

/**
 * `size` over `arc` and back over its reverse, written at `at`; returns the next free index.
 * (Module-level: a closure counting into a captured index kept the hot loop slow.)
 */
function sendBothWays(graph: FabricGraph, out: Transfers, at: number, arc: number, size: number): number {
    const back = graph.arcRev[arc];
    const from = graph.arcHead[back], to = graph.arcHead[arc];
    out.src[at] = from; out.dst[at] = to; out.arcs[at] = arc; out.sizes[at] = size;
    out.src[at + 1] = to; out.dst[at + 1] = from; out.arcs[at + 1] = back; out.sizes[at + 1] = size;
    return at + 2;
}

export function inNetworkAllReduce(b: ScheduleBuilder, graph: FabricGraph, state: GraphState, ranks: readonly number[], bytes: number): void {
    const tiers = firstTiers(graph, state, ranks);
    if (tiers === null) {
        b.skip('in-network', 'no switch that reduces in the network reaches every rank directly');
        return;
    }
    const firstTier = new Set(tiers.flatMap(t => t.leaves));
    const inFirstTier = new Uint8Array(graph.nodeCount);
    for (const leaf of firstTier) inFirstTier[leaf] = 1;
    const capacityOf = (arc: number) => state.capacity[graph.arcEdge[arc]];
    const latencyOf = (arc: number) => graph.edgeLatency[graph.arcEdge[arc]];
    // Each group splits the buffer over its first-tier switches in ranges sized to the slowest rank link
    // into each (a de-rated link gets a smaller range); the ranges tile [0, 1).
    const ranges = tiers.map(t => {
        const k = t.leaves.length;
        const weight = t.leaves.map((_, j) => {
            let low = Infinity;
            for (let m = 0; m < t.members.length; m++) low = Math.min(low, capacityOf(t.arcs[m * k + j]));
            return low;
        });
        const total = weight.reduce((x, y) => x + y, 0);
        let from = 0;
        return weight.map(w => { const range = [from, from + w / total] as const; from += w / total; return range; });
    });
    // Second tier. Where reducing switches reach every first-tier switch, they take equal ranges of the
    // buffer and each first-tier switch sends each the overlap of their ranges (rack groups of unequal
    // size still line up). Otherwise shard j of every group goes to the switches its j-th switches share.
    type Up = { arc: number; size: number };
    const up: Up[] = [];
    let aboveMax = 0;
    const above = new Map<number, number>();
    if (tiers.length > 1) {
        // Each first-tier switch's reducing neighbours above it, looked up once.
        const aboveOf = new Map<number, Map<number, number>>();
        const reducersAbove = (leaf: number) => {
            let near = aboveOf.get(leaf);
            if (!near) { near = reducersNear(graph, state, leaf, inFirstTier); aboveOf.set(leaf, near); }
            return near;
        };
        let shared: number[] | null = null;
        for (const leaf of firstTier) {
            const mine = reducersAbove(leaf);
            shared = shared === null ? [...mine.keys()] : shared.filter(x => mine.has(x));
        }
        const spines = (shared ?? []).sort((x, y) => x - y);
        const tripUp = (leaf: number, arc: number) => {
            const t = 2 * latencyOf(arc) + graph.nodeLatency[graph.arcHead[arc]] + graph.nodeLatency[leaf];
            above.set(leaf, Math.max(above.get(leaf) ?? 0, t));
        };
        if (spines.length > 0) {
            const m = spines.length;
            tiers.forEach((t, g) => t.leaves.forEach((leaf, i) => {
                const [a, z] = ranges[g][i];
                const arcsTo = reducersAbove(leaf);
                for (let p = Math.floor(a * m); p < m && p / m < z; p++) {
                    const overlap = Math.min(z, (p + 1) / m) - Math.max(a, p / m);
                    if (overlap <= 0) continue;
                    const arc = arcsTo.get(spines[p])!;
                    up.push({ arc, size: bytes * overlap });
                    tripUp(leaf, arc);
                }
            }));
        } else {
            const shards = tiers[0].leaves.length;
            if (tiers.some(t => t.leaves.length !== shards)) {
                b.skip('in-network', 'the rank groups reach different reducing switches and no second tier of reducing switches joins them');
                return;
            }
            for (let j = 0; j < shards; j++) {
                let common: Map<number, number[]> | null = null;
                for (const t of tiers) {
                    const mine = reducersAbove(t.leaves[j]);
                    const next = new Map<number, number[]>();
                    for (const [p, arc] of mine) if (!common || common.has(p)) next.set(p, [...(common?.get(p) ?? []), arc]);
                    common = next;
                }
                if (!common || common.size === 0) {
                    b.skip('in-network', 'the rank groups reach different reducing switches and no second tier of reducing switches joins them');
                    return;
                }
                tiers.forEach((t, g) => {
                    const [a, z] = ranges[g][j];
                    for (const arcsUp of common!.values()) {
                        const arc = arcsUp[g];
                        up.push({ arc, size: bytes * (z - a) / common!.size });
                        tripUp(t.leaves[j], arc);
                    }
                });
            }
        }
        for (const v of above.values()) aboveMax = Math.max(aboveMax, v);
    }
    // Every transfer is to a neighbour: the pattern names the arcs (no routing), both ways.
    let transfers = up.length;
    for (const t of tiers) transfers += t.members.length * t.leaves.length;
    const out: Transfers = { src: new Int32Array(2 * transfers), dst: new Int32Array(2 * transfers), arcs: new Int32Array(2 * transfers), sizes: new Float64Array(2 * transfers) };
    let at = 0;
    let alpha = 0;
    const { arcEdge, edgeLatency, nodeLatency } = graph;
    for (let g = 0; g < tiers.length; g++) {
        const t = tiers[g], k = t.leaves.length;
        // Per leaf, what every member's transfer to it shares (the round trip summed in the same order).
        const part = ranges[g].map(([a, z]) => bytes * (z - a));
        const leafLatency = t.leaves.map(leaf => nodeLatency[leaf]);
        const beyond = t.leaves.map(leaf => (tiers.length > 1 ? above.get(leaf) ?? aboveMax : 0));
        // The hot loop: every rank's transfer to every switch of its group.
        for (let m = 0; m < t.members.length; m++) {
            for (let j = 0; j < k; j++) {
                const arc = t.arcs[m * k + j];
                at = sendBothWays(graph, out, at, arc, part[j]);
                const trip = 2 * edgeLatency[arcEdge[arc]] + leafLatency[j] + beyond[j];
                if (trip > alpha) alpha = trip;
            }
        }
    }
    for (const { arc, size } of up) at = sendBothWays(graph, out, at, arc, size);
    const secondTier = new Set(up.map(u => graph.arcHead[u.arc])).size;
    const pattern = b.add({ kind: 'arcs', src: out.src, dst: out.dst, arcs: out.arcs, weight: out.sizes });
    const shards = Math.max(...tiers.map(t => t.leaves.length));
    const detail = tiers.length > 1
        ? `${shards} shards through ${firstTier.size} first-tier and ${secondTier} second-tier reducing switches`
        : `${shards} shards through ${shards} reducing switches`;
    b.schedule('in-network', [{ pattern, bytes: 1, latencySteps: 1, transfers: 1, alphaSeconds: alpha, label: 'reduce in the switches and return' }],
        detail, 'sequential', 2 * bytes * ranks.length);
}
