// A failure sweep evaluates each set of failed parts once: a one-part failure domain (an OCS unit)
// and the single failure of that part take down the same thing, so the second reuses the first's
// outcome. That must change nothing: the singles read as they do when no domain came first, and a
// domain whose spares matter (ranks died) is never answered with another domain's outcome.
import { describe, expect, it } from 'vitest';
import { analyzeFabric, failureImpact } from '../src/analysis/analyze.js';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { addWorkload, DEFAULT_PARTS, GiB, ocsPodFabric, setUpParts } from '../src/generate/fabric-generators.js';
import { FabricModelBuilder } from '../src/generate/model-builder.js';
import type { FailureResult } from '../src/analysis/analysis.js';
import type { FabricModel } from '../src/model/fabric-model.js';

/** What a failure does, without the name and kind of what failed. */
function effect(f: FailureResult): unknown {
    return {
        nodeIds: f.nodeIds, phases: f.phases, cutOff: f.cutOffAccelerators, lost: f.bandwidthLostBytesPerSecond,
        partitions: f.partitions, blast: f.blastRadius, spared: f.absorbedBySpare
    };
}

describe('failures of the same parts are evaluated once', () => {
    it('an OCS pod: each OCS unit domain and that OCS’s single failure agree, and the singles are as without the domains', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 2, ocs: 12 });
        const withDomains = analyzeFabric(pod, { singleFailures: ['switch'] });
        const singlesAlone = analyzeFabric(pod, { singleFailures: ['switch'], skipFailureDomains: true }).singleFailures;
        const ocs = withDomains.singleFailures.filter(f => f.nodeIds.length === 1 && pod.nodes[f.nodeIds[0]].kind === 'ocs');
        expect(ocs).toHaveLength(12);
        // Some OCS carry circuits of the phases' configurations: their failures slow a phase.
        expect(ocs.some(f => f.phases.some(p => p.slowdown !== null && p.slowdown > 1))).toBe(true);
        for (const single of ocs) {
            const unit = withDomains.failureDomains.find(d => d.nodeIds.length === 1 && d.nodeIds[0] === single.nodeIds[0])!;
            expect(unit).toBeDefined();
            expect(effect(single)).toEqual(effect(unit));
        }
        expect(withDomains.singleFailures.map(effect)).toEqual(singlesAlone.map(effect));
        // And each is that OCS's own outcome: priced alone (no orbit-mate's price to share, so equal
        // to rounding), the same phases slow down by as much, and the same accelerators are cut off.
        const context = prepareFabric(pod);
        for (const single of ocs) {
            const alone = failureImpact(context, { nodeIds: single.nodeIds });
            expect(single.cutOffAccelerators).toEqual(alone.cutOffAccelerators);
            expect(single.blastRadius).toBe(alone.blastRadius);
            single.phases.forEach((p, i) => {
                expect(p.failed).toBe(alone.phases[i].failed);
                expect(p.slowdown!).toBeCloseTo(alone.phases[i].slowdown!, 9);
            });
        }
    });

    it('two domains of the same GPUs, one with a spare tray and one without: each keeps its own outcome', () => {
        const model = rackWithSpares();
        const domains = analyzeFabric(model, { ideal: true }).failureDomains;
        const spared = domains.find(d => d.name === 'compute_tray[3]')!;
        const power = domains.find(d => d.name === 'tray3_power')!;
        expect(spared.nodeIds).toEqual(power.nodeIds);
        expect(spared.phases[0].continuesOn).toBe('spare');
        expect(spared.phases[0].failed).toBe(false);
        expect(power.phases[0].failed).toBe(true);
        expect(power.absorbedBySpare).toBe(false);
    });
});

/** One rack of 18 trays of 4 GPUs (16 at work, 2 spare), each tray a failure domain of its family, and tray 3's power domain besides. */
function rackWithSpares(): FabricModel {
    const b = new FabricModelBuilder('rack_spares');
    setUpParts(b, DEFAULT_PARTS);
    const r = b.group('R', 'rack');
    const gpus: number[][] = [];
    for (let t = 0; t < 18; t++) {
        const g = b.group(`compute[${t}]`, 'tray', r);
        gpus.push(Array.from({ length: 4 }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', g, i)));
    }
    const switches = Array.from({ length: 8 }, (_, j) => b.node(`sw[${j}]`, 'switch', 'sw', r, j));
    for (const tray of gpus) for (const gpu of tray) for (const s of switches) b.link(gpu, s, 'copper');
    addWorkload(b, [{ name: 'ar', collective: 'all-reduce', bytes: GiB, ranks: Array.from({ length: 64 }, (_, i) => i) }]);
    const model = b.build();
    return {
        ...model, failureDomains: [
            ...gpus.map((tray, t) => ({
                name: `compute_tray[${t}]`, origin: 'explicit' as const, nodeIds: tray, linkIds: [], laserSourceIds: [], family: 'compute_tray', familySpares: 2, source: model.source
            })),
            { name: 'tray3_power', origin: 'explicit' as const, nodeIds: gpus[3], linkIds: [], laserSourceIds: [], source: model.source }
        ]
    };
}
