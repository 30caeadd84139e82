/**
 * Failure impact: remove what a failure takes down, then recompute who is cut off, whether the
 * surviving accelerators split (a single point of failure), the bandwidth lost, and every phase's
 * time afterwards. Only the nodes whose neighbourhood changed are re-classed (twin classes stay valid
 * elsewhere), and failures of switches that an automorphism fixing every accelerator maps onto each
 * other (twins, rail planes) share one evaluation: their impacts are equal.
 */
import { appendAll } from '../arrays.js';
import { setRoot } from '../graph/disjoint-sets.js';
import type { AlgorithmName } from '../model/fabric-model.js';
import type { FailureResult, PhaseImpact } from '../analysis/analysis.js';
import { evaluateCollective, type Network } from '../collectives/collectives.js';
import type { FabricContext } from '../analysis/fabric-context.js';
import { KIND_OCS, KIND_SWITCH, type FabricGraph, type GraphState } from '../graph/fabric-graph.js';
import type { FailureSpec } from './failure-scenarios.js';
import type { PhaseEntry } from '../collectives/phase-requests.js';
import { problem, type SimProblem } from '../analysis/problems.js';
import { seriesRate } from '../reliability/reliability.js';
import { buildQuotientGraph } from '../symmetry/quotient-graph.js';
import { switchOrbits } from '../symmetry/switch-orbits.js';
import { refineTwinClasses } from '../symmetry/twin-classes.js';
import { FailureOrbitCache, phaseSymmetry, type StateChange } from './failure-orbits.js';
import { linksFedBy } from '../links/link-metrics.js';
import { continueWithSpare } from './spares.js';

interface FailedState {
    readonly state: GraphState;
    readonly affected: Set<number>;
    /** What can differ from the state before: the nodes it kills and the edges it touches (see StateChange). */
    readonly change: StateChange;
}

/** The graph's state with the failure applied, and the nodes whose arcs changed. */
export function applyFailure(graph: FabricGraph, before: GraphState, spec: FailureSpec, laserLinks: ReadonlyMap<number, readonly number[]>): FailedState {
    const capacity = before.capacity.slice();
    const alive = before.alive.slice();
    const affected = new Set<number>();
    const touched: number[] = [];
    const links = graph.model.links.length;
    const deadOcs = new Set<number>();
    const dead: number[] = [];
    for (const u of spec.nodeIds) {
        if (u < 0 || u >= graph.nodeCount || alive[u] === 0) continue;
        alive[u] = 0;
        dead.push(u);
        affected.add(u);
        for (let a = graph.arcStart[u]; a < graph.arcStart[u + 1]; a++) { capacity[graph.arcEdge[a]] = 0; touched.push(graph.arcEdge[a]); affected.add(graph.arcHead[a]); }
        if (graph.nodeKind[u] === KIND_OCS) deadOcs.add(u);
    }
    if (deadOcs.size > 0) {
        for (let i = 0; i < graph.circuits.length; i++) if (deadOcs.has(graph.circuits[i].ocs)) loseMember(graph, capacity, touched, affected, links + i, 1);
    }
    const dropped = new Set<number>(spec.linkIds);
    for (const ls of spec.laserSourceIds) for (const id of laserLinks.get(ls) ?? []) dropped.add(id);
    for (const id of dropped) if (id >= 0 && id < links) loseMember(graph, capacity, touched, affected, id, 1);
    for (const [id, keep] of spec.derated) if (id >= 0 && id < links && !dropped.has(id)) loseMember(graph, capacity, touched, affected, id, 1 - keep);
    for (const e of touched) if (capacity[e] < graph.edgeCapacity[e] * 1e-9) capacity[e] = 0;
    affected.forEach(u => { if (alive[u] === 0) affected.delete(u); });
    return { state: { alive, capacity }, affected, change: { nodes: dead, edges: touched } };
}

/**
 * `fraction` of a link's (or circuit's) capacity gone from its edge, the edge and its ends noted as
 * touched. (Module-level, as the other hot helpers here: a closure made per call would lose its
 * optimised code at every full collection, see ROUTING_SHAPE_ANCHORS.)
 */
function loseMember(graph: FabricGraph, capacity: Float64Array, touched: number[], affected: Set<number>, member: number, fraction: number): void {
    const e = graph.memberEdge[member];
    if (e === undefined || e < 0) return;
    capacity[e] -= graph.memberCapacity[member] * fraction;
    touched.push(e);
    affected.add(graph.edgeA[e]);
    affected.add(graph.edgeB[e]);
}

/**
 * Components of live nodes: an edge joins its ends when either forwards traffic. Labels name a
 * component (a member's id) and are only compared with each other.
 */
