// Power per link, node, group and fabric, ports against radix, oversubscription and routed totals,
// each recomputed here from the generator's parameters.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { DEFAULT_PARTS, leafSpineFabric, singleTierFabric } from '../src/generate/fabric-generators.js';

const P = DEFAULT_PARTS;
const linkBytesPerSecond = P.lanes * P.laneRateBps / 8;
const copperLinkWatts = P.energyPerBitJoules * P.lanes * P.laneRateBps * 2 + 2 * P.wattsPerEnd;

describe('a single switch tier', () => {
    const n = 16, k = 4;
    const analysis = analyzeFabric(singleTierFabric({ accelerators: n, switches: k, parts: { wattsPerEnd: 0.5 } }), { skipFailureDomains: true });
    const linkWatts = P.energyPerBitJoules * P.lanes * P.laneRateBps * 2 + 2 * 0.5;

    it('link power is energy per bit × bit rate both ways plus watts per end', () => {
        const l = analysis.links[0];
        expect(l.bandwidthBytesPerSecond).toBe(linkBytesPerSecond);
        expect(l.power.totalWatts).toBeCloseTo(linkWatts, 9);
        expect(l.latency.totalSeconds).toBeCloseTo(P.linkLatencySeconds + P.lengthMeters * P.propagationSecondsPerMeter, 15);
    });

    it('a node carries half of each link it terminates; the fabric counts each link once', () => {
        const gpu = analysis.nodes.find(x => x.kind === 'accelerator')!;
        expect(gpu.powerWatts).toBeCloseTo(P.tdpWatts + k * linkWatts / 2, 9);
        const sw = analysis.nodes.find(x => x.kind === 'switch')!;
        expect(sw.powerWatts).toBeCloseTo(P.switchPowerWatts + n * linkWatts / 2, 9);
        expect(analysis.totals.powerWatts).toBeCloseTo(n * P.tdpWatts + k * P.switchPowerWatts + n * k * linkWatts, 6);
        expect(analysis.totals.networkPowerWatts).toBeCloseTo(k * P.switchPowerWatts + n * k * linkWatts, 6);
        expect(analysis.totals.picojoulesPerBit).toBeCloseTo((k * P.switchPowerWatts + n * k * linkWatts) / (n * k * 2 * linkBytesPerSecond * 8) * 1e12, 6);
    });

    it('counts ports against radix and accelerator ports', () => {
        const gpu = analysis.nodes.find(x => x.kind === 'accelerator')!;
        expect([gpu.portsUsed, gpu.portsAvailable, gpu.portsExceeded]).toEqual([k, P.acceleratorPorts, false]);
        const crowded = analyzeFabric(singleTierFabric({ accelerators: 20, switches: 2, parts: { switchRadix: 16 } }), { skipFailureDomains: true });
        const flagged = crowded.problems.filter(p => p.code === 'capacity/ports-exceeded');
        expect(flagged).toHaveLength(2);
        expect(flagged[0].message).toContain('uses 20 ports');
    });

    it('routed totals: bisection n/2 × B, diameter 2 hops, one latency for every pair', () => {
        expect(analysis.totals.bisectionBytesPerSecond).toBeCloseTo(n / 2 * k * linkBytesPerSecond, 0);
        expect(analysis.totals.diameterHops).toBe(2);
        expect(analysis.totals.latency!.asymmetry).toBeCloseTo(1, 12);
    });
});

describe('a two-tier pod', () => {
    it('group power against budget with a breakdown, and oversubscription downlink : uplink', () => {
        const racks = 4, g = 8, L = 2, M = 2;
        const model = leafSpineFabric({ racks, acceleratorsPerRack: g, leavesPerRack: L, spines: M, uplinkLanes: 1, cpoUplinks: true });
        const tight = { ...model, groups: model.groups.map(x => (x.path === 'rack[0]' ? { ...x, powerBudgetWatts: 5000 } : x)) };
        const analysis = analyzeFabric(tight, { skipFailureDomains: true });
        const rack = analysis.groups.find(x => x.path === 'rack[0]')!;
        const cpo = model.types.optics.cpo;
        const uplinkBps = 1 * P.laneRateBps;
        const uplinkWatts = cpo.energyPerBitJoules * uplinkBps * 2;
        const expected = g * P.tdpWatts + L * P.switchPowerWatts + g * L * copperLinkWatts + L * M * uplinkWatts / 2 + L * model.types.lasers.els.powerWatts;
        expect(rack.powerWatts).toBeCloseTo(expected, 6);
        expect(rack.breakdown.lasersWatts).toBe(L * model.types.lasers.els.powerWatts);
        expect(rack.overBudget).toBe(true);
        expect(analysis.problems.some(p => p.code === 'power/budget-exceeded' && p.element.path === 'rack[0]')).toBe(true);
        // 8 GPUs × 2 links × 50 GB/s down, 2 leaves × 2 spines × 25 GB/s up: 8:1.
        expect(rack.downlinkBytesPerSecond).toBe(g * L * linkBytesPerSecond);
        expect(rack.uplinkBytesPerSecond).toBe(L * M * uplinkBps / 8);
        expect(rack.oversubscription).toBe(8);
        expect(analysis.problems.some(p => p.code === 'capacity/oversubscribed' && p.element.path === 'rack[0]')).toBe(true);
        // Bisection through the oversubscribed spine: half the racks' uplinks.
        expect(analysis.totals.bisectionBytesPerSecond).toBeCloseTo(racks / 2 * L * M * uplinkBps / 8, 0);
        expect(analysis.totals.diameterHops).toBe(4);
    });

    it('a laser source without spares feeding many links is flagged', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 2, leavesPerRack: 1, spines: 8, cpoUplinks: true });
        const noSpares = { ...model, types: { ...model.types, lasers: { els: { ...model.types.lasers.els, spares: 0 } } } };
        const flagged = analyzeFabric(noSpares, { skipFailureDomains: true }).problems.filter(p => p.code === 'laser/no-spares');
        expect(flagged.map(p => p.element.path)).toEqual(['rack[0].els[0][0]', 'rack[1].els[1][0]']);
        expect(analyzeFabric(model, { skipFailureDomains: true }).problems.some(p => p.code === 'laser/no-spares')).toBe(false);
    });
});
