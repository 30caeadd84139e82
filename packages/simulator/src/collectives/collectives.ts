/**
 * Prices a phase's collective on a routed network: every candidate schedule's patterns are routed
 * (one BFS per source class serves them all), each schedule is priced under each collective protocol
 * (pricing.ts, overheads.ts) and the cheapest protocol runs it. A candidate whose patterns cannot be
 * routed is dropped with its reason; the phase fails only when no candidate routes.
 */
import type { AlgorithmName, CollectiveKind } from '../model/fabric-model.js';
import type { AlgorithmResult, BottleneckLink, PhaseLatency } from '../analysis/analysis.js';
import { busBandwidthFactor } from './collective-closed-forms.js';
import { collectiveSchedules } from './collective-schedules.js';
import { ScheduleBuilder, type Schedule, type ScheduleSet } from './schedule.js';
import { inNetworkAllReduce } from './algorithms/in-network.js';
import type { PricingModel } from './overheads.js';
import { priceSchedule, type PatternPace, type SchedulePrice } from './pricing.js';
import { boundContext, patternBound, patternCutBound, scheduleBound, type BoundContext } from './lower-bounds.js';
import { edgeMemberIds, edgeSplitsByCapacity, type FabricGraph, type GraphState } from '../graph/fabric-graph.js';
import { bundleWatts, usedFixedWatts, type BundleWatts } from '../power/phase-attribution.js';
import { buildQuotientGraph, quotientArc, type QuotientGraph } from '../symmetry/quotient-graph.js';
import { congestion, routePatterns, type Congestion, type PatternLoad, type TrafficPattern } from '../routing/routing.js';
import { uniformSymmetry, type UniformSymmetry } from '../symmetry/uniform-symmetry.js';
import { splitClasses, type TwinClasses } from '../symmetry/twin-classes.js';
import { scheduleLinkLoads } from './link-loads.js';

/** A graph in a failure state with its twin classes: what a phase is priced on. */
export interface Network {
    readonly graph: FabricGraph;
    readonly state: GraphState;
    readonly classes: TwinClasses;
    /** Watts the whole network draws whatever the traffic (switches, OCS, idle link watts, lasers). */
    readonly fixedWatts: number;
    /** How collectives are priced (protocols, the ideal mode). */
    readonly pricing: PricingModel;
    /** Quotients already built, by participant set ('' when participation splits no class). */
    readonly quotients?: Map<string, QuotientGraph>;
    /** Automorphism generators found for all-to-all, by participant set (see uniform-symmetry). */
    readonly symmetries?: Map<string, Int32Array[]>;
    /** The grid's automorphisms of a participant quotient, by its key and the ranks in order (see networkGridGenerators). */
    readonly gridSymmetries?: Map<string, Int32Array[]>;
    /** For a failed state: the network with every part up, whose symmetries it may keep. */
    readonly base?: Network;
    /** With `base`: the live nodes whose arcs the failure changed (its quotients copy the others' arcs from base's). */
    readonly affected?: ReadonlySet<number>;
    /** Lower bounds of each schedule set's patterns on this network (large fabrics only). */
    readonly bounds?: WeakMap<ScheduleSet, PatternBounds>;
    /** Fixed watts per bundle of each quotient (for the parts-used attribution). */
    readonly watts?: WeakMap<QuotientGraph, BundleWatts>;
    /** Orbits of each quotient's classes and arcs under its all-to-all symmetry (null: none). */
    readonly orbits?: WeakMap<QuotientGraph, UniformSymmetry | null>;
    /** A request's schedule set with this network's in-network candidates added, by the request's own set. */
    readonly withInNetwork?: WeakMap<ScheduleSet, { readonly ranks: readonly number[]; readonly bytes: number; readonly set: ScheduleSet }>;
}

/**
 * The quotient in which every class lies wholly inside or outside the ranks (all-to-all traffic is
 * then symmetric within each class). Cached on the network per participant set.
 */
export function participantQuotient(net: Network, ranks: readonly number[]): QuotientGraph {
    return participantQuotientKeyed(net, ranks).q;
}

/** A schedule set's pattern bounds on one network: the cheap ones of every pattern, the cut bounds where asked for. */
export interface PatternBounds {
    readonly context: BoundContext;
    readonly cheap: readonly number[];
    /** Per pattern, the larger of its cheap and cut bounds, once computed. */
    readonly tight: Array<number | undefined>;
}