export function components(graph: FabricGraph, state: GraphState): Int32Array {
    const parent = new Int32Array(graph.nodeCount);
    const size = new Int32Array(graph.nodeCount).fill(1);
    for (let i = 0; i < parent.length; i++) parent[i] = i;
    const { edgeA, edgeB, nodeForwards } = graph;
    const { capacity, alive } = state;
    for (let e = 0; e < graph.edgeCount; e++) {
        if (capacity[e] <= 0) continue;
        const a = edgeA[e], b = edgeB[e];
        if (alive[a] !== 1 || alive[b] !== 1) continue;
        if (nodeForwards[a] === 0 && nodeForwards[b] === 0) continue;
        const ra = setRoot(parent, a), rb = setRoot(parent, b);
        if (ra === rb) continue;
        // The smaller tree goes under the larger (shallow trees: a torus's edges would chain them).
        if (size[ra] < size[rb]) { parent[ra] = rb; size[rb] += size[ra]; } else { parent[rb] = ra; size[ra] += size[rb]; }
    }
    const label = new Int32Array(graph.nodeCount);
    for (let i = 0; i < label.length; i++) label[i] = alive[i] === 1 ? setRoot(parent, i) : -1;
    return label;
}

/** The healthy fabric's components, against which a failed state's connectivity is judged. */
interface HealthyComponents {
    readonly graph: FabricGraph;
    readonly baseLabel: Int32Array;
    readonly accelerators: readonly number[];
    /** Scratch: per healthy component, the first failed-state label met among its accelerators. */
    readonly firstLabel: Int32Array;
}

/** Whether the surviving accelerators of some healthy component now lie in two or more components. */
function splitsAComponent(healthy: HealthyComponents, label: Int32Array): boolean {
    const { firstLabel, baseLabel, accelerators } = healthy;
    firstLabel.fill(-1);
    for (const u of accelerators) {
        if (label[u] < 0) continue;
        const b = baseLabel[u];
        if (firstLabel[b] < 0) firstLabel[b] = label[u];
        else if (firstLabel[b] !== label[u]) return true;
    }
    return false;
}

const ascending = (a: number, b: number) => a - b;

/**
 * Who is cut off in a failed state (all but the largest surviving piece of each component), and what
 * bandwidth is left. (Module-level, as the sweep's other hot steps: see loseMember.)
 */
function connectivityOf(healthy: HealthyComponents, state: GraphState): { cutOff: number[]; partitions: boolean; remaining: number } {
    const { graph, baseLabel, accelerators } = healthy;
    const label = components(graph, state);
    const cutOff: number[] = [];
    let remaining = 0;
    for (let e = 0; e < graph.edgeCount; e++) remaining += state.capacity[e];
    if (!splitsAComponent(healthy, label)) {
        // Each component's surviving accelerators are still together: only the dead are cut off.
        for (const u of accelerators) if (label[u] < 0) cutOff.push(u);
        return { cutOff: cutOff.sort(ascending), partitions: false, remaining };
    }
    const pieces = new Map<number, Map<number, number[]>>();
    for (const u of accelerators) {
        if (label[u] < 0) { cutOff.push(u); continue; }
        const byPiece = pieces.get(baseLabel[u]) ?? pieces.set(baseLabel[u], new Map()).get(baseLabel[u])!;
        (byPiece.get(label[u]) ?? byPiece.set(label[u], []).get(label[u])!).push(u);
    }
    let partitions = false;
    for (const byPiece of pieces.values()) {
        if (byPiece.size < 2) continue;
        partitions = true;
        const sorted = [...byPiece.values()].sort((a, b) => b.length - a.length);
        for (const piece of sorted.slice(1)) appendAll(cutOff, piece);
    }
    return { cutOff: cutOff.sort(ascending), partitions, remaining };
}

/** What a phase costs on one failed state (shared across the state's orbit). */
interface PhaseCost {
    readonly timeSeconds: number | null;
    readonly splitsByCapacity: boolean | null;
}

/** Distinct node ids (a blast radius), marked per id: a failure sweep adds every rank of every slowed phase. */
class NodeTally {
    private readonly marked: Uint8Array;
    size = 0;

    constructor(nodes: number) { this.marked = new Uint8Array(nodes); }

    addAll(ids: readonly number[]): void {
        const marked = this.marked;
        for (const u of ids) if (marked[u] === 0) { marked[u] = 1; this.size++; }
    }
}

/** Keeps NodeTally's shape, and the optimised code that counts blast radii, across full collections (see routing's ROUTING_SHAPE_ANCHORS). */
export const TALLY_SHAPE_ANCHOR: object = new NodeTally(0);

