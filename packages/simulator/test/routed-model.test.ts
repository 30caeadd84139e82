// The routed model beyond closed forms: nccl-tests bus bandwidth identities, a degraded link pacing a
// ring, all-to-all on a ring of direct links, and broadcast / point-to-point on a switch tier.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { estimatePhase } from '../src/collectives/phase-estimates.js';
import { DEFAULT_PARTS, GiB, ocsPodFabric, ringFabric, singleTierFabric, torusFabric, type PhaseSpec } from '../src/generate/fabric-generators.js';
import type { FabricLink, FabricModel } from '../src/model/fabric-model.js';

const P = DEFAULT_PARTS;
const linkLatency = P.linkLatencySeconds + P.lengthMeters * P.propagationSecondsPerMeter;
const linkBytesPerSecond = P.lanes * P.laneRateBps / 8;

const ALL: PhaseSpec[] = [
    { name: 'ar', collective: 'all-reduce', bytes: GiB },
    { name: 'rs', collective: 'reduce-scatter', bytes: GiB },
    { name: 'ag', collective: 'all-gather', bytes: GiB },
    { name: 'a2a', collective: 'all-to-all', bytes: GiB / 8 },
    { name: 'bc', collective: 'broadcast', bytes: GiB, root: 3 },
    { name: 'p2p', collective: 'point-to-point', bytes: GiB, ranks: [0, 1], peers: [5, 6] }
];

/** Equal to within rounding, both ways. */
function close(actual: number, expected: number): void {
    expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThan(1e-9);
}

function withLink(model: FabricModel, id: number, change: Partial<FabricLink>): FabricModel {
    return { ...model, links: model.links.map(l => (l.id === id ? { ...l, ...change } : l)) };
}

describe('nccl-tests bus bandwidth', () => {
    for (const n of [8, 12]) {
        const analysis = analyzeFabric(singleTierFabric({ accelerators: n, switches: 3, phases: ALL }), { skipFailureDomains: true, ideal: true });
        const factor: Record<string, number> = { ar: 2 * (n - 1) / n, rs: (n - 1) / n, ag: (n - 1) / n, a2a: (n - 1) / n, bc: 1, p2p: 1 };
        for (const phase of analysis.phases) {
            it(`${phase.name} on ${n} ranks: algbw = S/t and busbw = algbw × ${phase.name}'s factor, for every algorithm`, () => {
                for (const a of phase.alternatives) {
                    expect(a.algbwBytesPerSecond).toBeCloseTo(phase.bytes / a.timeSeconds, 0);
                    expect(a.busbwBytesPerSecond / a.algbwBytesPerSecond).toBeCloseTo(factor[phase.name], 12);
                }
                expect(phase.busbwBytesPerSecond).toBe(phase.alternatives.find(a => a.algorithm === phase.algorithm)!.busbwBytesPerSecond);
            });
        }
    }
});

