/**
 * Prices a phase's collective on a routed network: every applicable algorithm's schedule is routed
 * (one BFS per source class serves them all), each step takes α (its slowest path) plus bytes ×
 * (load / capacity of its most loaded arc), so a ring runs at the pace of its slowest link.
 */
import type { AlgorithmName, CollectiveKind } from '../model/fabric-model.js';
import type { AlgorithmResult, BottleneckLink, PhaseLatency } from '../analysis/analysis.js';
import { busBandwidthFactor } from './collective-closed-forms.js';
import { collectiveSchedules, type ScheduleSet } from './collective-schedules.js';
import { edgeMemberIds, KIND_SWITCH, type FabricGraph, type GraphState } from '../graph/fabric-graph.js';
import { buildQuotientGraph, type QuotientGraph } from '../symmetry/quotient-graph.js';
import { congestion, routePatterns, type Congestion, type PatternLoad } from '../routing/routing.js';
import { uniformSymmetry } from '../symmetry/uniform-symmetry.js';
import { splitClasses, type TwinClasses } from '../symmetry/twin-classes.js';

/** A graph in a failure state with its twin classes: what a phase is priced on. */
export interface Network {
    readonly graph: FabricGraph;
    readonly state: GraphState;
    readonly classes: TwinClasses;
    /** Watts the network draws whatever the traffic (switches, OCS, fixed link watts, lasers). */
    readonly fixedWatts: number;
    /** Quotients already built, by participant set ('' when participation splits no class). */
    readonly quotients?: Map<string, QuotientGraph>;
    /** Automorphism generators found for all-to-all, by participant set (see uniform-symmetry). */
    readonly symmetries?: Map<string, Int32Array[]>;
    /** For a failed state: the network with every part up, whose symmetries it may keep. */
    readonly base?: Network;
}

/**
 * The quotient in which every class lies wholly inside or outside the ranks (all-to-all traffic is
 * then symmetric within each class). Cached on the network per participant set.
 */
export function participantQuotient(net: Network, ranks: readonly number[]): QuotientGraph {
    return participantQuotientKeyed(net, ranks).q;
}

function participantQuotientKeyed(net: Network, ranks: readonly number[]): { q: QuotientGraph; key: string } {
    const flag = new Uint8Array(net.graph.nodeCount);
    for (const r of ranks) flag[r] = 1;
    const { memberStart, members, count } = net.classes;
    let split = false;
    for (let c = 0; c < count && !split; c++) {
        const first = flag[members[memberStart[c]]];
        for (let i = memberStart[c] + 1; i < memberStart[c + 1]; i++) if (flag[members[i]] !== first) { split = true; break; }
    }
    const key = split ? ranks.join(',') : '';
    let q = net.quotients?.get(key);
    if (!q) {
        q = buildQuotientGraph(net.graph, net.state, split ? splitClasses(net.classes, flag) : net.classes);
        net.quotients?.set(key, q);
    }
    return { q, key };
}

export interface CollectiveRequest {
    readonly collective: CollectiveKind;
    /** Accelerator node ids in rank order, already validated and deduplicated. */
    readonly ranks: readonly number[];
    readonly bytes: number;
    readonly peers?: readonly number[];
    readonly root?: number;
    readonly fixed?: AlgorithmName;
    /** The algorithms' schedules, when already built (they depend only on the request). */
    readonly schedules?: ScheduleSet;
    /** Price only this algorithm (a phase keeps its algorithm after a failure); all when it no longer applies. */
    readonly only?: AlgorithmName;
}

export interface CollectiveOutcome {
    /** Applicable algorithms, fastest first. */
    readonly results: AlgorithmResult[];
    /** The fixed algorithm when it applies, else the fastest; null if nothing can run. */
    readonly chosen: AlgorithmResult | null;
    readonly latency: PhaseLatency | null;
    readonly unreachable: readonly [number, number] | null;
    readonly notApplicable: ReadonlyMap<AlgorithmName, string>;
}

