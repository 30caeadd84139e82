// Failure impact: partitions flagged, blast radius, spares that absorb, de-rating, and the sweep's
// symmetry shortcut (one evaluation per switch orbit) checked against switch-by-switch evaluation.
import { describe, expect, it } from 'vitest';
import { analyzeFabric, failureImpact } from '../src/analysis/analyze.js';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { GiB, leafSpineFabric, singleTierFabric } from '../src/generate/fabric-generators.js';
import { FabricModelBuilder } from '../src/generate/model-builder.js';
import { DEFAULT_PARTS } from '../src/generate/fabric-generators.js';

describe('partitions', () => {
    it('flags a single spine whose failure splits two racks, and cuts off the smaller side', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 1 });
        const analysis = analyzeFabric(model, { singleFailures: ['switch'] });
        const spine = analysis.singleFailures.find(f => f.name === 'spine.sw[0]')!;
        expect(spine.partitions).toBe(true);
        expect(spine.cutOffAccelerators).toHaveLength(4);
        expect(spine.phases.every(p => p.failed && p.slowdown === null)).toBe(true);
        expect(spine.blastRadius).toBe(8);
        expect(analysis.problems.some(p => p.code === 'failure/partitions' && p.message.includes('spine.sw[0]'))).toBe(true);
        const leaf = analysis.singleFailures.find(f => f.name === 'rack[0].sw[0]')!;
        expect(leaf.partitions).toBe(false);
        expect(leaf.cutOffAccelerators).toHaveLength(0);
    });

    it('does not flag a failure that leaves a second path', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 2 });
        const analysis = analyzeFabric(model, { singleFailures: ['switch'] });
        expect(analysis.singleFailures.some(f => f.partitions)).toBe(false);
        expect(analysis.problems.some(p => p.code === 'failure/partitions')).toBe(false);
    });

    it('a failure domain taking a rack down cuts off its accelerators and fails every phase they join', () => {
        const model = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 2 });
        const rack = analyzeFabric(model).failureDomains.find(d => d.name === 'rack_power[1]')!;
        expect(rack.cutOffAccelerators).toEqual(model.groups.find(g => g.path === 'rack[1]')!.nodeIds.filter(id => model.nodes[id].kind === 'accelerator'));
        expect(rack.partitions).toBe(false);
        expect(rack.phases.every(p => p.failed)).toBe(true);
        expect(rack.blastRadius).toBe(16);
    });
});

describe('slowdown and blast radius', () => {
    it('losing one of k switches slows a single-tier all-reduce by k/(k−1) in transfer', () => {
        const k = 4;
        const model = singleTierFabric({ accelerators: 8, switches: k, phases: [{ name: 'ar', collective: 'all-reduce', bytes: 64 * GiB, algorithm: 'ring' }] });
        const analysis = analyzeFabric(model, { ideal: true });
        const base = analysis.phases[0];
        const ring = base.alternatives.find(a => a.algorithm === 'ring')!;
        const alpha = ring.alphaSeconds * ring.steps;
        for (const f of analysis.failureDomains) {
            const after = f.phases[0].timeSeconds!;
            expect((after - alpha) / (base.timeSeconds! - alpha)).toBeCloseTo(k / (k - 1), 9);
            expect(f.blastRadius).toBe(8); // ×1.33 is past the 1.10 threshold
        }
    });

    it('the threshold decides the blast radius', () => {
        const model = singleTierFabric({ accelerators: 8, switches: 4, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });
        expect(analyzeFabric(model, { slowdownThreshold: 2 }).failureDomains[0].blastRadius).toBe(0);
    });

    it('a spare lane absorbs a lane failure; without one the link de-rates and the switches split traffic by capacity', () => {
        const model = singleTierFabric({ accelerators: 4, switches: 2, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });
        const spared = { ...model, links: model.links.map(l => (l.id === 0 ? { ...l, spareLanes: 1 } : l)) };
        const analysis = analyzeFabric(spared, { singleFailures: ['link'], skipFailureDomains: true, ideal: true });
        const [first, second] = analysis.singleFailures;
        expect(first.absorbedBySpare).toBe(true);
        expect(first.bandwidthLostBytesPerSecond).toBe(0);
        expect(first.phases[0].slowdown).toBeCloseTo(1, 12);
        expect(second.deratedLinkIds).toEqual([1]);
        expect(second.bandwidthLostBytesPerSecond).toBe(DEFAULT_PARTS.laneRateBps / 8);
        // gpu[0] keeps 1 + ½ of its 2 links; traffic to and from it splits 2:1 by capacity, so it injects
        // at ¾ of its rate: the phase's transfer takes 4/3 as long (not 2×, as an even split would make it).
        const before = analysis.phases[0];
        const latency = before.timeSeconds! - before.alternatives[0].transferSeconds;
        expect((second.phases[0].timeSeconds! - latency) / (before.timeSeconds! - latency)).toBeCloseTo(4 / 3, 9);
        expect(second.phases[0].pacing).toBe('capacity-split');
    });
});

describe('laser sources', () => {
    function laserFabric(spares: number) {
        const b = new FabricModelBuilder('lasers');
        const parts = leafSpineFabric({ racks: 2, acceleratorsPerRack: 2, leavesPerRack: 1, spines: 2, cpoUplinks: true });
        Object.assign(b.accelerators, parts.types.accelerators);
        Object.assign(b.switches, parts.types.switches);
        Object.assign(b.optics, parts.types.optics);
        b.lasers.els = { ...parts.types.lasers.els, lasers: 2, spares };
        return { ...parts, types: { ...parts.types, lasers: b.lasers } };
    }

    it('an N+1 source absorbs one laser; a source without spares loses the links that laser feeds', () => {
        const withSpare = analyzeFabric(laserFabric(1), { singleFailures: ['laser'], skipFailureDomains: true });
        expect(withSpare.singleFailures.every(f => f.absorbedBySpare && f.bandwidthLostBytesPerSecond === 0)).toBe(true);
        const without = analyzeFabric(laserFabric(0), { singleFailures: ['laser'], skipFailureDomains: true });
        for (const f of without.singleFailures) {
            expect(f.absorbedBySpare).toBe(false);
            expect(f.linkIds).toHaveLength(1); // two uplinks, two lasers: one link each
        }
    });

    it('the implicit domain of a laser source drops everything it feeds', () => {
        const analysis = analyzeFabric(laserFabric(1));
        const domain = analysis.failureDomains.find(d => d.origin === 'laser-source')!;
        expect(domain.bandwidthLostBytesPerSecond).toBe(2 * 2 * DEFAULT_PARTS.laneRateBps / 8);
    });
});

describe('the sweep prices one switch per orbit, and that matches pricing each switch alone', () => {
    // Rail planes: leaf j of every rack reaches only spine plane j, so leaves are not twins, yet
    // swapping planes fixes every accelerator.
    const model = leafSpineFabric({ racks: 3, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
    const analysis = analyzeFabric(model, { singleFailures: ['switch'], skipFailureDomains: true });
    const context = prepareFabric(model);
    for (const f of analysis.singleFailures) {
        it(`${f.name}`, () => {
            const alone = failureImpact(context, { nodeIds: [...f.nodeIds], name: f.name });
            expect(alone.cutOffAccelerators).toEqual(f.cutOffAccelerators);
            expect(alone.partitions).toBe(f.partitions);
            expect(alone.bandwidthLostBytesPerSecond).toBe(f.bandwidthLostBytesPerSecond);
            expect(alone.phases.map(p => p.timeSeconds)).toEqual(f.phases.map(p => p.timeSeconds));
        });
    }
});
