/**
 * Lower bounds on a schedule's time, cheap enough to decide which candidates are worth routing on a
 * large fabric without twins (a 4,096-chip torus): a candidate whose bound exceeds an exactly priced
 * one cannot win, so it is reported with its bound instead of routed.
 *
 * A pattern's seconds per byte is at least
 * - what its busiest sender (or receiver) must push through all its links: units out / out capacity;
 * - its volume spread over every link: Σ_flows units × hops(s, t) / Σ_arcs capacity.
 * - the units that must cross a cut over the cut's capacity. The cuts are a landmark's breadth-first
 *   layers: every path from a node at most r hops from the landmark to one farther crosses an arc
 *   from layer r to layer r + 1, so those arcs carry at least the units of such flows between them,
 *   and the busiest of them at least that sum over their capacity (and likewise inwards). Where
 *   traffic must squeeze through a few links it is the bound that sees it: two racks joined by one
 *   uplink each (all cross-rack units on the uplink, exactly), or halving-doubling's far exchanges
 *   along the long dimension of a 256×4×4 ring of cubes, which the volume bound spreads over the
 *   links of every dimension.
 * Hops are bounded below by landmarks: hops(s, t) ≥ max_L |d(L, s) − d(L, t)| (triangle inequality),
 * with plain breadth-first distances from a few landmarks chosen farthest-first.
 * A step then takes at least transfers × bytes × that; a sequential schedule at least the sum of its
 * steps, an overlapping one at least its largest step; plus the cheapest protocol's launch.
 */
import type { Network } from './collectives.js';
import type { CollectiveProtocol } from './overheads.js';
import type { Schedule } from './schedule.js';
import type { TrafficPattern } from '../routing/routing.js';

const LANDMARKS = 6;

export interface BoundContext {
    /** Hop distances from each landmark (−1: unreachable). */
    readonly landmarks: readonly Int32Array[];
    /** Per landmark, the capacity of the arcs between its breadth-first layers (see LayerCuts). */
    readonly cuts: readonly LayerCuts[];
    readonly outCapacity: Float64Array;
    readonly totalCapacity: number;
}

function hops(net: Network, from: number): Int32Array {
    const g = net.graph;
    const dist = new Int32Array(g.nodeCount).fill(-1);
    const queue = new Int32Array(g.nodeCount);
    let head = 0, tail = 0;
    dist[from] = 0;
    queue[tail++] = from;
    while (head < tail) {
        const u = queue[head++];
        for (let a = g.arcStart[u]; a < g.arcStart[u + 1]; a++) {
            const v = g.arcHead[a];
            if (dist[v] >= 0 || net.state.alive[v] !== 1 || net.state.capacity[g.arcEdge[a]] <= 0) continue;
            dist[v] = dist[u] + 1;
            queue[tail++] = v;
        }
    }
    return dist;
}

/**
 * The cuts between a landmark's breadth-first layers: `outward[r]` is the capacity of the arcs from
 * layer r to layer r + 1, `inward[r]` of those from layer r + 1 to layer r (every arc between live
 * nodes joins equal or adjacent layers).
 */
export interface LayerCuts {
    readonly outward: Float64Array;
    readonly inward: Float64Array;
}

function layerCuts(net: Network, d: Int32Array, payload: boolean): LayerCuts {
    const g = net.graph;
    let depth = 0;
    for (let u = 0; u < g.nodeCount; u++) if (d[u] > depth) depth = d[u];
    const outward = new Float64Array(depth + 1);
    const inward = new Float64Array(depth + 1);
    for (let u = 0; u < g.nodeCount; u++) {
        const du = d[u];
        if (du < 0) continue;
        for (let a = g.arcStart[u]; a < g.arcStart[u + 1]; a++) {
            const v = g.arcHead[a], e = g.arcEdge[a];
            if (net.state.alive[v] !== 1 || net.state.capacity[e] <= 0) continue;
            const c = net.state.capacity[e] * (payload ? g.edgeEfficiency[e] : 1);
            if (d[v] === du + 1) outward[du] += c;
            else if (d[v] === du - 1) inward[d[v]] += c;
        }
    }
    return { outward, inward };
}