function describeArc(net: Network, arc: number, bytes: number, equallyLoaded: number): BottleneckLink | null {
    if (arc < 0) return null;
    const g = net.graph;
    const edge = g.arcEdge[arc];
    const from = g.arcHead[g.arcRev[arc]];
    const to = g.arcHead[arc];
    const { linkIds, circuits } = edgeMemberIds(g, edge);
    return {
        from: g.model.nodes[from].path, to: g.model.nodes[to].path, linkIds, circuits,
        capacityBytesPerSecond: net.state.capacity[edge], bytes, equallyLoadedArcs: equallyLoaded
    };
}

/** In-switch reduction over the switches every rank reaches directly that reduce in the network. */
function inNetworkAllReduce(net: Network, ranks: readonly number[], bytes: number): AlgorithmResult | string {
    const g = net.graph;
    const model = g.model;
    let common: Set<number> | null = null;
    for (const r of ranks) {
        const mine = new Set<number>();
        for (let a = g.arcStart[r]; a < g.arcStart[r + 1]; a++) {
            const x = g.arcHead[a];
            if (g.nodeKind[x] !== KIND_SWITCH || net.state.alive[x] !== 1 || net.state.capacity[g.arcEdge[a]] <= 0) continue;
            if (model.types.switches[model.nodes[x].type]?.inNetworkReduction && (!common || common.has(x))) mine.add(x);
        }
        common = mine;
        if (common.size === 0) return 'no switch that reduces in the network reaches every rank directly';
    }
    const reducers = [...common!];
    const share = bytes / reducers.length;
    let worst = 0, worstArc = -1, alpha = 0, joules = 0;
    for (const r of ranks) {
        for (const x of reducers) {
            let arc = -1;
            for (let a = g.arcStart[r]; a < g.arcStart[r + 1]; a++) if (g.arcHead[a] === x) arc = a;
            const e = g.arcEdge[arc];
            const t = share / net.state.capacity[e];
            if (t > worst) { worst = t; worstArc = arc; }
            alpha = Math.max(alpha, 2 * g.edgeLatency[e] + g.nodeLatency[x]);
            joules += 2 * share * g.edgeEnergyPerByte[e];
        }
    }
    const time = alpha + worst;
    const bytesMoved = 2 * bytes * ranks.length;
    const energy = joules + net.fixedWatts * time;
    const algbw = bytes / time;
    return {
        algorithm: 'in-network', timeSeconds: time, algbwBytesPerSecond: algbw,
        busbwBytesPerSecond: algbw * busBandwidthFactor('all-reduce', ranks.length), alphaSeconds: alpha, steps: 1,
        transferSeconds: worst, energyJoules: energy, picojoulesPerBit: energy / (8 * bytesMoved) * 1e12, bytesMoved,
        bottleneck: describeArc(net, worstArc, share, 0)
    };
}

