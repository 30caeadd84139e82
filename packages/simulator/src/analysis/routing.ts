/**
 * Shortest-path routing with ECMP over the quotient graph. Traffic splits over all minimum-hop paths
 * in proportion to their number (Brandes-style backward accumulation over each source's BFS DAG),
 * which for symmetric fabrics is the even spread ECMP gives.
 *
 * Loads are kept in two layers: `uniform`, per quotient arc, for the share spread evenly over a
 * whole bundle, and `explicit`, per fabric arc, for the ends of point-to-point flows, which leave one
 * particular node and enter another. One BFS per source class serves every pattern of a phase.
 */
import type { QuotientGraph } from './quotient-graph.js';

/** All-to-all among the participants (a unit per ordered pair), or one unit per listed flow. */
export type TrafficPattern =
    | { readonly kind: 'uniform'; readonly participants: readonly number[] }
    | { readonly kind: 'flows'; readonly src: Int32Array; readonly dst: Int32Array };

export interface PatternLoad {
    /** Units carried by each quotient bundle, spread evenly over its fabric arcs. */
    readonly uniform: Float64Array;
    /** Units on particular fabric arcs (dense over the fabric's arcs; null when none). */
    readonly explicit: Float64Array | null;
    readonly explicitArcs: readonly number[];
    readonly flows: number;
    readonly unreachable: number;
    readonly firstUnreachable: readonly [number, number] | null;
    readonly latencyMaxSeconds: number;
    readonly latencyMinSeconds: number;
    readonly hopsMax: number;
}

class LoadBuilder {
    readonly uniform: Float64Array;
    explicit: Float64Array | null = null;
    readonly explicitArcs: number[] = [];
    flows = 0;
    unreachable = 0;
    firstUnreachable: [number, number] | null = null;
    latencyMax = 0;
    latencyMin = Infinity;
    hopsMax = 0;

    constructor(quotientArcs: number, private readonly fabricArcs: number) {
        this.uniform = new Float64Array(quotientArcs);
    }

    addExplicit(arc: number, units: number): void {
        if (!this.explicit) this.explicit = new Float64Array(this.fabricArcs);
        if (this.explicit[arc] === 0) this.explicitArcs.push(arc);
        this.explicit[arc] += units;
    }

    reached(latMax: number, latMin: number, hops: number): void {
        if (latMax > this.latencyMax) this.latencyMax = latMax;
        if (latMin < this.latencyMin) this.latencyMin = latMin;
        if (hops > this.hopsMax) this.hopsMax = hops;
    }

    lost(count: number, s: number, t: number): void {
        this.unreachable += count;
        this.firstUnreachable ??= [s, t];
    }

    build(): PatternLoad {
        return {
            uniform: this.uniform, explicit: this.explicit, explicitArcs: this.explicitArcs, flows: this.flows,
            unreachable: this.unreachable, firstUnreachable: this.firstUnreachable,
            latencyMaxSeconds: this.latencyMax, latencyMinSeconds: Number.isFinite(this.latencyMin) ? this.latencyMin : 0, hopsMax: this.hopsMax
        };
    }
}

/** Per-source BFS state over the quotient, reused across sources. */
class Bfs {
    readonly dist: Int32Array;
    readonly sigma: Float64Array;
    readonly latMax: Float64Array;
    readonly latMin: Float64Array;
    readonly order: Int32Array;
    visited = 0;
    source = -1;

    constructor(private readonly q: QuotientGraph) {
        this.dist = new Int32Array(q.count).fill(-1);
        this.sigma = new Float64Array(q.count);
        this.latMax = new Float64Array(q.count);
        this.latMin = new Float64Array(q.count);
        this.order = new Int32Array(q.count);
    }