describe('a ring of direct links', () => {
    const n = 8;
    const bytes = GiB;
    const ringPhase: PhaseSpec[] = [{ name: 'ar', collective: 'all-reduce', bytes, algorithm: 'ring' }];
    const healthy = ringFabric({ accelerators: n, phases: ringPhase });

    it('prices a ring all-reduce at the closed form when every link is whole, the ring running both ways', () => {
        // The ring along the links is a Hamiltonian cycle; run both ways, each direction carries half
        // the data over its own direction of every link: 2(n−1)α + 2(n−1)/n · S/(2B).
        const ring = analyzeFabric(healthy, { skipFailureDomains: true, ideal: true }).phases[0];
        close(ring.timeSeconds!, 2 * (n - 1) * linkLatency + 2 * (n - 1) / n * bytes / (2 * linkBytesPerSecond));
        expect(ring.detail).toContain('2 concurrent rings along direct links');
    });

    it('runs at the pace of a degraded link: one link at a quarter of the rate slows every step 4× in transfer', () => {
        const degraded = withLink(healthy, 3, { laneRateBps: P.laneRateBps / 4 });
        const before = analyzeFabric(healthy, { skipFailureDomains: true, ideal: true }).phases[0];
        const after = analyzeFabric(degraded, { skipFailureDomains: true, ideal: true }).phases[0];
        const latency = 2 * (n - 1) * linkLatency;
        expect((after.timeSeconds! - latency) / (before.timeSeconds! - latency)).toBeCloseTo(4, 9);
        expect(after.bottleneck?.linkIds).toEqual([3]);
    });

    it('all-to-all loads each direction of a link with n²/8 pair transfers', () => {
        const model = ringFabric({ accelerators: n, phases: [{ name: 'a2a', collective: 'all-to-all', bytes }] });
        const t = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0].timeSeconds!;
        // Antipodal pairs split both ways; the farthest pair is n/2 hops away.
        const expected = (n / 2) * linkLatency + (bytes / n) * (n * n / 8) / linkBytesPerSecond;
        close(t, expected);
    });

    it('a link sweep de-rates a two-lane link to one lane and the ring slows as that link predicts', () => {
        const analysis = analyzeFabric(healthy, { singleFailures: ["link"], skipFailureDomains: true, ideal: true });
        const before = analysis.phases[0].timeSeconds!;
        const latency = 2 * (n - 1) * linkLatency;
        for (const f of analysis.singleFailures) {
            expect(f.deratedLinkIds).toHaveLength(1);
            expect(f.partitions).toBe(false);
            expect(f.phases[0].slowdown! * before - latency).toBeCloseTo(2 * (before - latency), 12);
        }
    });
});

describe('tori and other collectives', () => {
    it('routes a 4×4 torus: every chip has four neighbours and all phases run', () => {
        const model = torusFabric({ dims: [4, 4] });
        expect(model.links).toHaveLength(32);
        const analysis = analyzeFabric(model, { skipFailureDomains: true, ideal: true });
        expect(analysis.totals.diameterHops).toBe(4);
        for (const p of analysis.phases) expect(p.timeSeconds).toBeGreaterThan(0);
    });

    it('broadcast offers a pipelined chain, a binomial tree and direct sends; point-to-point is direct', () => {
        const context = prepareFabric(singleTierFabric({ accelerators: 8, switches: 2, phases: ALL }), { ideal: true });
        const bc = estimatePhase(context, 'bc')!.result;
        expect(bc.alternatives.map(a => a.algorithm).sort()).toEqual(['direct', 'ring', 'tree']);
        const B = 2 * linkBytesPerSecond;
        const alpha = 2 * linkLatency + P.switchLatencySeconds;
        close(bc.alternatives.find(a => a.algorithm === 'ring')!.timeSeconds, 7 * alpha + GiB / B);
        close(bc.alternatives.find(a => a.algorithm === 'tree')!.timeSeconds, 3 * (alpha + GiB / B));
        const p2p = estimatePhase(context, 'p2p')!.result;
        expect(p2p.algorithm).toBe('direct');
        close(p2p.timeSeconds!, alpha + GiB / B);
    });

    it('in-switch reduction applies where every rank reaches a reducing switch: S/B plus one round trip', () => {
        const model = singleTierFabric({ accelerators: 16, switches: 4, parts: { inNetworkReduction: true }, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });
        const result = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
        const inr = result.alternatives.find(a => a.algorithm === 'in-network')!;
        close(inr.timeSeconds, GiB / (4 * linkBytesPerSecond) + 2 * linkLatency + P.switchLatencySeconds);
        expect(result.algorithm).toBe('in-network');
    });

    it('a fixed algorithm is used even when another is faster', () => {
        const model = singleTierFabric({ accelerators: 16, switches: 4, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB, algorithm: 'ring' }] });
        const result = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
        expect(result.algorithm).toBe('ring');
        expect(result.fixedAlgorithm).toBe(true);
        expect(result.alternatives.length).toBeGreaterThan(1);
    });

    it('energy: every hop of every byte at the traffic share of its energy per bit, plus the fixed power of the parts used', () => {
        const model = singleTierFabric({ accelerators: 4, switches: 1, phases: [{ name: 'p', collective: 'point-to-point', bytes: 1e9, ranks: [0], peers: [1] }] });
        const analysis = analyzeFabric(model, { skipFailureDomains: true, ideal: true });
        const p = analysis.phases[0];
        // Copper (dac): half of its energy per bit follows the traffic (link-defaults.ts), half is drawn while the link is up.
        const share = 0.5;
        const traffic = 2 * 1e9 * 8 * P.energyPerBitJoules * share; // two hops
        // The phase uses the switch and the two links gpu[0]–sw, sw–gpu[1]: not the links of gpu[2], gpu[3].
        const linkIdleWatts = (1 - share) * P.energyPerBitJoules * P.lanes * P.laneRateBps * 2;
        const fixed = (P.switchPowerWatts + 2 * linkIdleWatts) * p.timeSeconds!;
        close(p.trafficEnergyJoules!, traffic);
        close(p.fixedEnergyJoules!, fixed);
        close(p.energyJoules!, traffic + fixed);
        close(p.picojoulesPerBit!, (traffic + fixed) / 8e9 * 1e12);
        expect(p.energyAttribution).toBe('parts-used');
    });
});