export function participantQuotientKeyed(net: Network, ranks: readonly number[]): { q: QuotientGraph; key: string } {
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
        const before = net.affected ? net.base?.quotients?.get(key) : undefined;
        q = buildQuotientGraph(net.graph, net.state, split ? splitClasses(net.classes, flag) : net.classes, before ? { q: before, affected: net.affected! } : undefined);
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
    /** The algorithms' schedules, when already built (they depend only on the request and the healthy graph). */
    readonly schedules?: ScheduleSet;
    /** Price only this algorithm (a phase keeps its algorithm after a failure); all when it no longer applies. */
    readonly only?: AlgorithmName;
    /** Only the time matters (a failure sweep): skip the energy attribution. */
    readonly timeOnly?: boolean;
}

export interface CollectiveOutcome {
    /** Applicable algorithms, fastest first. */
    readonly results: AlgorithmResult[];
    /** The fixed algorithm when it applies, else the fastest; null if nothing can run. */
    readonly chosen: AlgorithmResult | null;
    readonly latency: PhaseLatency | null;
    /** When no algorithm routes: the first pair of nodes without a path. */
    readonly unreachable: readonly [number, number] | null;
    /** Why each algorithm that is not offered does not apply (including those that cannot route). */
    readonly notApplicable: ReadonlyMap<AlgorithmName, string>;
    /** Candidates not routed on a large fabric because a lower bound shows them slower than the chosen. */
    readonly bounded: readonly BoundedAlternative[];
    /** The chosen algorithm's load on every link (link-loads.ts); null when nothing runs or only the time was asked. */
    readonly linkLoads: Float32Array | null;
}

/** A candidate that cannot beat the chosen algorithm: its lower bound, not its price. */
export interface BoundedAlternative {
    readonly algorithm: AlgorithmName;
    readonly detail: string;
    /** A lower bound on its time. */
    readonly atLeastSeconds: number;
}

/**
 * Above this many twin classes routing every candidate costs more than an editor can wait for:
 * candidates are routed in order of their lower bounds, and those that cannot win are left unrouted.
 */
const PRUNE_CLASSES = 1024;

function describeArc(net: Network, arc: number, bytes: number, equallyLoaded: number): BottleneckLink | null {
    if (arc < 0) return null;
    const g = net.graph;
    const edge = g.arcEdge[arc];
    const from = g.arcHead[g.arcRev[arc]];
    const to = g.arcHead[arc];
    const { linkIds, circuits } = edgeMemberIds(g, edge);
    return {
        from: g.model.nodes[from].path, to: g.model.nodes[to].path, linkIds, circuits,
        capacityBytesPerSecond: net.state.capacity[edge], bytes, equallyLoadedArcs: equallyLoaded,
        splitsByCapacity: edgeSplitsByCapacity(g, edge)
    };
}

/** The schedule set with the network-dependent candidates (in-network reduction) added. */
function candidates(net: Network, request: CollectiveRequest): ScheduleSet {
    const { collective, ranks, bytes } = request;
    const set = request.schedules ?? collectiveSchedules(net.graph, { collective, ranks, bytes, peers: request.peers, root: request.root });
    if (collective !== 'all-reduce' || (request.only && request.only !== 'in-network')) return set;
    // They depend only on the network and the ranks and bytes: built once per network and request.
    const known = request.schedules ? net.withInNetwork?.get(request.schedules) : undefined;
    if (known && known.ranks === ranks && known.bytes === bytes) return known.set;
    const extended = withInNetwork(net, set, ranks, bytes);
    if (request.schedules) net.withInNetwork?.set(request.schedules, { ranks, bytes, set: extended });
    return extended;
}

function withInNetwork(net: Network, set: ScheduleSet, ranks: readonly number[], bytes: number): ScheduleSet {
    const extra = new ScheduleBuilder();
    inNetworkAllReduce(extra, net.graph, net.state, ranks, bytes);
    const added = extra.build();
    const offset = set.patterns.length;
    const notApplicable = new Map(set.notApplicable);
    for (const [a, why] of added.notApplicable) notApplicable.set(a, why);
    return {
        patterns: [...set.patterns, ...added.patterns], inbound: [...set.inbound, ...added.inbound],
        schedules: [...set.schedules, ...added.schedules.map(s => ({ ...s, steps: s.steps.map(step => ({ ...step, pattern: step.pattern + offset })) }))],
        notApplicable
    };
}