interface Outcome {
    /** A spare member (or the family's spare capacity) kept some phase running. */
    readonly spared: boolean;
    /** Some phase lost a rank (so its spares, which depend on the failure's domain, were looked at). */
    readonly ranksLost: boolean;
    readonly cutOff: number[];
    readonly partitions: boolean;
    readonly bandwidthLost: number;
    readonly phases: PhaseImpact[];
    readonly blast: number;
}

export interface FailureSweep {
    evaluate(spec: FailureSpec): FailureResult;
    readonly problems: SimProblem[];
}

/** A phase with every part up: its time and the algorithm it keeps after a failure. */
export interface PhaseBaseline {
    readonly timeSeconds: number;
    readonly algorithm: AlgorithmName;
}

/**
 * Prepares failure evaluation against the baseline: `baseline[i]` is phase entry i with every part up
 * (null when it cannot run then either).
 */
export function failureSweep(context: FabricContext, entries: readonly PhaseEntry[], baseline: ReadonlyArray<PhaseBaseline | null>, threshold: number): FailureSweep {
    const model = context.model;
    const totals = context.network(context.totalsConfiguration);
    const graphConfigs = [...new Set([context.totalsConfiguration, ...entries.map(e => e.configuration)])];
    const baseLabel = components(totals.graph, totals.state);
    const accelerators = model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
    let totalBandwidth = 0;
    for (let e = 0; e < totals.graph.edgeCount; e++) totalBandwidth += totals.state.capacity[e];
    const laserLinks = linksFedBy(model);
    const symmetry = switchSymmetry(context, graphConfigs);
    const requests = entries.map(e => context.request(e));
    // Per phase: failed states an automorphism of its network maps onto each other cost it alike
    // (found when the first failure is priced, not before).
    const orbitCaches = new Map<number, FailureOrbitCache<PhaseCost> | null>();
    const orbitsOf = (i: number) => {
        if (!orbitCaches.has(i)) {
            const base = context.network(entries[i].configuration);
            const symmetry = phaseSymmetry(base, requests[i], baseline[i]?.algorithm ?? null);
            orbitCaches.set(i, symmetry.length > 0 ? new FailureOrbitCache<PhaseCost>(base.graph, base.state, symmetry) : null);
        }
        return orbitCaches.get(i)!;
    };
    const cache = new Map<string, Outcome>();
    // Outcomes by what fails, exactly as listed (a one-part failure domain and that part's own failure
    // fail the same): kept only when no phase lost a rank, since then nothing read the failure's domain
    // (its spares), and the outcome is the same computation on the same state.
    const sameParts = new Map<string, Outcome>();
    const problems: SimProblem[] = [];

    const healthy: HealthyComponents = { graph: totals.graph, baseLabel, accelerators, firstLabel: new Int32Array(totals.graph.nodeCount) };
    const connectivity = (state: GraphState) => connectivityOf(healthy, state);

    const outcomeOf = (spec: FailureSpec): Outcome => {
        const parts = partsKey(spec);
        const known = sameParts.get(parts);
        if (known) return known;
        const outcome = freshOutcome(spec);
        if (!outcome.ranksLost) sameParts.set(parts, outcome);
        return outcome;
    };

    const freshOutcome = (spec: FailureSpec): Outcome => {
        const states = new Map<string | null, FailedState>();
        const stateFor = (config: string | null): FailedState => {
            let failed = states.get(config);
            if (!failed) {
                const base = context.network(config);
                failed = applyFailure(base.graph, base.state, spec, laserLinks);
                states.set(config, failed);
            }
            return failed;
        };
        const networks = new Map<string | null, Network>();
        const networkFor = (config: string | null): Network => {
            let net = networks.get(config);
            if (!net) {
                const base = context.network(config);
                const { state, affected } = stateFor(config);
                net = {
                    graph: base.graph, state, classes: refineTwinClasses(base.graph, state, base.classes, affected), fixedWatts: base.fixedWatts, pricing: base.pricing,
                    quotients: new Map(), bounds: new WeakMap(), watts: new WeakMap(), orbits: new WeakMap(), ...(base.symmetries ? { symmetries: new Map() } : {}), base, affected
                };
                networks.set(config, net);
            }
            return net;
        };
        const { cutOff, partitions, remaining } = connectivity(stateFor(context.totalsConfiguration).state);
        const blast = new NodeTally(totals.graph.nodeCount);
        blast.addAll(cutOff);
        let spared = false, ranksLost = false;
        const phases: PhaseImpact[] = entries.map((entry, i) => {
            const impact = { workload: entry.workload.name, phase: entry.phase.name };
            const request = requests[i];
            const before = baseline[i];
            if (!request || before === null) return { ...impact, timeSeconds: null, slowdown: null, failed: false, pacing: null, continuesOn: null, recompositionSeconds: null };
            const { state } = stateFor(entry.configuration);
            const lost = request.ranks.some(r => state.alive[r] !== 1) || (request.peers ?? []).some(r => state.alive[r] !== 1);
            if (lost) ranksLost = true;
            const spare = lost ? continueWithSpare(context, spec.domain, entry, request, () => networkFor(entry.configuration), before.algorithm) : null;
            if (spare) {
                spared = true;
                const slowdown = spare.timeSeconds === null ? null : spare.timeSeconds / before.timeSeconds;
                if (slowdown === null || slowdown > threshold) blast.addAll(request.ranks);
                return { ...impact, timeSeconds: spare.timeSeconds, slowdown, failed: spare.timeSeconds === null, pacing: null, continuesOn: spare.continuesOn, recompositionSeconds: spare.recompositionSeconds };
            }
            const cached = lost ? null : orbitsOf(i)?.get(state, stateFor(entry.configuration).change) ?? null;
            let cost = cached?.value;
            if (!cost) {
                const outcome = lost ? null : evaluateCollective(networkFor(entry.configuration), { ...request, only: before.algorithm, timeOnly: true });
                const bottleneck = outcome?.chosen?.bottleneck;
                cost = { timeSeconds: outcome?.chosen?.timeSeconds ?? null, splitsByCapacity: bottleneck ? bottleneck.splitsByCapacity : null };
                cached?.remember(cost);
            }
            const time = cost.timeSeconds;
            const failedPhase = time === null;
            const slowdown = time === null ? null : time / before.timeSeconds;
            if (failedPhase || slowdown! > threshold) {
                blast.addAll(request.ranks);
                if (request.peers) blast.addAll(request.peers);
            }
            const pacing = slowdown !== null && slowdown > 1 + 1e-9 && cost.splitsByCapacity !== null ? (cost.splitsByCapacity ? 'capacity-split' : 'slowest-link') : null;
            return { ...impact, timeSeconds: time, slowdown, failed: failedPhase, pacing, continuesOn: null, recompositionSeconds: null };
        });
        return { spared, ranksLost, cutOff, partitions, bandwidthLost: Math.max(0, totalBandwidth - remaining), phases, blast: blast.size };
    };

    return {
        problems,
        evaluate(spec) {
            const key = `${failureKey(totals.graph, spec, symmetry, laserLinks)}|${spec.domain?.family ?? ''}:${spec.domain?.familySpares ?? 0}`;
            let outcome = cache.get(key);
            if (!outcome) { outcome = outcomeOf(spec); cache.set(key, outcome); }
            // An equivalent failure of other parts: its own cut-off accelerators, the same counts and times.
            else if (outcome.cutOff.length > 0) outcome = { ...outcome, cutOff: connectivity(applyFailure(totals.graph, totals.state, spec, laserLinks).state).cutOff };
            const rate = seriesRate(spec.rates);
            if (outcome.partitions) {
                problems.push(problem('failure/partitions', 'warning',
                    `${spec.kind === 'domain' ? 'failure domain' : spec.kind} ${spec.name} splits the fabric: ${outcome.cutOff.length} accelerators are cut off from the rest (a single point of failure)`,
                    { kind: spec.kind === 'domain' ? 'failure-domain' : spec.kind === 'switch' ? 'node' : spec.kind === 'link' ? 'link' : 'laser-source', id: 0, path: spec.name }, spec.source));
            }
            return {
                name: spec.name, kind: spec.kind, origin: spec.origin, nodeIds: spec.nodeIds, linkIds: spec.linkIds, laserSourceIds: spec.laserSourceIds,
                deratedLinkIds: spec.derated.map(d => d[0]), absorbedBySpare: spec.absorbedBySpare || outcome.spared,
                cutOffAccelerators: outcome.cutOff, bandwidthLostBytesPerSecond: outcome.bandwidthLost,
                bandwidthLostFraction: totalBandwidth > 0 ? outcome.bandwidthLost / totalBandwidth : 0,
                partitions: outcome.partitions, phases: outcome.phases, blastRadius: outcome.blast,
                failuresPerDay: rate.failuresPerDay, repairSeconds: rate.repairSeconds, downtimeFraction: rate.downtimeFraction,
                ...(spec.source ? { source: spec.source } : {})
            };
        }
    };
}