export function evaluateCollective(net: Network, request: CollectiveRequest): CollectiveOutcome {
    const { collective, ranks, bytes } = request;
    const n = ranks.length;
    const all = request.schedules ?? collectiveSchedules(net.graph.model, { collective, ranks, bytes, peers: request.peers, root: request.root });
    const set = request.only ? onlyAlgorithm(all, request.only) : all;
    const notApplicable = new Map(set.notApplicable);
    const { q, key } = participantQuotientKeyed(net, ranks);
    const symmetry = set.patterns.some(p => p.kind === 'uniform') ? uniformSymmetry(net, q, ranks, key) : null;
    const loads: PatternLoad[] = routePatterns(q, set.patterns, symmetry);
    const congestions: Congestion[] = loads.map(l => congestion(q, l));
    const unreachableLoad = loads.find(l => l.unreachable > 0);
    if (unreachableLoad) {
        return { results: [], chosen: null, latency: null, unreachable: unreachableLoad.firstUnreachable, notApplicable };
    }
    const results: AlgorithmResult[] = [];
    for (const schedule of set.schedules) {
        let time = 0, alpha = 0, steps = 0, transfer = 0, joules = 0, bytesMoved = 0;
        let worstStep = -1, worstStepSeconds = -1;
        for (const step of schedule.steps) {
            const load = loads[step.pattern];
            const c = congestions[step.pattern];
            const stepTransfer = step.transfers * step.bytes * c.secondsPerByte;
            time += step.latencySteps * load.latencyMaxSeconds + stepTransfer;
            alpha = Math.max(alpha, load.latencyMaxSeconds);
            steps += step.latencySteps;
            transfer += stepTransfer;
            joules += step.transfers * step.bytes * c.joulesPerByte;
            bytesMoved += step.transfers * step.bytes * load.flows;
            if (stepTransfer > worstStepSeconds) { worstStepSeconds = stepTransfer; worstStep = step.pattern; }
        }
        if (!(time > 0)) continue;
        const energy = joules + net.fixedWatts * time;
        const algbw = bytes / time;
        const worst = congestions[worstStep];
        const stepBytes = schedule.steps.filter(s => s.pattern === worstStep).reduce((sum, s) => sum + s.transfers * s.bytes, 0);
        results.push({
            algorithm: schedule.algorithm, timeSeconds: time, algbwBytesPerSecond: algbw,
            busbwBytesPerSecond: algbw * busBandwidthFactor(collective, n), alphaSeconds: alpha, steps, transferSeconds: transfer,
            energyJoules: energy, picojoulesPerBit: bytesMoved > 0 ? energy / (8 * bytesMoved) * 1e12 : 0, bytesMoved,
            bottleneck: describeArc(net, worst.arc, worst.units * stepBytes, worst.equallyLoaded)
        });
    }
    if (collective === 'all-reduce' && (!request.only || request.only === 'in-network')) {
        const inr = inNetworkAllReduce(net, ranks, bytes);
        if (typeof inr === 'string') notApplicable.set('in-network', inr); else results.push(inr);
    }
    if (request.only && results.length === 0) return evaluateCollective(net, { ...request, only: undefined });
    results.sort((x, y) => x.timeSeconds - y.timeSeconds);
    let chosen = results[0] ?? null;
    if (request.fixed) {
        // 'tree' all-reduce is priced on the halving-doubling schedule (same step and byte counts).
        const wanted = request.fixed === 'tree' && collective !== 'broadcast' ? 'halving-doubling' : request.fixed;
        const fixed = results.find(r => r.algorithm === wanted);
        if (fixed) chosen = request.fixed === wanted ? fixed : { ...fixed, algorithm: request.fixed };
        else if (!notApplicable.has(request.fixed)) notApplicable.set(request.fixed, `does not apply to ${collective}`);
    }
    const scheduleName = chosen?.algorithm === 'tree' && collective !== 'broadcast' ? 'halving-doubling' : chosen?.algorithm;
    const schedule = set.schedules.find(s => s.algorithm === scheduleName);
    const latency = schedule ? latencyOf(loads, new Set(schedule.steps.map(s => s.pattern)))
        : chosen ? { minSeconds: chosen.alphaSeconds, maxSeconds: chosen.alphaSeconds, asymmetry: 1 } : null;
    return { results, chosen, latency, unreachable: null, notApplicable };
}

/** The schedule set cut down to one algorithm ('tree' all-reduce is priced as halving-doubling). */
function onlyAlgorithm(set: ScheduleSet, algorithm: AlgorithmName): ScheduleSet {
    const schedules = set.schedules.filter(s => s.algorithm === algorithm || (algorithm === 'tree' && s.algorithm === 'halving-doubling'));
    const keep = [...new Set(schedules.flatMap(s => s.steps.map(step => step.pattern)))];
    const index = new Map(keep.map((p, i) => [p, i]));
    return {
        patterns: keep.map(p => set.patterns[p]),
        schedules: schedules.map(s => ({ ...s, steps: s.steps.map(step => ({ ...step, pattern: index.get(step.pattern)! })) })),
        notApplicable: set.notApplicable
    };
}

/** Latency over the chosen algorithm's flows; asymmetry is the worst max/min within one step. */
function latencyOf(loads: readonly PatternLoad[], used: ReadonlySet<number>): PhaseLatency | null {
    let min = Infinity, max = 0, asymmetry = 1;
    for (const p of used) {
        const l = loads[p];
        if (l.flows === 0) continue;
        min = Math.min(min, l.latencyMinSeconds);
        max = Math.max(max, l.latencyMaxSeconds);
        if (l.latencyMinSeconds > 0) asymmetry = Math.max(asymmetry, l.latencyMaxSeconds / l.latencyMinSeconds);
    }
    return Number.isFinite(min) ? { minSeconds: min, maxSeconds: max, asymmetry } : null;
}