/** The schedule set cut down to one algorithm's variants. */
function onlyAlgorithm(set: ScheduleSet, algorithm: AlgorithmName): ScheduleSet {
    const schedules = set.schedules.filter(s => s.algorithm === algorithm);
    const keep = [...new Set(schedules.flatMap(s => s.steps.map(step => step.pattern)))];
    const index = new Map(keep.map((p, i) => [p, i]));
    return {
        patterns: keep.map(p => set.patterns[p]), inbound: keep.map(p => set.inbound[p]),
        schedules: schedules.map(s => ({ ...s, steps: s.steps.map(step => ({ ...step, pattern: index.get(step.pattern)! })) })),
        notApplicable: set.notApplicable
    };
}

/** Seconds per byte the slowest rank takes to reduce what it receives; 0 when free (undeclared, or the ideal mode). */
function reductionSecondsPerByte(net: Network, ranks: readonly number[]): number {
    if (net.pricing.ideal) return 0;
    const model = net.graph.model;
    if (!Object.values(model.types.accelerators).some(t => t.reductionRateBps !== undefined)) return 0;
    let slowest = 0;
    for (const r of ranks) {
        const rate = model.types.accelerators[model.nodes[r].type]?.reductionRateBps;
        if (rate !== undefined && Number.isFinite(rate) && rate > 0) slowest = Math.max(slowest, 8 / rate);
    }
    return slowest;
}

interface Priced {
    readonly schedule: Schedule;
    readonly price: SchedulePrice;
    readonly protocol: string;
}

/**
 * 1 for each quotient bundle a routed pattern loads. (Module-level, as sharesABundle: the closures
 * of linkSharing are made per phase and would lose the optimised code of these loops at every full
 * collection, see ROUTING_SHAPE_ANCHORS.)
 */
function bundlesUsed(q: QuotientGraph, l: PatternLoad): Uint8Array {
    const g = q.graph, cls = q.classes.classOf;
    const u = new Uint8Array(q.qHead.length);
    for (let a = 0; a < u.length; a++) if (l.uniform[a] > 0 || l.outNodes[a] > 0 || l.inNodes[a] > 0) u[a] = 1;
    for (const arc of l.directArcs) {
        const qa = quotientArc(q, cls[g.arcHead[g.arcRev[arc]]], cls[g.arcHead[arc]]);
        if (qa >= 0) u[qa] = 1;
    }
    return u;
}

/** Whether some link is used by both: either direction of its bundle used by each. */
function sharesABundle(q: QuotientGraph, a: Uint8Array, b: Uint8Array): boolean {
    for (let x = 0; x < a.length; x++) if ((a[x] || a[q.qRev[x]]) && (b[x] || b[q.qRev[x]])) return true;
    return false;
}

/** Whether two routed patterns load a common bundle of links (so their steps cannot overlap). */
function linkSharing(q: QuotientGraph, loads: readonly PatternLoad[]): (p: number, r: number) => boolean {
    const used = new Map<number, Uint8Array>();
    const usedBy = (p: number) => {
        if (!loads[p]) return new Uint8Array(q.qHead.length);
        let u = used.get(p);
        if (!u) { u = bundlesUsed(q, loads[p]); used.set(p, u); }
        return u;
    };
    // Each pair is answered once (every protocol's pricing asks again).
    const answers = new Map<number, boolean>();
    return (p, r) => {
        if (p === r) return true;
        const key = Math.min(p, r) * loads.length + Math.max(p, r);
        let shared = answers.get(key);
        if (shared === undefined) {
            shared = sharesABundle(q, usedBy(p), usedBy(r));
            if (loads[p] && loads[r]) answers.set(key, shared); // an unrouted pattern (loads nothing yet) is not remembered
        }
        return shared;
    };
}

function bestPrice(net: Network, schedule: Schedule, paces: readonly PatternPace[], reduction: number, sharesLinks: (p: number, r: number) => boolean): Priced {
    let best: Priced | null = null;
    for (const protocol of net.pricing.protocols) {
        const price = priceSchedule(schedule, paces, protocol, reduction, !net.pricing.ideal, sharesLinks);
        if (!best || price.timeSeconds < best.price.timeSeconds) best = { schedule, price, protocol: protocol.name };
    }
    return best!;
}

