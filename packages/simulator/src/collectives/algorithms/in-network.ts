/**
 * In-network reduction (NVLS/SHARP-style): every rank sends its buffer, split into shards, to the
 * reducing switches it reaches directly; each switch reduces its shard over all ranks and sends the
 * result back. About S/B into the switches plus one round trip (DOMAIN.md).
 *
 * Two tiers: when the ranks fall into groups reaching different first-tier switches (racks under a
 * spine), shard j of every group goes from that group's j-th switch up to the reducing switches the
 * j-th switches of all groups share, which reduce across groups and send it back down. Up and down
 * stream at once (pipelined), so the time is the busiest link's bytes over its capacity plus the
 * round trip rank → tier 1 → tier 2 → tier 1 → rank: about S/B_rank for a non-blocking spine.
 *
 * Shards are sized by capacity (adaptive): shard j in proportion to the slowest rank link into the
 * j-th switch, so a rank with a de-rated link does not pace every shard.
 */
import { KIND_SWITCH, type FabricGraph, type GraphState } from '../../graph/fabric-graph.js';
import type { ScheduleBuilder } from '../schedule.js';

function reduces(graph: FabricGraph, state: GraphState, x: number): boolean {
    const node = graph.model.nodes[x];
    return graph.nodeKind[x] === KIND_SWITCH && state.alive[x] === 1 && graph.model.types.switches[node.type]?.inNetworkReduction === true;
}

/** The live reducing switches adjacent to u, with the arc to each. */
function reducersNear(graph: FabricGraph, state: GraphState, u: number, exclude?: ReadonlySet<number>): Map<number, number> {
    const near = new Map<number, number>();
    for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) {
        const x = graph.arcHead[a];
        if (state.capacity[graph.arcEdge[a]] <= 0 || !reduces(graph, state, x) || exclude?.has(x)) continue;
        near.set(x, a);
    }
    return near;
}

export function inNetworkAllReduce(b: ScheduleBuilder, graph: FabricGraph, state: GraphState, ranks: readonly number[], bytes: number): void {
    const near = ranks.map(r => reducersNear(graph, state, r));
    if (near.some(m => m.size === 0)) {
        b.skip('in-network', 'no switch that reduces in the network reaches every rank directly');
        return;
    }
    // One tier when some reducing switches reach every rank; else groups of ranks reaching the same ones.
    const common = [...near[0].keys()].filter(x => near.every(m => m.has(x)));
    const groups = new Map<string, number[]>();
    if (common.length > 0) {
        groups.set('', ranks.map((_, i) => i));
        near.forEach(m => { for (const x of [...m.keys()]) if (!common.includes(x)) m.delete(x); });
    } else {
        near.forEach((m, i) => {
            const key = [...m.keys()].sort((x, y) => x - y).join(',');
            (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
        });
    }
    const tiers = [...groups.values()].map(members => ({ members, leaves: [...near[members[0]].keys()].sort((x, y) => x - y) }));
    const shards = tiers[0].leaves.length;
    if (tiers.some(t => t.leaves.length !== shards)) {
        b.skip('in-network', 'the rank groups reach different numbers of reducing switches');
        return;
    }
    const firstTier = new Set(tiers.flatMap(t => t.leaves));
    const capacityOf = (arc: number) => state.capacity[graph.arcEdge[arc]];
    const latencyOf = (arc: number) => graph.edgeLatency[graph.arcEdge[arc]];
    // Second tier, per shard: reducing switches every group's j-th switch reaches.
    const spines: Array<Map<number, number[]>> = [];
    if (tiers.length > 1) {
        for (let j = 0; j < shards; j++) {
            let common: Map<number, number[]> | null = null;
            for (const t of tiers) {
                const up = reducersNear(graph, state, t.leaves[j], firstTier);
                const next = new Map<number, number[]>();
                for (const [p, arc] of up) if (!common || common.has(p)) next.set(p, [...(common?.get(p) ?? []), arc]);
                common = next;
            }
            if (!common || common.size === 0) {
                b.skip('in-network', 'the rank groups reach different reducing switches and no second tier of reducing switches joins them');
                return;
            }
            spines.push(common);
        }
    }
    // Shard sizes in proportion to the slowest rank link into each first-tier position.
    const weight = new Float64Array(shards).fill(Infinity);
    for (const t of tiers) {
        for (const i of t.members) t.leaves.forEach((leaf, j) => { weight[j] = Math.min(weight[j], capacityOf(near[i].get(leaf)!)); });
    }
    const total = weight.reduce((s, w) => s + w, 0);
    // Every transfer is to a neighbour: the pattern names the arcs (no routing), both ways.
    let transfers = 0;
    for (const t of tiers) transfers += t.members.length * shards;
    for (const common of spines) for (const arcsUp of common.values()) transfers += arcsUp.length;
    const src = new Int32Array(2 * transfers), dst = new Int32Array(2 * transfers), arcs = new Int32Array(2 * transfers), sizes = new Float64Array(2 * transfers);
    let at = 0;
    let alpha = 0;
    const send = (arc: number, size: number) => {
        const from = graph.arcHead[graph.arcRev[arc]], to = graph.arcHead[arc];
        src[at] = from; dst[at] = to; arcs[at] = arc; sizes[at++] = size;
        src[at] = to; dst[at] = from; arcs[at] = graph.arcRev[arc]; sizes[at++] = size;
    };
    // The round trip above the first tier, per shard: the slowest second-tier switch of shard j.
    const above = spines.map(common => {
        let up = 0;
        for (const arcs of common.values()) for (const a of arcs) up = Math.max(up, 2 * latencyOf(a) + graph.nodeLatency[graph.arcHead[a]]);
        return up;
    });
    for (const t of tiers) {
        for (const i of t.members) {
            t.leaves.forEach((leaf, j) => {
                const arc = near[i].get(leaf)!;
                send(arc, bytes * weight[j] / total);
                let trip = 2 * latencyOf(arc) + graph.nodeLatency[leaf];
                if (spines.length > 0) trip += above[j] + graph.nodeLatency[leaf];
                alpha = Math.max(alpha, trip);
            });
        }
    }
    spines.forEach((common, j) => {
        for (const arcsUp of common.values()) {
            // One arc per group's j-th switch into this spine.
            for (const arc of arcsUp) send(arc, bytes * weight[j] / total / common.size);
        }
    });
    const pattern = b.add({ kind: 'arcs', src, dst, arcs, weight: sizes });
    const detail = spines.length > 0
        ? `${shards} shards through ${firstTier.size} first-tier and ${new Set(spines.flatMap(m => [...m.keys()])).size} second-tier reducing switches`
        : `${shards} shards through ${shards} reducing switches`;
    b.schedule('in-network', [{ pattern, bytes: 1, latencySteps: 1, transfers: 1, alphaSeconds: alpha, label: 'reduce in the switches and return' }],
        detail, 'sequential', 2 * bytes * ranks.length);
}
