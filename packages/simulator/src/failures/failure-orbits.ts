/**
 * Failures that an automorphism of a phase's network carries onto each other cost the phase alike:
 * the 48 OCS of a TPU-style pod fall into a handful of orbits under the pod's translations and
 * reflections, so a sweep prices one failure per orbit and phase. Only automorphisms that keep the
 * phase's ranks and map every traffic pattern of its algorithm onto itself count (the grid's own
 * symmetries, verified arc by arc, then checked flow by flow).
 */
import { findArc, type FabricGraph, type GraphState } from '../graph/fabric-graph.js';
import type { CollectiveRequest, Network } from '../collectives/collectives.js';
import { participantQuotientKeyed } from '../collectives/collectives.js';
import { rankGrid } from '../collectives/algorithms/grid.js';
import type { TrafficPattern } from '../routing/routing.js';
import type { AlgorithmName } from '../model/fabric-model.js';
import { networkGridGenerators } from '../symmetry/grid-symmetry.js';
import { arcLabels, colouring } from '../symmetry/quotient-automorphisms.js';
import type { QuotientGraph } from '../symmetry/quotient-graph.js';

/** Node permutations under which the phase's cost is invariant. */
export type PhaseSymmetry = readonly Int32Array[];

/** Whether every map carries the pattern onto itself (each flow onto a flow of the same weight). */
function invariant(pattern: TrafficPattern, maps: readonly Int32Array[]): boolean[] {
    if (pattern.kind === 'uniform') return maps.map(() => true); // the participation colouring already keeps the ranks
    if (maps.length === 0) return [];
    const n = maps[0].length;
    const flows = new Map<number, number>();
    for (let i = 0; i < pattern.src.length; i++) flows.set(pattern.src[i] * n + pattern.dst[i], pattern.weight ? pattern.weight[i] : 1);
    return maps.map(map => {
        for (let i = 0; i < pattern.src.length; i++) {
            if (flows.get(map[pattern.src[i]] * n + map[pattern.dst[i]]) !== (pattern.weight ? pattern.weight[i] : 1)) return false;
        }
        return true;
    });
}

export function phaseSymmetry(net: Network, request: CollectiveRequest | null, algorithm: AlgorithmName | null): PhaseSymmetry {
    if (!request?.schedules || !algorithm) return [];
    const schedules = request.schedules.schedules.filter(s => s.algorithm === algorithm);
    if (schedules.length === 0) return []; // priced per network (in-network reduction)
    if (typeof rankGrid(net.graph, request.ranks) === 'string') return [];
    const { q, key } = participantQuotientKeyed(net, request.ranks);
    const inP = new Uint8Array(q.count);
    for (const r of request.ranks) inP[q.classes.classOf[r]] = 1;
    const classMaps = networkGridGenerators(net, q, key, request.ranks, () => arcLabels(q), () => colouring(q, c => `${inP[c]}`));
    if (classMaps === null) return [];
    const patterns = [...new Set(schedules.flatMap(s => s.steps.map(step => step.pattern)))].map(p => request.schedules!.patterns[p]);
    const candidates = classMaps.map(classMap => nodeMap(q, classMap, net.graph.nodeCount));
    // Each pattern's flows are indexed once and checked against every candidate.
    const kept = candidates.map(() => true);
    for (const p of patterns) {
        const open = candidates.filter((_, k) => kept[k]);
        const holds = invariant(p, open);
        let j = 0;
        candidates.forEach((_, k) => { if (kept[k]) kept[k] = holds[j++]; });
    }
    return candidates.filter((_, k) => kept[k]);
}

/**
 * A class map as a node permutation: each single-node class's node to its image's, every other node
 * fixed. (Module-level, as the other hot helpers of the sweep: a closure made per call would lose its
 * optimised code at every full collection, see ROUTING_SHAPE_ANCHORS.)
 */
function nodeMap(q: QuotientGraph, classMap: Int32Array, nodeCount: number): Int32Array {
    const map = new Int32Array(nodeCount);
    for (let u = 0; u < map.length; u++) map[u] = u;
    for (let c = 0; c < q.count; c++) if (q.size[c] === 1) map[q.rep[c]] = q.rep[classMap[c]];
    return map;
}

/** Dead nodes and changed edges of a failed state against the healthy one, in the healthy graph's ids. */
interface Change {
    readonly dead: readonly number[];
    /** Edge id → capacity left. */
    readonly edges: ReadonlyMap<number, number>;
}

/**
 * Where a failed state may differ from the healthy one it was made from: every node it may have
 * killed and every edge whose capacity it may have changed (repeats allowed). Only these are compared.
 */
export interface StateChange {
    readonly nodes: readonly number[];
    readonly edges: readonly number[];
}

function changeOf(graph: FabricGraph, before: GraphState, after: GraphState, where: StateChange): Change {
    const dead: number[] = [];
    // A dead node without arcs (an OCS: its circuits are edges between their ends) changes nothing but its edges.
    for (const u of new Set(where.nodes)) if (before.alive[u] === 1 && after.alive[u] !== 1 && graph.arcStart[u + 1] > graph.arcStart[u]) dead.push(u);
    const edges = new Map<number, number>();
    for (const e of new Set(where.edges)) if (after.capacity[e] !== before.capacity[e]) edges.set(e, after.capacity[e]);
    return { dead, edges };
}

const ascending = (a: number, b: number) => a - b;
const byEdge = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0];
const edgeEntry = ([e, c]: readonly [number, number]) => `${e}:${c}`;

function keyOf(change: Change): string {
    return `${[...change.dead].sort(ascending).join(',')}|${[...change.edges].sort(byEdge).map(edgeEntry).join(',')}`;
}

function moved(graph: FabricGraph, change: Change, map: Int32Array): Change | null {
    const edges = new Map<number, number>();
    for (const [e, capacity] of change.edges) {
        const arc = findArc(graph, map[graph.edgeA[e]], map[graph.edgeB[e]]);
        if (arc < 0) return null;
        edges.set(graph.arcEdge[arc], capacity);
    }
    return { dead: change.dead.map(u => map[u]), edges };
}

/** Most states an orbit is enumerated to; beyond it, the rest of the orbit is simply priced again. */
const ORBIT_LIMIT = 4096;

/** A phase's outcomes by failed state, shared across each state's orbit. */
export class FailureOrbitCache<T> {
    private readonly known = new Map<string, T>();

    constructor(private readonly graph: FabricGraph, private readonly healthy: GraphState, private readonly symmetry: PhaseSymmetry) { }

    /** `where`: what the failure may have changed against the healthy state (see StateChange). */
    get(state: GraphState, where: StateChange): { value: T | undefined; remember: (value: T) => void } {
        const change = changeOf(this.graph, this.healthy, state, where);
        const key = keyOf(change);
        return {
            value: this.known.get(key),
            remember: value => {
                this.known.set(key, value);
                // The whole orbit costs the same: enumerate it under the generators.
                const queue = [change];
                const seen = new Set([key]);
                while (queue.length > 0 && seen.size < ORBIT_LIMIT) {
                    const current = queue.pop()!;
                    for (const map of this.symmetry) {
                        const image = moved(this.graph, current, map);
                        if (!image) continue;
                        const k = keyOf(image);
                        if (seen.has(k)) continue;
                        seen.add(k);
                        this.known.set(k, value);
                        queue.push(image);
                    }
                }
            }
        };
    }
}
