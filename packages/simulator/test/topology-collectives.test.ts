// Collectives that follow the topology (issue 9, items 1, 2 and 16): candidates that cannot route are
// dropped with their reason; rings along physical neighbours and link-disjoint channels; multi-dimensional
// all-reduce on tori; two-tier in-network reduction; direct all-reduce on a fully connected fabric; tree and
// halving-doubling on a rank count that is not a power of two; accelerators that do not forward.
// Every expected figure is derived here from the generators' part parameters (ideal mode: the α-β model).
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { DEFAULT_PARTS, GiB, leafSpineFabric, pod576Fabric, singleTierFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { dgx1Fabric, fullyConnectedFabric, ringSwitchFabric } from '../src/generate/direct-fabrics.js';

const P = DEFAULT_PARTS;
const hop = (lengthMeters = P.lengthMeters) => P.linkLatencySeconds + lengthMeters * P.propagationSecondsPerMeter;
const linkBytesPerSecond = P.lanes * P.laneRateBps / 8;

function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
    expect(actual, 'a number').not.toBeNull();
    expect(Math.abs(actual! / expected - 1), `${actual} vs ${expected}`).toBeLessThan(tolerance);
}

describe('item 1: a candidate that cannot route is dropped, not the phase', () => {
    // Two rings of four accelerators; the j-th of each ring also reaches switch j. Accelerators do not
    // forward, so a[0] → a[2] of one ring has no path (through a switch it reaches only the other ring).
    const S = 2 ** 20;
    const model = ringSwitchFabric({
        groups: 2, perGroup: 4, phases: [
            { name: 'rs', collective: 'reduce-scatter', bytes: S, ranks: [0, 1, 2, 3], algorithm: 'ring' },
            { name: 'ar', collective: 'all-reduce', bytes: S, algorithm: 'hierarchical' }
        ]
    });
    const analysis = analyzeFabric(model, { skipFailureDomains: true, ideal: true });
    const [rs, ar] = analysis.phases;

    it('a ring reduce-scatter runs: both directions of the ring links, (n−1)α + (n−1)/n · S/(2B)', () => {
        expect(rs.failure).toBeNull();
        expect(rs.algorithm).toBe('ring');
        close(rs.timeSeconds, 3 * hop() + 3 / 4 * S / (2 * linkBytesPerSecond));
        expect(analysis.problems.filter(p => p.code === 'workload/no-path')).toEqual([]);
    });

    it('the candidates that cannot route are dropped with their reason', () => {
        expect(rs.alternatives.map(a => a.algorithm)).not.toContain('direct');
        expect(analysis.problems.some(p => p.code === 'workload/algorithm-not-applicable')).toBe(false);
    });

    it('hierarchical all-reduce over both rings routes: rings in each group, then across through the switches', () => {
        expect(ar.algorithm).toBe('hierarchical');
        expect(ar.failure).toBeNull();
    });
});

describe('item 16: accelerators forward only when their type says so', () => {
    it('a DGX-1-style mesh routes nothing through a GPU: a point-to-point to a non-neighbour has no path', () => {
        // GPU 0's neighbours are 1, 2, 3 and 4; GPU 5 is two links away.
        const model = dgx1Fabric({ phases: [{ name: 'p', collective: 'point-to-point', bytes: GiB, ranks: [0], peers: [5] }] });
        const analysis = analyzeFabric(model, { skipFailureDomains: true });
        expect(analysis.phases[0].timeSeconds).toBeNull();
        const noPath = analysis.problems.find(p => p.code === 'workload/no-path')!;
        expect(noPath.message).toContain('no path from gpu[0] to gpu[5]');
        expect(noPath.message).toContain('forwarding yes');
    });

    it('with forwarding declared, the same transfer takes two hops through a GPU', () => {
        const model = dgx1Fabric({ parts: { acceleratorForwards: true }, phases: [{ name: 'p', collective: 'point-to-point', bytes: GiB, ranks: [0], peers: [5] }] });
        const p = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
        expect(p.latency!.maxSeconds).toBeCloseTo(2 * hop(), 15);
    });
});

