// Paired routes (routing.ts, Bfs.runAlong, path-region.ts): when a source's flows all go to one class,
// its search is kept to the shortest paths between the two (found by two balls grown until they
// meet), and so is the partner's when it sends only back. That is exact, not an approximation: every
// load, latency and hop count must equal, to the bit, what searching every source in full gives.
// Checked on fabrics where the pairs lie several hops apart (so the shortcut is taken), with and
// without a failure, one way only, with destinations cut off, and with a pattern where it must not
// be taken.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { participantQuotient } from '../src/collectives/collectives.js';
import { leafSpineFabric, ocsPodFabric, ringFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { applyFailure } from '../src/failures/failures.js';
import { refineTwinClasses } from '../src/symmetry/twin-classes.js';
import { buildQuotientGraph } from '../src/symmetry/quotient-graph.js';
import { routePatterns, type TrafficPattern } from '../src/routing/routing.js';
import { PathRegion } from '../src/routing/path-region.js';
import type { FabricModel } from '../src/model/fabric-model.js';
import type { QuotientGraph } from '../src/symmetry/quotient-graph.js';

function accelerators(model: FabricModel): number[] {
    return model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
}

/** Rank i ↔ rank partner(i), both directions (a half shift, a halving-doubling exchange). */
function exchange(ranks: readonly number[], partner: (i: number) => number): TrafficPattern {
    const src: number[] = [], dst: number[] = [];
    ranks.forEach((r, i) => { const j = partner(i); if (j !== i && j >= 0 && j < ranks.length) { src.push(r); dst.push(ranks[j]); } });
    return { kind: 'flows', src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

function healthyQuotient(model: FabricModel): QuotientGraph {
    const context = prepareFabric(model);
    return participantQuotient(context.network(null), accelerators(model));
}

/** The quotient with one accelerator's links down (its neighbours' routes change). */
function failedQuotient(model: FabricModel, dead: number): QuotientGraph {
    const net = prepareFabric(model).network(null);
    const { state, affected } = applyFailure(net.graph, net.state, { name: 'x', kind: 'domain', origin: null, nodeIds: [dead], linkIds: [], laserSourceIds: [], derated: [], absorbedBySpare: false, rates: [] }, new Map());
    return buildQuotientGraph(net.graph, state, refineTwinClasses(net.graph, state, net.classes, affected));
}

function expectSameLoads(q: QuotientGraph, patterns: TrafficPattern[]): void {
    const paired = routePatterns(q, patterns, null, new Set(), false, true);
    const full = routePatterns(q, patterns, null, new Set(), false, false);
    expect(paired.length).toBe(full.length);
    paired.forEach((load, i) => {
        expect(load.flows).toBeGreaterThan(0);
        expect(load).toEqual(full[i]);
    });
}

describe('paired routes equal searching every source in full', () => {
    it('a half shift on a 6×6×4 torus: pairs 12 hops of ring apart, several shortest paths each', () => {
        const model = torusFabric({ dims: [6, 6, 4], phases: [] });
        const ranks = accelerators(model);
        const half = ranks.length / 2;
        expectSameLoads(healthyQuotient(model), [exchange(ranks, i => (i < half ? i + half : i - half))]);
    });

    it('halving-doubling exchanges (i ↔ i xor 2^k) on a 64-chip torus, each pattern alone and all routed at once', () => {
        const model = torusFabric({ dims: [4, 4, 4], phases: [] });
        const ranks = accelerators(model);
        const patterns = [1, 2, 4, 8, 16, 32].map(m => exchange(ranks, i => i ^ m));
        const q = healthyQuotient(model);
        for (const p of patterns) expectSameLoads(q, [p]);
        // Routed together, a source has several destinations: no pair is taken, and nothing changes.
        expectSameLoads(q, patterns);
    });

    it('a half shift on a ring of 11 (odd: one rank without a partner) and around a dead chip', () => {
        const model = ringFabric({ accelerators: 11, phases: [] });
        const ranks = accelerators(model);
        const shift = exchange(ranks, i => (i < 5 ? i + 5 : i < 10 ? i - 5 : -1));
        expectSameLoads(healthyQuotient(model), [shift]);
        const torus = torusFabric({ dims: [5, 4], phases: [] });
        const tr = accelerators(torus);
        const pattern = exchange(tr, i => (i < 10 ? i + 10 : i - 10));
        expectSameLoads(failedQuotient(torus, tr[7]), [pattern]);
    });

    it('an OCS-composed pod (cubes meshed inside, circuits between) and a leaf-spine fabric whose accelerators do not forward', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 2, ocs: 12, phases: [] });
        const pr = accelerators(pod);
        const half = pr.length / 2;
        const context = prepareFabric(pod);
        const configuration = pod.ocsConfigurations[0]?.name ?? null;
        const q = participantQuotient(context.network(configuration), pr);
        expectSameLoads(q, [exchange(pr, i => (i < half ? i + half : i - half))]);
        const spine = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
        const sr = accelerators(spine);
        expectSameLoads(healthyQuotient(spine), [exchange(sr, i => (i < 8 ? i + 8 : i - 8))]);
    });

    it('one way only (each rank sends to one other, which sends elsewhere) on a torus and a leaf-spine fabric', () => {
        const model = torusFabric({ dims: [6, 5, 4], phases: [] });
        const ranks = accelerators(model);
        // i → i + 37 (mod n): every source has one destination, no pair sends back.
        expectSameLoads(healthyQuotient(model), [exchange(ranks, i => (i + 37) % ranks.length)]);
        const spine = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
        const sr = accelerators(spine);
        expectSameLoads(healthyQuotient(spine), [exchange(sr, i => (i + 5) % sr.length)]);
    });

    it('destinations cut off by a failure: the flows are lost alike', () => {
        const ring = ringFabric({ accelerators: 12, phases: [] });
        const rr = accelerators(ring);
        // Two dead chips split the ring: some pairs cannot reach each other any more.
        const net = prepareFabric(ring).network(null);
        const { state, affected } = applyFailure(net.graph, net.state, { name: 'x', kind: 'domain', origin: null, nodeIds: [rr[2], rr[8]], linkIds: [], laserSourceIds: [], derated: [], absorbedBySpare: false, rates: [] }, new Map());
        const q = buildQuotientGraph(net.graph, state, refineTwinClasses(net.graph, state, net.classes, affected));
        const pattern = exchange(rr, i => (i < 6 ? i + 6 : i - 6));
        const paired = routePatterns(q, [pattern], null, new Set(), false, true);
        expect(paired[0].unreachable).toBeGreaterThan(0);
        expectSameLoads(q, [pattern]);
    });

    it('the region of shortest paths: every class on one is marked with its hops to the target, no other', () => {
        const model = torusFabric({ dims: [6, 5, 4], phases: [] });
        const q = healthyQuotient(model);
        const region = new PathRegion(q);
        // Hops between classes by plain breadth-first search (every class of a torus forwards).
        const hopsFrom = (s: number) => {
            const d = new Int32Array(q.count).fill(-1);
            d[s] = 0;
            const queue = [s];
            for (let i = 0; i < queue.length; i++) {
                const x = queue[i];
                for (let a = q.qStart[x]; a < q.qStart[x + 1]; a++) if (d[q.qHead[a]] < 0) { d[q.qHead[a]] = d[x] + 1; queue.push(q.qHead[a]); }
            }
            return d;
        };
        for (const [s, t] of [[0, 1], [0, 59], [3, 118], [17, 17 + 60]]) {
            const fromS = hopsFrom(s), toT = hopsFrom(t);
            expect(region.find(s, t)).toBe(fromS[t]);
            for (let v = 0; v < q.count; v++) expect(region.toTarget[v]).toBe(fromS[v] + toT[v] === fromS[t] ? toT[v] : -1);
        }
        expect(region.find(5, 5)).toBe(-1);
    });
});
