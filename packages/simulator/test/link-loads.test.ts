// Per-link loads of a phase (PhaseResult.linkLoads) against hand calculations: the bytes each link
// carries in its busier direction over what it could carry in the phase time.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { DEFAULT_PARTS, GiB, ringFabric, singleTierFabric } from '../src/generate/fabric-generators.js';
import type { PhaseResult } from '../src/analysis/analysis.js';

const P = DEFAULT_PARTS;
/** Bytes per second per direction of one generated link. */
const B = P.lanes * P.laneRateBps / 8;
const S = GiB;

function close(actual: number, expected: number, what: string): void {
    // Loads are kept as 32-bit floats.
    expect(Math.abs(actual / expected - 1), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-6);
}

function phase(phases: readonly PhaseResult[], name: string): PhaseResult & { linkLoads: Float32Array; timeSeconds: number } {
    const p = phases.find(x => x.name === name)!;
    expect(p.linkLoads, `${name} has loads`).not.toBeNull();
    expect(p.timeSeconds).toBeGreaterThan(0);
    return p as PhaseResult & { linkLoads: Float32Array; timeSeconds: number };
}

describe('per-link loads on a ring of 8 direct links', () => {
    const n = 8;
    const model = ringFabric({
        accelerators: n, phases: [
            { name: 'ar', collective: 'all-reduce', bytes: S, algorithm: 'ring' },
            { name: 'a2a', collective: 'all-to-all', bytes: S }
        ]
    });
    const { phases } = analyzeFabric(model, { skipFailureDomains: true, ideal: true });

    it('ring all-reduce: each link carries (n−1)/n·S each way (two rings, S/2 each, 2(n−1) steps of S/2n)', () => {
        const ar = phase(phases, 'ar');
        expect(ar.linkLoads.length).toBe(n);
        const expected = (n - 1) / n * S / (B * ar.timeSeconds);
        for (let i = 0; i < n; i++) close(ar.linkLoads[i], expected, `link ${i}`);
        // Below 1 by the 2(n−1) link latencies the ring waits.
        expect(expected).toBeLessThan(1);
        expect(expected).toBeGreaterThan(0.99);
    });

    it('all-to-all: S/n to each peer over shortest paths (hops 1,1,2,2,3,3,4: 16 per rank) puts S on every arc', () => {
        const a2a = phase(phases, 'a2a');
        // 8 ranks × 16 unit-hops × S/8 bytes over 16 arcs = S per arc.
        const expected = S / (B * a2a.timeSeconds);
        for (let i = 0; i < n; i++) close(a2a.linkLoads[i], expected, `link ${i}`);
    });
});

describe('per-link loads on one switch tier (8 accelerators, 3 switches, a link from each to each)', () => {
    const n = 8, k = 3;
    const model = singleTierFabric({
        accelerators: n, switches: k, phases: [
            { name: 'a2a', collective: 'all-to-all', bytes: S },
            { name: 'half', collective: 'all-reduce', bytes: S, algorithm: 'ring', ranks: [0, 1, 2, 3] }
        ]
    });
    const linkOf = (gpu: number, sw: number) => model.links.find(l => l.a === model.nodes.find(x => x.path === `rack.gpu[${gpu}]` || x.path === `gpu[${gpu}]`)!.id
        && l.b === model.nodes.find(x => x.path === `rack.sw[${sw}]` || x.path === `sw[${sw}]`)!.id)!.id;

    it('all-to-all: each accelerator sends (n−1)/n·S, split evenly over its k switch links', () => {
        const a2a = phase(analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases, 'a2a');
        const expected = (n - 1) / n * S / k / (B * a2a.timeSeconds);
        for (let g = 0; g < n; g++) for (let s = 0; s < k; s++) close(a2a.linkLoads[linkOf(g, s)], expected, `gpu ${g} – sw ${s}`);
    });

    it('a ring all-reduce over 4 of the 8 loads their links with 2(n−1)/n·S/k each way and leaves the others idle', () => {
        const half = phase(analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases, 'half');
        const r = 4;
        const expected = 2 * (r - 1) / r * S / k / (B * half.timeSeconds);
        for (let g = 0; g < n; g++) {
            for (let s = 0; s < k; s++) {
                if (g < r) close(half.linkLoads[linkOf(g, s)], expected, `gpu ${g} – sw ${s}`);
                else expect(half.linkLoads[linkOf(g, s)], `gpu ${g} – sw ${s} is idle`).toBe(0);
            }
        }
    });

    it('with protocols and link framing, the bottleneck of a one-step schedule is busy for its transfer time', () => {
        const a2a = phase(analyzeFabric(model, { skipFailureDomains: true }).phases, 'a2a');
        const chosen = a2a.alternatives.find(a => a.algorithm === a2a.algorithm)!;
        expect(chosen.steps).toBe(1);
        for (const id of a2a.bottleneck!.linkIds) close(a2a.linkLoads[id], chosen.transferSeconds / chosen.timeSeconds, `bottleneck link ${id}`);
        expect(Math.max(...a2a.linkLoads)).toBeLessThanOrEqual(1);
    });
});