    /** Paths from one member of `s` to one member of each class; stops once `targets` are settled. */
    run(s: number, targets: Set<number> | null): void {
        const { q, dist, sigma, latMax, latMin, order } = this;
        for (let i = 0; i < this.visited; i++) dist[order[i]] = -1;
        this.source = s;
        dist[s] = 0; sigma[s] = 1; latMax[s] = 0; latMin[s] = 0;
        order[0] = s;
        let head = 0, tail = 1;
        let pending = targets ? targets.size - (targets.has(s) ? 1 : 0) : -1;
        let lastTargetDist = 0;
        while (head < tail) {
            const x = order[head++];
            const dx = dist[x];
            if (pending === 0 && dx >= lastTargetDist) break;
            if (x !== s && q.forwards[x] === 0) continue;
            const mult = x === s ? 1 : q.size[x];
            const pass = x === s ? 0 : q.nodeLatency[x];
            for (let a = q.qStart[x]; a < q.qStart[x + 1]; a++) {
                const y = q.qHead[a];
                let dy = dist[y];
                if (dy < 0) {
                    dy = dist[y] = dx + 1;
                    sigma[y] = 0; latMax[y] = -Infinity; latMin[y] = Infinity;
                    order[tail++] = y;
                    if (pending > 0 && targets!.has(y)) { pending--; lastTargetDist = dy; }
                }
                if (dy === dx + 1) {
                    sigma[y] += sigma[x] * mult;
                    const lat = q.qLatency[a] + pass;
                    if (latMax[x] + lat > latMax[y]) latMax[y] = latMax[x] + lat;
                    if (latMin[x] + lat < latMin[y]) latMin[y] = latMin[x] + lat;
                }
            }
        }
        this.visited = tail;
    }

    /** Whether x precedes y on a shortest path from the source. */
    isPred(x: number, y: number): boolean {
        const dx = this.dist[x];
        return dx >= 0 && dx === this.dist[y] - 1 && (x === this.source || this.q.forwards[x] === 1);
    }

    mult(x: number): number {
        return x === this.source ? 1 : this.q.size[x];
    }
}

/** What one unit from the source class to one member of T does, per bundle. */
interface PairRoute {
    /** Middle bundles (neither end is the flow's own node): quotient arc → units. */
    readonly middle: Map<number, number>;
    /** Units leaving the source node towards each neighbour class. */
    readonly fromSource: Map<number, number>;
    /** Units entering the destination node from each neighbour class. */
    readonly intoDestination: Map<number, number>;
}

function pairRoute(q: QuotientGraph, bfs: Bfs, t: number): PairRoute {
    const middle = new Map<number, number>();
    const fromSource = new Map<number, number>();
    const intoDestination = new Map<number, number>();
    const s = bfs.source;
    const delta = new Map<number, number>([[t, 1]]);
    let level = [t];
    while (level.length > 0) {
        const next: number[] = [];
        for (const y of level) {
            const dy = delta.get(y)!;
            for (let a = q.qStart[y]; a < q.qStart[y + 1]; a++) {
                const x = q.qHead[a];
                if (!bfs.isPred(x, y)) continue;
                const f = dy * bfs.sigma[x] * bfs.mult(x) / bfs.sigma[y];
                if (x === s) fromSource.set(y, (fromSource.get(y) ?? 0) + f);
                else if (y === t) intoDestination.set(x, (intoDestination.get(x) ?? 0) + f);
                else { const qa = q.qRev[a]; middle.set(qa, (middle.get(qa) ?? 0) + f); }
                if (x !== s) {
                    const before = delta.get(x);
                    if (before === undefined) next.push(x);
                    delta.set(x, (before ?? 0) + f);
                }
            }
        }
        level = next;
    }
    return { middle, fromSource, intoDestination };
}

function arcAliveIn(q: QuotientGraph, arc: number): boolean {
    const g = q.graph;
    return q.state.capacity[g.arcEdge[arc]] > 0 && q.state.alive[g.arcHead[arc]] === 1;
}

/** A point-to-point flow s → t: the pair route applied at the two particular end nodes. */
function applyFlow(q: QuotientGraph, route: PairRoute, s: number, t: number, out: LoadBuilder): void {
    const g = q.graph;
    const cls = q.classes.classOf;
    const T = cls[t];
    for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) {
        if (!arcAliveIn(q, a)) continue;
        const y = g.arcHead[a];
        const Y = cls[y];
        const units = route.fromSource.get(Y);
        if (units === undefined) continue;
        if (Y === T) { if (y === t) out.addExplicit(a, units); } else out.addExplicit(a, units / q.size[Y]);
    }
    const S = cls[s];
    for (let a = g.arcStart[t]; a < g.arcStart[t + 1]; a++) {
        if (!arcAliveIn(q, a)) continue;
        const X = cls[g.arcHead[a]];
        if (X === S) continue;
        const units = route.intoDestination.get(X);
        if (units !== undefined) out.addExplicit(g.arcRev[a], units / q.size[X]);
    }
}

