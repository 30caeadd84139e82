/**
 * Ring all-reduce, reduce-scatter and all-gather. Two layouts are priced and the faster is the ring:
 *
 * - in rank order (the declaration order), routed over the network: on a switched fabric every
 *   order is alike;
 * - along physical neighbours: Hamiltonian cycles over the direct links among the ranks (a snake
 *   through a torus, or as many link-disjoint cycles as a hybrid cube-mesh allows), each run in both
 *   directions as concurrent rings that share the data (NCCL's channels).
 *
 * Ring reduce-scatter or all-gather over R concurrent rings: n−1 steps, each rank sending S/(R·n) on
 * every ring per step; all-reduce is the two back to back: 2(n−1)α + 2(n−1)/n · S/(R·B_ring).
 */
import type { CollectiveKind } from '../../model/fabric-model.js';
import { KIND_ACCELERATOR, type FabricGraph } from '../../graph/fabric-graph.js';
import { neighbourFlows, ringsPattern, type ScheduleBuilder, type ScheduleStep } from '../schedule.js';
import { disjointHamiltonianCycles, EXHAUSTIVE_RANKS, GREEDY_MAX_DEGREE } from './hamiltonian.js';
import { snakeCycle, type RankGrid } from './grid.js';

/** The reduce-scatter and/or all-gather passes of a ring schedule over one pattern. */
export function ringSteps(collective: CollectiveKind, pattern: number, n: number, bytesPerStep: number, where: string): ScheduleStep[] {
    const rs: ScheduleStep = { pattern, bytes: bytesPerStep, latencySteps: n - 1, transfers: n - 1, reduces: true, label: `reduce-scatter ${where}` };
    const ag: ScheduleStep = { pattern, bytes: bytesPerStep, latencySteps: n - 1, transfers: n - 1, label: `all-gather ${where}` };
    if (collective === 'reduce-scatter') return [rs];
    if (collective === 'all-gather') return [ag];
    return [rs, ag];
}

/** Hamiltonian cycles over the direct accelerator-to-accelerator links among the ranks (rank node ids). */
export function neighbourCycles(graph: FabricGraph, ranks: readonly number[], grid: RankGrid | null): number[][] {
    const n = ranks.length;
    if (n < 3) return [];
    if (grid) {
        const snake = snakeCycle(grid, ranks);
        if (snake) return [snake];
    }
    // Dense neighbourhoods are not searched (see hamiltonian.ts): skip building them.
    const directDegree = (r: number) => {
        let d = 0;
        for (let a = graph.arcStart[r]; a < graph.arcStart[r + 1]; a++) if (graph.nodeKind[graph.arcHead[a]] === KIND_ACCELERATOR) d++;
        return d;
    };
    if (n > EXHAUSTIVE_RANKS && ranks.some(r => directDegree(r) > GREEDY_MAX_DEGREE)) return [];
    const position = new Map<number, number>();
    ranks.forEach((r, i) => position.set(r, i));
    const adjacency: number[][] = ranks.map(() => []);
    const units = new Map<number, number>();
    let any = false;
    for (let i = 0; i < n; i++) {
        const u = ranks[i];
        for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) {
            const j = position.get(graph.arcHead[a]);
            if (j === undefined || graph.nodeKind[graph.arcHead[a]] !== KIND_ACCELERATOR) continue;
            adjacency[i].push(j);
            if (i < j) {
                const e = graph.arcEdge[a];
                units.set(i * n + j, graph.edgeMemberStart[e + 1] - graph.edgeMemberStart[e]);
                any = true;
            }
        }
    }
    if (!any) return [];
    return disjointHamiltonianCycles(n, { adjacency, units }).map(cycle => cycle.map(i => ranks[i]));
}

/** The ring schedules of an all-reduce, reduce-scatter or all-gather. */
export function ringSchedules(b: ScheduleBuilder, graph: FabricGraph, collective: CollectiveKind, ranks: readonly number[], bytes: number, cycles: readonly number[][]): void {
    const n = ranks.length;
    const ordered = b.add(ringsPattern([ranks]));
    b.schedule('ring', ringSteps(collective, ordered, n, bytes / n, 'around the ring'), 'one ring in rank order');
    if (cycles.length === 0) return;
    const directed = cycles.flatMap(c => [c, [...c].reverse()]);
    const along = b.add(neighbourFlows(graph, directed.flatMap(ring => ring.map((r, i) => [r, ring[(i + 1) % ring.length]] as const))));
    const R = directed.length;
    b.schedule('ring', ringSteps(collective, along, n, bytes / (R * n), 'around the rings'),
        `${R} concurrent rings along direct links (${cycles.length} link-disjoint cycle${cycles.length === 1 ? '' : 's'}, each both ways)`);
}