export function evaluateCollective(net: Network, request: CollectiveRequest): CollectiveOutcome {
    const { collective, ranks, bytes } = request;
    const n = ranks.length;
    const all = candidates(net, request);
    const set = request.only ? onlyAlgorithm(all, request.only) : all;
    const notApplicable = new Map(set.notApplicable);
    const { q, key } = participantQuotientKeyed(net, ranks);
    const payload = !net.pricing.ideal;
    let symmetry: ReturnType<typeof uniformSymmetry> | undefined;
    const loads: PatternLoad[] = new Array(set.patterns.length);
    const congestions: Congestion[] = new Array(set.patterns.length);
    const paces: PatternPace[] = new Array(set.patterns.length);
    const route = (patterns: readonly number[]) => {
        const todo = [...new Set(patterns)].filter(p => !loads[p]);
        if (todo.length === 0) return;
        if (symmetry === undefined && todo.some(p => set.patterns[p].kind === 'uniform')) symmetry = uniformSymmetry(net, q, ranks, key);
        const routed = routePatterns(q, todo.map(p => set.patterns[p]), symmetry ?? null);
        todo.forEach((p, i) => {
            loads[p] = routed[i];
            congestions[p] = congestion(q, routed[i], payload);
            paces[p] = { alphaSeconds: routed[i].latencyMaxSeconds, secondsPerByte: congestions[p].secondsPerByte, inbound: set.inbound[p] };
        });
    };
    const reduction = reductionSecondsPerByte(net, ranks);
    const nodes = net.graph.model.nodes;
    const sharesLinks = linkSharing(q, loads);
    let firstUnreachable: readonly [number, number] | null = null;
    // Candidates in order of their lower bounds on a large fabric; all of them, routed at once, otherwise.
    let order = set.schedules.map((schedule, i) => ({ schedule, bound: 0, i }));
    const prune = !request.only && q.count > PRUNE_CLASSES && set.schedules.length > 1;
    let tightBound: ((schedule: Schedule) => number) | null = null;
    if (prune) {
        // The request's own patterns keep their bounds on this network, and so do those added here
        // (in-network) where the network keeps them; otherwise they are few and bounded anew.
        const key = request.schedules && net.withInNetwork ? all : request.schedules ?? all;
        let cached = net.bounds?.get(key);
        if (!cached) {
            const context = boundContext(net, ranks, payload);
            cached = { context, cheap: key.patterns.map(p => patternBound(context, p)), tight: [] };
            net.bounds?.set(key, cached);
        }
        const known = cached;
        const patternBounds = all.patterns.map((p, i) => (i < known.cheap.length ? known.cheap[i] : patternBound(known.context, p)));
        // The cut bound of a pattern, only for a candidate the cheap bounds do not exclude (see below).
        const extra: Array<number | undefined> = [];
        tightBound = schedule => {
            const bounds = patternBounds.slice();
            for (const { pattern: p } of schedule.steps) {
                const cache = p < known.cheap.length ? known.tight : extra;
                bounds[p] = cache[p] ??= Math.max(bounds[p], patternCutBound(known.context, all.patterns[p]));
            }
            return scheduleBound(schedule, bounds, net.pricing.protocols);
        };
        order = order.map(o => ({ ...o, bound: scheduleBound(o.schedule, patternBounds, net.pricing.protocols) })).sort((x, y) => x.bound - y.bound || x.i - y.i);
    } else {
        route(set.patterns.map((_, i) => i));
    }
    // The fastest routable variant of each algorithm.
    const best = new Map<AlgorithmName, Priced>();
    const bounded = new Map<AlgorithmName, BoundedAlternative>();
    let fastest = Infinity;
    for (const { schedule, bound } of order) {
        // A candidate that cannot win is reported with its bound, not routed: first by the cheap
        // bounds, then, once some candidate is priced, by the cut bounds too.
        let excluded: number | null = null;
        if (prune && schedule.algorithm !== request.fixed) {
            const limit = fastest * (1 + 1e-9);
            if (bound > limit) excluded = bound;
            else if (fastest < Infinity && tightBound) {
                const tight = tightBound(schedule);
                if (tight > limit) excluded = tight;
            }
        }
        if (excluded !== null) {
            if (!best.has(schedule.algorithm) && !bounded.has(schedule.algorithm)) bounded.set(schedule.algorithm, { algorithm: schedule.algorithm, detail: schedule.detail, atLeastSeconds: excluded });
            continue;
        }
        route(schedule.steps.map(s => s.pattern));
        const lost = schedule.steps.map(s => loads[s.pattern]).find(l => l.unreachable > 0);
        if (lost) {
            firstUnreachable ??= lost.firstUnreachable;
            const [s, t] = lost.firstUnreachable!;
            if (!best.has(schedule.algorithm)) notApplicable.set(schedule.algorithm, `it cannot route: no path from ${nodes[s].path} to ${nodes[t].path}`);
            continue;
        }
        const priced = bestPrice(net, schedule, paces, reduction, sharesLinks);
        if (!(priced.price.timeSeconds > 0)) continue;
        const known = best.get(schedule.algorithm);
        if (!known || priced.price.timeSeconds < known.price.timeSeconds) best.set(schedule.algorithm, priced);
        notApplicable.delete(schedule.algorithm);
        bounded.delete(schedule.algorithm);
        fastest = Math.min(fastest, priced.price.timeSeconds);
    }
    if (request.only && best.size === 0) return evaluateCollective(net, { ...request, only: undefined });
    let watts = net.watts?.get(q) ?? null;
    if (!watts && best.size > 0 && !request.timeOnly) { watts = bundleWatts(q); net.watts?.set(q, watts); }
    const results: AlgorithmResult[] = [...best.values()].map(p => result(net, q, p, loads, congestions, watts, collective, n, bytes));
    results.sort((x, y) => x.timeSeconds - y.timeSeconds);
    let chosen = results[0] ?? null;
    if (request.fixed) {
        const fixed = results.find(r => r.algorithm === request.fixed);
        if (fixed) chosen = fixed;
        else if (!notApplicable.has(request.fixed)) notApplicable.set(request.fixed, `it does not apply to ${collective}`);
    }
    const schedule = chosen ? best.get(chosen.algorithm)!.schedule : null;
    const latency = !schedule ? null
        : schedule.steps.every(s => s.alphaSeconds !== undefined) ? { minSeconds: chosen!.alphaSeconds, maxSeconds: chosen!.alphaSeconds, asymmetry: 1 }
            : latencyOf(loads, new Set(schedule.steps.map(s => s.pattern)));
    const protocol = chosen && net.pricing.protocols.find(p => p.name === chosen!.protocol);
    const linkLoads = schedule && protocol && !request.timeOnly
        ? scheduleLinkLoads({ q, schedule, patterns: set.patterns, loads, protocolEfficiency: protocol.efficiency, payload, timeSeconds: chosen!.timeSeconds })
        : null;
    return { results, chosen, latency, unreachable: results.length === 0 ? firstUnreachable : null, notApplicable, bounded: [...bounded.values()], linkLoads };
}

