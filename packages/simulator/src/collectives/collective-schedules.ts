/**
 * Every algorithm that may apply to a phase, as schedules over shared traffic patterns (see
 * schedule.ts and algorithms/). Built once per phase on the graph of its configuration with every
 * part up; a failure re-routes the same patterns on the damaged graph. In-network reduction depends
 * on which switches live, so it is added per network (collectives.ts).
 *
 * Size conventions (nccl-tests): all-reduce, reduce-scatter, broadcast: S is the buffer; all-gather:
 * S is the gathered output (each rank contributes S/n); all-to-all: S is each rank's send buffer;
 * point-to-point: S is what each sender sends.
 */
import type { CollectiveKind } from '../model/fabric-model.js';
import type { FabricGraph } from '../graph/fabric-graph.js';
import { flows, ScheduleBuilder, type ScheduleSet, type ScheduleStep } from './schedule.js';
import { rankGrid } from './algorithms/grid.js';
import { halvingDoublingSchedules } from './algorithms/halving-doubling.js';
import { hierarchicalAllReduce } from './algorithms/hierarchical.js';
import { multiDimensionalSchedules } from './algorithms/multi-dimensional.js';
import { neighbourCycles, ringSchedules } from './algorithms/ring.js';
import { binomialBroadcast, doubleBinaryTreeAllReduce } from './algorithms/tree.js';

export { isPowerOfTwo, type Schedule, type ScheduleSet, type ScheduleStep } from './schedule.js';
export { hierarchyRings } from './algorithms/hierarchical.js';

export interface PhaseShape {
    readonly collective: CollectiveKind;
    readonly ranks: readonly number[];
    readonly bytes: number;
    readonly peers?: readonly number[];
    readonly root?: number;
}

/** Direct: every rank sends S/n to every other at once (reduce-scatter, then all-gather for all-reduce). */
function directSchedules(b: ScheduleBuilder, collective: CollectiveKind, ranks: readonly number[], bytes: number): void {
    const n = ranks.length;
    const uniform = b.add({ kind: 'uniform', participants: ranks });
    const rs: ScheduleStep = { pattern: uniform, bytes: bytes / n, latencySteps: 1, transfers: 1, reduces: true, label: 'reduce-scatter, every rank to every rank' };
    const ag: ScheduleStep = { pattern: uniform, bytes: bytes / n, latencySteps: 1, transfers: 1, label: 'all-gather, every rank to every rank' };
    const steps = collective === 'all-reduce' ? [rs, ag] : collective === 'reduce-scatter' ? [rs] : collective === 'all-gather' ? [ag]
        : [{ pattern: uniform, bytes: bytes / n, latencySteps: 1, transfers: 1, label: 'every rank to every rank' }];
    b.schedule('direct', steps, 'every rank to every other rank at once');
}

export function collectiveSchedules(graph: FabricGraph, phase: PhaseShape): ScheduleSet {
    const { collective, ranks, bytes } = phase;
    const model = graph.model;
    const n = ranks.length;
    const b = new ScheduleBuilder();
    if (collective === 'all-reduce' || collective === 'reduce-scatter' || collective === 'all-gather') {
        const grid = rankGrid(graph, ranks);
        ringSchedules(b, graph, collective, ranks, bytes, neighbourCycles(graph, ranks, typeof grid === 'string' ? null : grid));
        halvingDoublingSchedules(b, collective, ranks, bytes);
        directSchedules(b, collective, ranks, bytes);
        if (typeof grid === 'string') b.skip('multi-dimensional', grid);
        else multiDimensionalSchedules(b, graph, collective, grid, bytes);
        if (collective === 'all-reduce') {
            doubleBinaryTreeAllReduce(b, ranks, bytes);
            hierarchicalAllReduce(b, model, ranks, bytes);
        } else {
            b.skip('tree', `${collective} has no tree algorithm here; a tree reduces or broadcasts whole buffers`);
            b.skip('hierarchical', `hierarchical is priced for all-reduce only`);
        }
    } else if (collective === 'all-to-all') {
        directSchedules(b, collective, ranks, bytes);
    } else if (collective === 'broadcast') {
        const rootIndex = Math.max(0, phase.root === undefined ? 0 : ranks.indexOf(phase.root));
        const [cycle] = neighbourCycles(graph, ranks, null);
        const around = cycle ?? ranks;
        const start = around.indexOf(ranks[rootIndex]);
        const order = around.map((_, i) => around[(start + i) % n]);
        // Pipelined chain: every hop waits α once, the bytes stream through once.
        const chain = b.add(flows(order.slice(0, -1).map((r, i) => [r, order[i + 1]] as const)));
        b.schedule('ring', [{ pattern: chain, bytes, latencySteps: n - 1, transfers: 1, label: 'stream along the chain' }],
            cycle ? 'a pipelined chain along direct links' : 'a pipelined chain in rank order');
        binomialBroadcast(b, order, bytes);
        const direct = b.add(flows(order.slice(1).map(r => [order[0], r] as const)));
        b.schedule('direct', [{ pattern: direct, bytes, latencySteps: 1, transfers: 1, label: 'the root to every rank' }], 'the root sends to every rank at once');
    } else {
        const peers = phase.peers ?? [];
        const pairs: Array<[number, number]> = [];
        ranks.forEach((r, i) => { if (peers[i] !== undefined) pairs.push([r, peers[i]]); });
        b.schedule('direct', [{ pattern: b.add(flows(pairs)), bytes, latencySteps: 1, transfers: 1, label: 'each sender to its receiver' }], 'each sender to its receiver');
    }
    return b.build();
}