export function boundContext(net: Network, ranks: readonly number[], payload: boolean): BoundContext {
    const g = net.graph;
    const landmarks: Int32Array[] = [];
    // Farthest-first from the first rank.
    let next = ranks[0];
    const nearest = new Int32Array(g.nodeCount).fill(2 ** 30);
    for (let i = 0; i < LANDMARKS && next >= 0; i++) {
        const d = hops(net, next);
        landmarks.push(d);
        let far = -1, best = -1;
        for (const r of ranks) {
            if (d[r] >= 0) nearest[r] = Math.min(nearest[r], d[r]);
            if (nearest[r] > best && nearest[r] < 2 ** 30) { best = nearest[r]; far = r; }
        }
        next = best > 0 ? far : -1;
    }
    const outCapacity = new Float64Array(g.nodeCount);
    let totalCapacity = 0;
    for (let u = 0; u < g.nodeCount; u++) {
        if (net.state.alive[u] !== 1) continue;
        for (let a = g.arcStart[u]; a < g.arcStart[u + 1]; a++) {
            const e = g.arcEdge[a];
            if (net.state.alive[g.arcHead[a]] !== 1) continue;
            const c = net.state.capacity[e] * (payload ? g.edgeEfficiency[e] : 1);
            outCapacity[u] += c;
            totalCapacity += c;
        }
    }
    return { landmarks, cuts: landmarks.map(d => layerCuts(net, d, payload)), outCapacity, totalCapacity };
}

function hopBound(b: BoundContext, s: number, t: number): number {
    let best = 1;
    const landmarks = b.landmarks;
    for (let l = 0; l < landmarks.length; l++) {
        const d = landmarks[l];
        const ds = d[s], dt = d[t];
        if (ds >= 0 && dt >= 0) best = Math.max(best, Math.abs(ds - dt));
    }
    return best;
}

/** A lower bound on the seconds per byte of a pattern's most loaded arc: the busiest sender's and the volume bound. */
export function patternBound(b: BoundContext, pattern: TrafficPattern): number {
    if (b.totalCapacity <= 0) return 0;
    if (pattern.kind === 'uniform') {
        const ranks = pattern.participants;
        const n = ranks.length;
        let volume = 0, worst = 0;
        for (const s of ranks) if (b.outCapacity[s] > 0) worst = Math.max(worst, (n - 1) / b.outCapacity[s]);
        // Σ over ordered pairs of the hop bound, by landmark: Σ_s Σ_t max_L |d_L(s) − d_L(t)| ≥ max_L Σ Σ |…|.
        const values = new Int32Array(n);
        for (const d of b.landmarks) {
            // The reachable ranks' hops from the landmark, ascending (a typed sort: hops are integers).
            let m = 0;
            for (let i = 0; i < n; i++) { const v = d[ranks[i]]; if (v >= 0) values[m++] = v; }
            const sorted = values.subarray(0, m).sort();
            let sum = 0, prefix = 0;
            for (let i = 0; i < m; i++) { const v = sorted[i]; sum += v * i - prefix; prefix += v; }
            volume = Math.max(volume, 2 * sum);
        }
        volume = Math.max(volume, n * (n - 1));
        return Math.max(worst, volume / b.totalCapacity);
    }
    // Units out of and into each node, summed per node in flow order.
    const nodes = b.outCapacity.length;
    const out = new Float64Array(nodes);
    const into = new Float64Array(nodes);
    let volume = 0;
    for (let i = 0; i < pattern.src.length; i++) {
        const s = pattern.src[i], t = pattern.dst[i];
        if (s === t) continue;
        const w = pattern.weight ? pattern.weight[i] : 1;
        out[s] += w;
        into[t] += w;
        volume += w * hopBound(b, s, t);
    }
    let worst = 0;
    for (let u = 0; u < nodes; u++) {
        if (b.outCapacity[u] <= 0) continue;
        if (out[u] > 0) worst = Math.max(worst, out[u] / b.outCapacity[u]);
        if (into[u] > 0) worst = Math.max(worst, into[u] / b.outCapacity[u]);
    }
    return Math.max(worst, volume / b.totalCapacity);
}

/**
 * The cut bound of a pattern (see the file's comment): dearer than patternBound (a pass over its flows
 * per landmark), so it is asked for only where the cheaper bounds leave a candidate in the running.
 */
export function patternCutBound(b: BoundContext, pattern: TrafficPattern): number {
    if (b.totalCapacity <= 0) return 0;
    return pattern.kind === 'uniform' ? uniformCutBound(b, pattern.participants) : flowsCutBound(b, pattern);
}