function result(net: Network, q: QuotientGraph, priced: Priced, loads: readonly PatternLoad[], congestions: readonly Congestion[],
    watts: BundleWatts | null, collective: CollectiveKind, n: number, bytes: number): AlgorithmResult {
    const { schedule, price } = priced;
    let traffic = 0, volume = 0, worst = -1;
    schedule.steps.forEach((step, i) => {
        traffic += step.transfers * step.bytes * congestions[step.pattern].joulesPerByte;
        volume += step.transfers * step.bytes * loads[step.pattern].volume;
        if (worst < 0 || price.stepTransfer[i] > price.stepTransfer[worst]) worst = i;
    });
    const bytesMoved = schedule.bytesMoved ?? volume;
    const used = [...new Set(schedule.steps.map(s => s.pattern))].map(p => loads[p]);
    const fixedWatts = watts ? usedFixedWatts(q, used, watts) : 0;
    const time = price.timeSeconds;
    const fixed = fixedWatts * time;
    const energy = traffic + fixed;
    const algbw = bytes / time;
    const worstStep = schedule.steps[worst];
    const c = congestions[worstStep.pattern];
    const stepBytes = schedule.steps.filter(s => s.pattern === worstStep.pattern).reduce((sum, s) => sum + s.transfers * s.bytes, 0);
    return {
        algorithm: schedule.algorithm, detail: schedule.detail, protocol: priced.protocol, timeSeconds: time, algbwBytesPerSecond: algbw,
        busbwBytesPerSecond: algbw * busBandwidthFactor(collective, n), alphaSeconds: price.alphaSeconds, steps: price.steps,
        transferSeconds: price.transferSeconds, overheadSeconds: price.overheadSeconds, overlap: price.overlap,
        energyJoules: energy, trafficEnergyJoules: traffic, fixedEnergyJoules: fixed, fixedWatts,
        picojoulesPerBit: bytesMoved > 0 ? energy / (8 * bytesMoved) * 1e12 : 0, bytesMoved,
        bottleneck: describeArc(net, c.arc, c.units * stepBytes, c.equallyLoaded)
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

export type { TrafficPattern };