describe('symmetry: one all-to-all source per orbit', () => {
    it('a 16×16 torus: every +x link carries k³/8 pair transfers', () => {
        const k = 16, n = k * k, bytes = GiB / 8;
        const model = torusFabric({ dims: [k, k], phases: [{ name: 'a2a', collective: 'all-to-all', bytes }] });
        const t = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0].timeSeconds!;
        const expected = k * linkLatency + (bytes / n) * (k ** 3 / 8) / linkBytesPerSecond;
        close(t, expected);
    });

    it('the half shift of a square torus: routed under the symmetries that keep it, the bisection of two cuts', () => {
        // On a 16×16 torus in id order, rank i ↔ i + 128 is the shift by 8 along the second axis: each
        // flow splits evenly over its two straight paths, so every arc of that axis carries 8 × ½ × 2 = 4
        // (per direction, both flows of a pair counted) and the bisection is 128 / (4 / B) = 32 B, the two
        // cuts of 16 links a ring-cut torus has. The swap of the two axes does not keep the shift; the
        // translations and reflections do, and one source per orbit of theirs gives what every source gives.
        const model = torusFabric({ dims: [16, 16], phases: [] });
        const fast = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).totals;
        const slow = analyzeFabric(model, { skipFailureDomains: true, ideal: true, exploitSymmetry: false }).totals;
        close(fast.bisectionBytesPerSecond, 32 * linkBytesPerSecond);
        expect(fast.bisectionBytesPerSecond).toBe(slow.bisectionBytesPerSecond);
        expect(fast.allToAllBytesPerSecond).toBe(slow.allToAllBytesPerSecond);
    });

    it('gives what pricing every source gives, with every part up and after each OCS failure', () => {
        const model = ocsPodFabric({ cubes: 8, side: 4, ocs: 4 });
        const fast = analyzeFabric(model, { singleFailures: ['switch'] });
        const slow = analyzeFabric(model, { singleFailures: ['switch'], exploitSymmetry: false });
        const times = (a: typeof fast) => [...a.phases.map(p => p.timeSeconds), ...a.singleFailures.flatMap(f => f.phases.map(p => p.timeSeconds))];
        const [x, y] = [times(fast), times(slow)];
        expect(x).toHaveLength(y.length);
        x.forEach((v, i) => close(v!, y[i]!));
        expect(fast.totals.latency).toEqual(slow.totals.latency);
    });
});