/** Twins reach each other in two hops through any forwarding common neighbour, evenly. */
function twinFlow(q: QuotientGraph, s: number, t: number, out: LoadBuilder): boolean {
    const g = q.graph;
    const cls = q.classes.classOf;
    let count = 0;
    let latMax = 0, latMin = Infinity;
    for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) {
        if (!arcAliveIn(q, a) || q.forwards[cls[g.arcHead[a]]] === 0) continue;
        count++;
        const lat = 2 * g.edgeLatency[g.arcEdge[a]] + g.nodeLatency[g.arcHead[a]];
        latMax = Math.max(latMax, lat);
        latMin = Math.min(latMin, lat);
    }
    if (count === 0) return false;
    for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) {
        if (arcAliveIn(q, a) && q.forwards[cls[g.arcHead[a]]] === 1) out.addExplicit(a, 1 / count);
    }
    for (let a = g.arcStart[t]; a < g.arcStart[t + 1]; a++) {
        if (arcAliveIn(q, a) && q.forwards[cls[g.arcHead[a]]] === 1) out.addExplicit(g.arcRev[a], 1 / count);
    }
    out.reached(latMax, latMin, 2);
    return true;
}

/** All-to-all from every member of class S to every other participant, added to `out.uniform`. */
function uniformFromClass(q: QuotientGraph, bfs: Bfs, S: number, inP: Uint8Array, pCount: number, out: LoadBuilder): void {
    const k = q.size[S];
    out.flows += k * (pCount - 1);
    const delta = new Float64Array(q.count);
    for (let i = bfs.visited - 1; i >= 1; i--) {
        const y = bfs.order[i];
        if (inP[y]) {
            delta[y] += q.size[y];
            out.reached(bfs.latMax[y], bfs.latMin[y], bfs.dist[y]);
        }
        const dy = delta[y];
        if (dy === 0) continue;
        for (let a = q.qStart[y]; a < q.qStart[y + 1]; a++) {
            const x = q.qHead[a];
            if (!bfs.isPred(x, y)) continue;
            const f = dy * bfs.sigma[x] * bfs.mult(x) / bfs.sigma[y];
            out.uniform[q.qRev[a]] += f * k;
            if (x !== S) delta[x] += f;
        }
    }
    for (let T = 0; T < q.count; T++) {
        if (T !== S && inP[T] && bfs.dist[T] < 0) out.lost(k * q.size[T], q.rep[S], q.rep[T]);
    }
    if (k < 2) return;
    // Twins of the source, two hops away through forwarding neighbours.
    let fanout = 0;
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) if (q.forwards[q.qHead[a]]) fanout += q.size[q.qHead[a]];
    if (fanout === 0) { out.lost(k * (k - 1), q.rep[S], q.classes.members[q.classes.memberStart[S] + 1]); return; }
    for (let a = q.qStart[S]; a < q.qStart[S + 1]; a++) {
        const x = q.qHead[a];
        if (!q.forwards[x]) continue;
        const units = k * (k - 1) * q.size[x] / fanout;
        out.uniform[a] += units;
        out.uniform[q.qRev[a]] += units;
        const lat = 2 * q.qLatency[a] + q.nodeLatency[x];
        out.reached(lat, lat, 2);
    }
}

/**
 * Routes every pattern over the quotient. A `uniform` pattern needs the quotient's classes split by
 * participation (each class wholly in or out), so that every class is a whole set of senders.
 */