describe('item 2: rings along physical neighbours, several at once (DGX-1 hybrid cube-mesh)', () => {
    // 6 NVLinks of 25 GB/s per GPU. Three link-disjoint Hamiltonian cycles use every link; run both ways
    // they are six rings, so a rank sends and receives over 6 × 25 = 150 GB/s: busbw 150 GB/s. The rank-
    // order ring 0 → 1 → … → 7 needs 3 → 4, not a link: without forwarding it cannot run at all.
    const B = 25e9;
    const ar = (ideal: boolean) => analyzeFabric(dgx1Fabric({ protocol: 'nvlink', phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB, algorithm: 'ring' }] }),
        { skipFailureDomains: true, ideal }).phases[0];

    it('ideal: 2(n−1)α + 2(n−1)/n · S/(6B), busbw = 6 links × 25 GB/s', () => {
        const p = ar(true);
        expect(p.detail).toContain('6 concurrent rings along direct links (3 link-disjoint cycles');
        close(p.timeSeconds, 2 * 7 * hop() + 2 * 7 / 8 * GiB / (6 * B));
        expect(p.busbwBytesPerSecond! / 150e9).toBeGreaterThan(0.999);
    });

    it('with NVLink framing (256 of 288 bytes carry data) and NCCL\'s Simple protocol, about 133 GB/s (nccl-tests report ≈130)', () => {
        const p = ar(false);
        expect(p.protocol).toBe('Simple');
        const expected = 8.4e-6 + 2 * 7 * (hop() + 3.4e-6) + 2 * 7 / 8 * GiB / (6 * B * 256 / 288);
        close(p.timeSeconds, expected);
        expect(p.busbwBytesPerSecond! / 1e9).toBeGreaterThan(130);
        expect(p.busbwBytesPerSecond! / 1e9).toBeLessThan(134);
    });
});

describe('item 2: multi-dimensional all-reduce on a torus', () => {
    // k×k×k torus, links of B per direction, S bytes. Three streams of S/3, each reduce-scatters along
    // its first dimension (both ways round the ring: k−1 steps of S/(3·2k)), then its second on S/(3k), then
    // its third on S/(3k²); all-gathers back. Streams run on different dimensions at once:
    //   T = 2 · Σ_{s=0..2} [ (k−1)α + (k−1)/k · S/(3·k^s) / (2B) ].
    const k = 8;
    const model = torusFabric({ dims: [k, k, k], phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });
    const p = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];

    it('is chosen and equals the closed form', () => {
        expect(p.algorithm).toBe('multi-dimensional');
        let expected = 0;
        for (let s = 0; s < 3; s++) expected += 2 * ((k - 1) * hop() + (k - 1) / k * GiB / (3 * k ** s) / (2 * linkBytesPerSecond));
        close(p.timeSeconds, expected);
    });

    it('a ring in rank order is about 6× slower: it uses one of six links per chip', () => {
        const ring = p.alternatives.find(a => a.algorithm === 'ring')!;
        expect(ring.timeSeconds / p.timeSeconds!).toBeGreaterThan(2.5);
    });
});

