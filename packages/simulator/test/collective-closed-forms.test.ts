// The routed model against the README's α-β closed forms on generated symmetric fabrics, in the ideal mode
// (no protocol overheads, wire rate, no pipelining). α and B are derived here from the generator's
// part parameters, independently of the simulator.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import type { PhaseResult } from '../src/analysis/analysis.js';
import { DEFAULT_PARTS, GiB, leafSpineFabric, singleTierFabric, type PhaseSpec } from '../src/generate/fabric-generators.js';

const P = DEFAULT_PARTS;
const linkLatency = P.linkLatencySeconds + P.lengthMeters * P.propagationSecondsPerMeter;
const linkBytesPerSecond = P.lanes * P.laneRateBps / 8;
const S = GiB;

function within(actual: number | null, expected: number, tolerance = 1e-3): void {
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! / expected - 1)).toBeLessThan(tolerance);
}

function alternative(result: PhaseResult, algorithm: string): number {
    const found = result.alternatives.find(a => a.algorithm === algorithm);
    expect(found, `${result.name} should offer ${algorithm}`).toBeDefined();
    return found!.timeSeconds;
}

const PHASES: PhaseSpec[] = [
    { name: 'ar', collective: 'all-reduce', bytes: S },
    { name: 'rs', collective: 'reduce-scatter', bytes: S },
    { name: 'ag', collective: 'all-gather', bytes: S },
    { name: 'a2a', collective: 'all-to-all', bytes: S / 8 }
];

describe('single switch tier: n accelerators × k switches', () => {
    const k = 4;
    // One step: accelerator → switch → accelerator; every accelerator injects over k links.
    const alpha = 2 * linkLatency + P.switchLatencySeconds;
    const B = k * linkBytesPerSecond;
    for (const n of [2, 3, 4, 8, 16, 64, 256, 1024]) {
        describe(`n = ${n}`, () => {
            const analysis = analyzeFabric(singleTierFabric({ accelerators: n, switches: k, phases: PHASES }), { skipFailureDomains: true, ideal: true });
            const phase = (name: string) => analysis.phases.find(p => p.name === name)!;

            it('ring all-reduce is 2(n−1)α + 2(n−1)/n · S/B', () => {
                within(alternative(phase('ar'), 'ring'), 2 * (n - 1) * alpha + 2 * (n - 1) / n * S / B);
            });
            it('ring reduce-scatter and all-gather are (n−1)α + (n−1)/n · S/B', () => {
                const expected = (n - 1) * alpha + (n - 1) / n * S / B;
                within(alternative(phase('rs'), 'ring'), expected);
                within(alternative(phase('ag'), 'ring'), expected);
            });
            it('direct all-to-all is α + (n−1)/n · S/B', () => {
                within(phase('a2a').timeSeconds, alpha + (n - 1) / n * (S / 8) / B);
            });
            if ((n & (n - 1)) === 0) {
                it('halving-doubling all-reduce is 2·log₂n·α + 2(n−1)/n · S/B', () => {
                    within(alternative(phase('ar'), 'halving-doubling'), 2 * Math.log2(n) * alpha + 2 * (n - 1) / n * S / B);
                });
            } else {
                // Rabenseifner: the r = n − p extra ranks fold their whole buffer into partners, the
                // p = 2^⌊log₂n⌋ run halving-doubling, the result goes back: two more steps of S.
                it('halving-doubling on n = p + r is (2·log₂p + 2)·α + (2(p−1)/p + 2) · S/B', () => {
                    const p = 2 ** Math.floor(Math.log2(n));
                    within(alternative(phase('ar'), 'halving-doubling'), (2 * Math.log2(p) + 2) * alpha + (2 * (p - 1) / p + 2) * S / B);
                });
                it('reduce-scatter by halving-doubling is not offered for n not a power of two, and says why', () => {
                    expect(phase('rs').alternatives.some(a => a.algorithm === 'halving-doubling')).toBe(false);
                });
            }
            it('the chosen algorithm is the fastest offered', () => {
                for (const p of analysis.phases) expect(p.timeSeconds).toBe(Math.min(...p.alternatives.map(a => a.timeSeconds)));
            });
        });
    }
});

describe('hierarchical all-reduce over racks and a spine tier', () => {
    // Racks of g accelerators, each linked to every one of L leaves; every leaf to every one of M spines.
    const L = 4, M = 4;
    const uplink = { lanes: 2, lengthMeters: 20 };
    const uplinkLatency = P.linkLatencySeconds + uplink.lengthMeters * P.propagationSecondsPerMeter;
    const alpha1 = 2 * linkLatency + P.switchLatencySeconds;
    const alpha2 = 2 * linkLatency + 2 * uplinkLatency + 3 * P.switchLatencySeconds;
    const B1 = L * linkBytesPerSecond;
    for (const [racks, g] of [[2, 4], [4, 8], [8, 16], [16, 64]] as const) {
        it(`${racks} racks × ${g}: Σ_d 2(n_d−1)[α_d + S_d/(n_d·B_d)]`, () => {
            const model = leafSpineFabric({
                racks, acceleratorsPerRack: g, leavesPerRack: L, spines: M, uplinkLanes: uplink.lanes, uplinkLengthMeters: uplink.lengthMeters,
                phases: [{ name: 'ar', collective: 'all-reduce', bytes: S, algorithm: 'hierarchical' }]
            });
            // Level 2: g rings cross racks at once; each rank gets the smaller of its own links and its share of the rack's uplinks.
            const rackUplink = L * M * uplink.lanes * P.laneRateBps / 8;
            const B2 = Math.min(B1, rackUplink / g);
            const expected = 2 * (g - 1) * (alpha1 + S / (g * B1)) + 2 * (racks - 1) * (alpha2 + (S / g) / (racks * B2));
            const result = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
            expect(result.algorithm).toBe('hierarchical');
            within(result.timeSeconds, expected);
        });
    }
});