/** What a failure takes down, in the order it lists it (the order capacities are subtracted in). */
function partsKey(spec: FailureSpec): string {
    return `${spec.nodeIds.join(',')}|${spec.linkIds.join(',')}|${spec.laserSourceIds.join(',')}|${spec.derated.map(([id, keep]) => `${id}:${keep}`).join(',')}`;
}

interface SwitchSymmetry {
    /** Twin class of a switch, valid in every graph the analysis uses, or null if it has no twin. */
    twin(u: number): string | null;
    /** Orbit of a switch under automorphisms fixing every accelerator, or null if alone in it. */
    orbit(u: number): string | null;
}

/**
 * Switch symmetries that hold in every graph the analysis uses. Accelerators (whose rank order
 * matters) and OCS (whose circuits differ) are never relabelled. Orbits are searched only when one
 * graph serves the whole analysis.
 */
function switchSymmetry(context: FabricContext, configs: ReadonlyArray<string | null>): SwitchSymmetry {
    const nets = configs.map(c => context.network(c));
    const g = nets[0].graph;
    const keyOf = (u: number) => nets.map(n => n.classes.classOf[u]).join(',');
    const size = new Map<string, number>();
    for (let u = 0; u < g.nodeCount; u++) if (g.nodeKind[u] === KIND_SWITCH) size.set(keyOf(u), (size.get(keyOf(u)) ?? 0) + 1);
    let orbits: Int32Array | null = null;
    let orbitSize: Map<number, number> | null = null;
    if (nets.length === 1) {
        const net = nets[0];
        orbits = switchOrbits(buildQuotientGraph(net.graph, net.state, net.classes));
        orbitSize = new Map();
        for (let u = 0; u < g.nodeCount; u++) {
            const c = net.classes.classOf[u];
            if (c >= 0 && g.nodeKind[u] === KIND_SWITCH) orbitSize.set(orbits[c], (orbitSize.get(orbits[c]) ?? 0) + 1);
        }
    }
    return {
        twin(u) {
            if (u < 0 || u >= g.nodeCount || g.nodeKind[u] !== KIND_SWITCH) return null;
            const k = keyOf(u);
            return (size.get(k) ?? 0) > 1 ? k : null;
        },
        orbit(u) {
            if (!orbits || u < 0 || u >= g.nodeCount || g.nodeKind[u] !== KIND_SWITCH) return null;
            const o = orbits[nets[0].classes.classOf[u]];
            return (orbitSize!.get(o) ?? 0) > 1 ? `${o}` : null;
        }
    };
}