describe('item 2: in-network reduction across two switch tiers', () => {
    it('576 accelerators, 18 reducing leaf chips per rack under 72 reducing spine chips: S/B_rank plus one round trip', () => {
        // Each GPU sends its 4 GiB as 18 shards of S/18, one per leaf, over one 50 GB/s link each; leaf j of
        // every rack sends shard j, S/18, on to the 72 spines (S/(18·72) per uplink): the GPU links pace it.
        const S = 4 * GiB;
        const model = pod576Fabric([{ name: 'grads', collective: 'all-reduce', bytes: S }]);
        const reducing = { ...model, types: { ...model.types, switches: { sw: { ...model.types.switches.sw, inNetworkReduction: true } } } };
        const p = analyzeFabric(reducing, { skipFailureDomains: true, ideal: true }).phases[0];
        expect(p.algorithm).toBe('in-network');
        const roundTrip = 2 * hop() + 2 * (10e-9 + 20 * 4.9e-9) + 3 * P.switchLatencySeconds;
        close(p.timeSeconds, S / 18 / linkBytesPerSecond + roundTrip);
        expect(p.detail).toContain('18 shards through 144 first-tier and 72 second-tier reducing switches');
        const hierarchical = p.alternatives.find(a => a.algorithm === 'hierarchical')!;
        expect(hierarchical.timeSeconds / p.timeSeconds!).toBeGreaterThan(1.9);
    });

    it('without a second tier that reduces, racks reaching different switches have no in-network reduction, and say why', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 2, parts: { inNetworkReduction: false } });
        const reducingLeaves = { ...model, types: { ...model.types, switches: { sw: { ...model.types.switches.sw, inNetworkReduction: true }, spine: { ...model.types.switches.sw, name: 'spine' } } } };
        const spinesPlain = { ...reducingLeaves, nodes: reducingLeaves.nodes.map(n => (n.path.startsWith('spine.') ? { ...n, type: 'spine' } : n)) };
        const p = analyzeFabric(spinesPlain, { skipFailureDomains: true, ideal: true }).phases[0];
        expect(p.alternatives.some(a => a.algorithm === 'in-network')).toBe(false);
    });
});

describe('item 2: direct all-reduce on a fully connected fabric', () => {
    // n ranks, a link between every pair: reduce-scatter sends S/n to each of the n−1 others at once
    // (one link each), all-gather likewise: 2α + 2·(S/n)/B. Halving-doubling exchanges over one link per
    // step: 2·log₂n·α + 2(n−1)/n·S/B, about n−1 times slower for large S.
    for (const n of [8, 32]) {
        it(`${n} ranks: direct is 2α + 2(S/n)/B, halving-doubling ≈ ${n - 1}× slower`, () => {
            const model = fullyConnectedFabric({ accelerators: n, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });
            const p = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
            expect(p.algorithm).toBe('direct');
            close(p.timeSeconds, 2 * hop() + 2 * (GiB / n) / linkBytesPerSecond);
            const hd = p.alternatives.find(a => a.algorithm === 'halving-doubling')!;
            close(hd.timeSeconds, 2 * Math.log2(n) * hop() + 2 * (n - 1) / n * GiB / linkBytesPerSecond);
            expect(hd.timeSeconds / p.timeSeconds!).toBeGreaterThan(0.95 * (n - 1));
        });
    }
});

describe('item 2: tree and halving-doubling on 72 ranks (not a power of two)', () => {
    // NVL72-like: 72 ranks, 18 switches; B = 18 links per rank, α = one switch hop.
    const model = singleTierFabric({ accelerators: 72, switches: 18, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB, algorithm: 'tree' }] });
    const analysis = analyzeFabric(model, { skipFailureDomains: true, ideal: true });
    const p = analysis.phases[0];
    const B = 18 * linkBytesPerSecond;
    const alpha = 2 * hop() + P.switchLatencySeconds;

    it('the fixed tree applies (no warning) and is the double binary tree: 2·depth·α + 2·S/B', () => {
        expect(p.algorithm).toBe('tree');
        expect(analysis.problems.some(x => x.code === 'workload/algorithm-not-applicable')).toBe(false);
        // NCCL's binary tree over 72 ranks is 7 levels deep (rank 64 hangs below 0 … 32 … 64).
        close(p.timeSeconds, 2 * 7 * alpha + 2 * GiB / B);
    });

    it('halving-doubling folds 8 extra ranks into 64: (2·6 + 2)·α + (2·63/64 + 2) · S/B', () => {
        close(p.alternatives.find(a => a.algorithm === 'halving-doubling')!.timeSeconds, 14 * alpha + (2 * 63 / 64 + 2) * GiB / B);
    });
});