export function routePatterns(q: QuotientGraph, patterns: readonly TrafficPattern[]): PatternLoad[] {
    const g = q.graph;
    const cls = q.classes.classOf;
    const fabricArcs = g.arcHead.length;
    const builders = patterns.map(() => new LoadBuilder(q.qHead.length, fabricArcs));
    // Which source classes each pattern needs, and the targets to settle.
    const bySource = new Map<number, { uniform: number[]; flows: Array<{ p: number; s: number; t: number }> }>();
    const need = (S: number) => {
        let entry = bySource.get(S);
        if (!entry) { entry = { uniform: [], flows: [] }; bySource.set(S, entry); }
        return entry;
    };
    const inPs: Array<{ inP: Uint8Array; count: number } | null> = patterns.map(() => null);
    patterns.forEach((pattern, p) => {
        const out = builders[p];
        if (pattern.kind === 'uniform') {
            const inP = new Uint8Array(q.count);
            let count = 0;
            for (const u of pattern.participants) {
                const c = cls[u];
                if (c < 0) continue;
                count++;
                if (!inP[c]) { inP[c] = 1; need(c).uniform.push(p); }
            }
            inPs[p] = { inP, count };
            return;
        }
        for (let i = 0; i < pattern.src.length; i++) {
            const s = pattern.src[i], t = pattern.dst[i];
            if (s === t) continue;
            out.flows++;
            if (cls[s] < 0 || cls[t] < 0) { out.lost(1, s, t); continue; }
            need(cls[s]).flows.push({ p, s, t });
        }
    });
    const bfs = new Bfs(q);
    for (const [S, work] of bySource) {
        let targets: Set<number> | null = null;
        if (work.uniform.length === 0) {
            targets = new Set<number>();
            for (const f of work.flows) targets.add(cls[f.t]);
        }
        bfs.run(S, targets);
        for (const p of work.uniform) uniformFromClass(q, bfs, S, inPs[p]!.inP, inPs[p]!.count, builders[p]);
        // Point-to-point flows: one pair route per destination class, applied at each flow's ends.
        const routes = new Map<number, PairRoute>();
        const middleCount = new Map<number, Map<number, number>>();
        for (const f of work.flows) {
            const out = builders[f.p];
            const T = cls[f.t];
            if (T === S) {
                if (!twinFlow(q, f.s, f.t, out)) out.lost(1, f.s, f.t);
                continue;
            }
            if (bfs.dist[T] < 0) { out.lost(1, f.s, f.t); continue; }
            let route = routes.get(T);
            if (!route) { route = pairRoute(q, bfs, T); routes.set(T, route); }
            applyFlow(q, route, f.s, f.t, out);
            out.reached(bfs.latMax[T], bfs.latMin[T], bfs.dist[T]);
            let perPattern = middleCount.get(f.p);
            if (!perPattern) { perPattern = new Map(); middleCount.set(f.p, perPattern); }
            perPattern.set(T, (perPattern.get(T) ?? 0) + 1);
        }
        for (const [p, counts] of middleCount) {
            const uniform = builders[p].uniform;
            for (const [T, n] of counts) for (const [qa, units] of routes.get(T)!.middle) uniform[qa] += units * n;
        }
    }
    return builders.map(b => b.build());
}

export interface Congestion {
    /** Seconds per unit byte: max over fabric arcs of load / capacity. */
    readonly secondsPerByte: number;
    /** The most loaded fabric arc (a representative when a whole bundle is), or -1. */
    readonly arc: number;
    readonly units: number;
    /** Further fabric arcs as loaded. */
    readonly equallyLoaded: number;
    /** Σ units × energy per byte over all arcs: joules per unit byte. */
    readonly joulesPerByte: number;
}

/** The bottleneck of a pattern: the fabric arc with the highest load over capacity. */
export function congestion(q: QuotientGraph, load: PatternLoad): Congestion {
    const g = q.graph;
    const cls = q.classes.classOf;
    let best = 0, arc = -1, units = 0, equal = 0, joules = 0;
    const consider = (ratio: number, a: number, u: number, count: number) => {
        if (ratio > best * (1 + 1e-9)) { best = ratio; arc = a; units = u; equal = count - 1; }
        else if (ratio >= best * (1 - 1e-9) && ratio > 0) equal += count;
    };
    for (let X = 0; X < q.count; X++) {
        for (let a = q.qStart[X]; a < q.qStart[X + 1]; a++) {
            const u = load.uniform[a];
            if (u === 0) continue;
            const perArc = u / (q.size[X] * q.size[q.qHead[a]]);
            joules += u * q.qEnergyPerByte[a];
            consider(perArc / q.qCapacity[a], q.qRepArc[a], perArc, q.size[X] * q.size[q.qHead[a]]);
        }
    }
    if (load.explicit) {
        for (const a of load.explicitArcs) {
            const e = g.arcEdge[a];
            const extra = load.explicit[a];
            joules += extra * g.edgeEnergyPerByte[e];
            const X = cls[g.arcHead[g.arcRev[a]]], Y = cls[g.arcHead[a]];
            const qa = quotientArcOf(q, X, Y);
            const shared = qa >= 0 ? load.uniform[qa] / (q.size[X] * q.size[Y]) : 0;
            const cap = q.state.capacity[e];
            if (cap > 0) consider((shared + extra) / cap, a, shared + extra, 1);
        }
    }
    return { secondsPerByte: best, arc, units, equallyLoaded: Math.max(0, equal), joulesPerByte: joules };
}

function quotientArcOf(q: QuotientGraph, x: number, y: number): number {
    let lo = q.qStart[x], hi = q.qStart[x + 1] - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const h = q.qHead[mid];
        if (h === y) return mid;
        if (h < y) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}