/**
 * A key equal for two failures only if some permutation of twin switches maps one onto the other:
 * twin switches are relabelled by first appearance (nodes, then links in id order), links are named
 * by their relabelled ends and the bandwidth they lose. Equal keys, equal outcomes.
 */
function failureKey(graph: FabricGraph, spec: FailureSpec, symmetry: SwitchSymmetry, laserLinks: ReadonlyMap<number, readonly number[]>): string {
    const model = graph.model;
    const alone = spec.nodeIds.length === 1 && spec.linkIds.length === 0 && spec.laserSourceIds.length === 0 && spec.derated.length === 0;
    if (alone) {
        // One switch: any automorphism moving it to another switch of its orbit.
        const orbit = symmetry.orbit(spec.nodeIds[0]);
        if (orbit !== null) return `o${orbit}`;
    }
    const classOf = (u: number) => symmetry.twin(u);
    const labels = new Map<number, string>();
    const perClass = new Map<string, number>();
    const label = (u: number) => {
        let l = labels.get(u);
        if (l === undefined) {
            const c = classOf(u);
            if (c === null) l = `n${u}`;
            else { const i = perClass.get(c) ?? 0; perClass.set(c, i + 1); l = `c${c}#${i}`; }
            labels.set(u, l);
        }
        return l;
    };
    const nodes = [...spec.nodeIds].sort((a, b) => a - b).map(label);
    const dropped = new Set(spec.linkIds);
    for (const ls of spec.laserSourceIds) for (const id of laserLinks.get(ls) ?? []) dropped.add(id);
    const linkLabel = (id: number, kept: number) => {
        const l = model.links[id];
        return l ? `${label(l.a)}-${label(l.b)}:${graph.memberCapacity[id] * (1 - kept)}` : `?${id}`;
    };
    const links = [...dropped].sort((a, b) => a - b).map(id => linkLabel(id, 0));
    const derated = [...spec.derated].filter(([id]) => !dropped.has(id)).sort((a, b) => a[0] - b[0]).map(([id, kept]) => linkLabel(id, kept));
    return `${nodes.join(' ')}|${links.join(' ')}|${derated.join(' ')}`;
}