/** Units over capacity across the busiest layer cut, from each cut's crossing units in each direction. */
function busiestCut(cuts: LayerCuts, outward: Float64Array, inward: Float64Array): number {
    let worst = 0;
    for (let r = 0; r < cuts.outward.length; r++) {
        if (outward[r] > 0 && cuts.outward[r] > 0) worst = Math.max(worst, outward[r] / cuts.outward[r]);
        if (inward[r] > 0 && cuts.inward[r] > 0) worst = Math.max(worst, inward[r] / cuts.inward[r]);
    }
    return worst;
}

/** The cut bound of listed flows: a flow from layer i to layer j > i crosses every cut r with i ≤ r < j. */
function flowsCutBound(b: BoundContext, pattern: Exclude<TrafficPattern, { kind: 'uniform' }>): number {
    let worst = 0;
    for (let l = 0; l < b.landmarks.length; l++) {
        const cuts = b.cuts[l];
        const outward = new Float64Array(cuts.outward.length + 1);
        const inward = new Float64Array(cuts.inward.length + 1);
        layerCrossings(b.landmarks[l], pattern.src, pattern.dst, pattern.weight ?? null, outward, inward);
        worst = Math.max(worst, busiestCut(cuts, outward, inward));
    }
    return worst;
}

/**
 * Crossing units per cut of one landmark's layers, into `outward` and `inward` (zeroed, one longer
 * than the cuts): as differences first, +w where a flow starts crossing and −w past its last cut,
 * then summed. (Typed arrays in, not the pattern: the loop runs over every flow of every pattern.)
 */
function layerCrossings(d: Int32Array, src: Int32Array, dst: Int32Array, weight: Float64Array | null, outward: Float64Array, inward: Float64Array): void {
    for (let i = 0; i < src.length; i++) {
        const ds = d[src[i]], dt = d[dst[i]];
        if (ds < 0 || dt < 0 || ds === dt) continue;
        const w = weight !== null ? weight[i] : 1;
        if (ds < dt) { outward[ds] += w; outward[dt] -= w; } else { inward[dt] += w; inward[ds] -= w; }
    }
    for (let r = 1; r < outward.length; r++) { outward[r] += outward[r - 1]; inward[r] += inward[r - 1]; }
}

/** The cut bound of all-to-all: the p ranks within r hops send a unit to each of the m − p beyond, and back. */
function uniformCutBound(b: BoundContext, ranks: readonly number[]): number {
    let worst = 0;
    for (let l = 0; l < b.landmarks.length; l++) {
        const d = b.landmarks[l], cuts = b.cuts[l];
        const within = new Float64Array(cuts.outward.length);
        let m = 0;
        for (let i = 0; i < ranks.length; i++) { const h = d[ranks[i]]; if (h >= 0) { within[h]++; m++; } }
        // Within r hops p ranks, beyond m − p: p(m − p) ordered pairs cross the cut each way.
        for (let r = 1; r < within.length; r++) within[r] += within[r - 1];
        for (let r = 0; r < within.length; r++) within[r] *= m - within[r];
        worst = Math.max(worst, busiestCut(cuts, within, within));
    }
    return worst;
}

/** Σ of `values` per key, and the largest such sum. */
function largestSum(values: readonly number[], key: (i: number) => number): number {
    const sums = new Map<number, number>();
    values.forEach((v, i) => sums.set(key(i), (sums.get(key(i)) ?? 0) + v));
    return Math.max(0, ...sums.values());
}

/**
 * A lower bound on the schedule's time under the cheapest of the protocols. Sequential steps add up;
 * a pipelined schedule takes at least the steps on any one dimension (every chunk crosses them all);
 * concurrent streams take at least their longest stream, and a dimension's transfers.
 */
export function scheduleBound(schedule: Schedule, bounds: readonly number[], protocols: readonly CollectiveProtocol[]): number {
    let best = Infinity;
    const steps = schedule.steps;
    for (const protocol of protocols) {
        const transfer = steps.map(s => s.transfers * s.bytes * bounds[s.pattern] / protocol.efficiency);
        const whole = steps.map((s, i) => transfer[i] + s.latencySteps * protocol.stepSeconds);
        const body = schedule.overlap === 'sequential' ? whole.reduce((x, y) => x + y, 0)
            : schedule.overlap === 'pipelined' ? largestSum(whole, i => steps[i].dimension ?? -1)
                : Math.max(largestSum(whole, i => steps[i].stream ?? 0), largestSum(transfer, i => steps[i].dimension ?? -1));
        best = Math.min(best, protocol.launchSeconds + body);
    }
    return best;
}
