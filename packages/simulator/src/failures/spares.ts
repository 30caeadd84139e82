/**
 * N+k spares: a failure-domain family (`failure domain cube[c in 0..8] = P.cube[c] spares 1`) may lose k
 * members without stopping the job. When a member a phase runs on fails:
 *
 * - an idle member of the family (one no rank of the phase is on) takes its place, position by
 *   position: `spare`; where the phase's OCS configuration has circuits to the failed member, they are
 *   set up to the spare instead (the OCS re-composes the pod around the failure, as TPU pods do):
 *   `recomposed`, at the cost of one reconfiguration of the OCS when the failure happens;
 * - with no idle member, the job runs on the surviving ranks: `survivors`.
 *
 * The phase is priced again on what it then runs on; its slowdown is against the healthy fabric.
 */
import type { FabricModel, FailureDomain } from '../model/fabric-model.js';
import type { FabricContext } from '../analysis/fabric-context.js';
import { collectiveSchedules } from '../collectives/collective-schedules.js';
import { evaluateCollective, type CollectiveRequest, type Network } from '../collectives/collectives.js';
import type { PhaseEntry } from '../collectives/phase-requests.js';
import { baseState, buildFabricGraph, type GraphState } from '../graph/fabric-graph.js';
import { reconfigurationSeconds } from '../ocs/ocs-phases.js';
import { computeTwinClasses } from '../symmetry/twin-classes.js';
import type { AlgorithmName } from '../model/fabric-model.js';

export interface SpareOutcome {
    readonly timeSeconds: number | null;
    readonly continuesOn: 'spare' | 'recomposed' | 'survivors';
    /** The one-off reconfiguration that re-composes the pod, for `recomposed`. */
    readonly recompositionSeconds: number | null;
}

/** The family's members other than the failed one whose nodes all live and none of which the phase uses. */
function idleMember(model: FabricModel, failed: FailureDomain, ranks: ReadonlySet<number>, state: GraphState): FailureDomain | undefined {
    const accelerators = (d: FailureDomain) => d.nodeIds.filter(id => model.nodes[id]?.kind === 'accelerator');
    const size = accelerators(failed).length;
    return model.failureDomains.find(d => d !== failed && d.family === failed.family
        && d.nodeIds.length === failed.nodeIds.length && accelerators(d).length === size
        && d.nodeIds.every(id => state.alive[id] === 1 && !ranks.has(id)));
}

interface Replacement {
    readonly ranks: number[];
    readonly peers?: number[];
    readonly root?: number;
}

function replaced(request: CollectiveRequest, swap: (id: number) => number): Replacement {
    return {
        ranks: request.ranks.map(swap),
        ...(request.peers ? { peers: request.peers.map(swap) } : {}),
        ...(request.root !== undefined ? { root: swap(request.root) } : {})
    };
}

function survivors(request: CollectiveRequest, alive: (id: number) => boolean): Replacement {
    if (request.peers) {
        const pairs = request.ranks.map((r, i) => [r, request.peers![i]] as const).filter(([a, b]) => alive(a) && alive(b));
        return { ranks: pairs.map(p => p[0]), peers: pairs.map(p => p[1]) };
    }
    const ranks = request.ranks.filter(alive);
    return { ranks, ...(request.root !== undefined && alive(request.root) ? { root: request.root } : ranks.length > 0 && request.root !== undefined ? { root: ranks[0] } : {}) };
}

function price(net: Network, request: CollectiveRequest, next: Replacement, algorithm: AlgorithmName): number | null {
    const minimum = request.collective === 'point-to-point' ? 1 : 2;
    if (next.ranks.length < minimum) return null;
    const shape = { collective: request.collective, ranks: next.ranks, bytes: request.bytes, peers: next.peers, root: next.root };
    const schedules = collectiveSchedules(net.graph, shape);
    const outcome = evaluateCollective(net, { ...shape, ...(request.fixed ? { fixed: request.fixed } : {}), schedules, only: algorithm, timeOnly: true });
    return outcome.chosen?.timeSeconds ?? null;
}

/**
 * How a phase that lost ranks to a family member's failure keeps running, or null when the failure is
 * not a spared family's (the phase then fails). `failedNetwork` gives the failed state's network.
 */
export function continueWithSpare(context: FabricContext, failed: FailureDomain | undefined, entry: PhaseEntry, request: CollectiveRequest,
    failedNetwork: () => Network, algorithm: AlgorithmName): SpareOutcome | null {
    if (!failed || !(failed.familySpares && failed.familySpares > 0)) return null;
    // The failed state's network (its twin classes) is built only for a family with spares.
    const network = failedNetwork();
    const model = context.model;
    const alive = (id: number) => network.state.alive[id] === 1;
    const inUse = new Set([...request.ranks, ...(request.peers ?? [])]);
    const spare = idleMember(model, failed, inUse, network.state);
    if (!spare) return { timeSeconds: price(network, request, survivors(request, alive), algorithm), continuesOn: 'survivors', recompositionSeconds: null };
    const position = new Map(failed.nodeIds.map((id, i) => [id, spare.nodeIds[i]]));
    const swap = (id: number) => position.get(id) ?? id;
    const next = replaced(request, swap);
    const config = entry.configuration === null ? undefined : model.ocsConfigurations.find(c => c.name === entry.configuration);
    const moved = config?.circuits.some(c => position.has(c.a) || position.has(c.b));
    if (!config || !moved) return { timeSeconds: price(network, request, next, algorithm), continuesOn: 'spare', recompositionSeconds: null };
    // Re-compose: the configuration's circuits to the failed member go to the spare, position by position.
    const recomposed = { ...config, circuits: config.circuits.map(c => ({ ...c, a: swap(c.a), b: swap(c.b) })) };
    const composedModel: FabricModel = { ...model, ocsConfigurations: model.ocsConfigurations.map(c => (c === config ? recomposed : c)) };
    const graph = buildFabricGraph(composedModel, config.name);
    const state = baseState(graph);
    for (const id of failed.nodeIds) if (id >= 0 && id < graph.nodeCount) state.alive[id] = 0;
    for (let a = 0; a < graph.arcStart[graph.nodeCount]; a++) if (state.alive[graph.arcHead[a]] !== 1) state.capacity[graph.arcEdge[a]] = 0;
    const net: Network = {
        graph, state, classes: computeTwinClasses(graph, state), fixedWatts: network.fixedWatts, pricing: network.pricing,
        quotients: new Map(), bounds: new WeakMap(), watts: new WeakMap(), orbits: new WeakMap()
    };
    return { timeSeconds: price(net, request, next, algorithm), continuesOn: 'recomposed', recompositionSeconds: reconfigurationSeconds(model, config, recomposed) };
}
