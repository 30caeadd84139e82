// OCS: the configuration each phase runs on and the reconfiguration charged between phases.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { MiB, ocsPodFabric } from '../src/generate/fabric-generators.js';

const palomarSeconds = 0.01;

describe('OCS reconfiguration accounting', () => {
    const model = ocsPodFabric({
        cubes: 4, side: 2, ocs: 4, phases: [
            { name: 'a', collective: 'all-reduce', bytes: 256 * MiB, configuration: 'x_ring' },
            { name: 'b', collective: 'all-reduce', bytes: 256 * MiB, configuration: 'x_ring' },
            { name: 'local', collective: 'all-reduce', bytes: MiB, ranks: [0, 1, 2, 3, 4, 5, 6, 7] },
            { name: 'c', collective: 'all-to-all', bytes: MiB, configuration: 'y_ring' },
            { name: 'd', collective: 'all-reduce', bytes: 256 * MiB, configuration: 'x_ring' }
        ]
    });
    const analysis = analyzeFabric(model, { skipFailureDomains: true });
    const time = (name: string) => analysis.phases.find(p => p.name === name)!.timeSeconds!;

    it('charges a switch only between consecutive phases whose circuits differ, and the wrap-around', () => {
        const t = analysis.ocs.transitions;
        // `local` names no configuration: it runs on x_ring, left in place by b, and hands x_ring to c.
        expect(t.map(x => [x.fromPhase, x.toPhase, x.wrapAround])).toEqual([['local', 'c', false], ['c', 'd', false]]);
        // The last configured phase (d, x_ring) hands over to the first (a, x_ring): the same, so nothing.
        for (const x of t) expect(x.reconfigurationSeconds).toBe(palomarSeconds);
        expect(t[0].followingPhaseSeconds).toBe(time('c'));
        expect(t[0].ratio).toBeCloseTo(palomarSeconds / time('c'), 12);
        expect(analysis.ocs.reconfigurationSecondsPerIteration).toBeCloseTo(2 * palomarSeconds, 12);
        expect(analysis.ocs.phaseSecondsPerIteration).toBeCloseTo(analysis.phases.reduce((s, p) => s + p.timeSeconds!, 0), 12);
    });

    it('one iteration of the workload is its phases plus the reconfigurations between them', () => {
        const phases = analysis.phases.reduce((s, p) => s + p.timeSeconds!, 0);
        expect(analysis.ocs.iterations).toHaveLength(1);
        const [it] = analysis.ocs.iterations;
        expect(it.workload).toBe('train');
        expect(it.phaseSeconds).toBeCloseTo(phases, 12);
        expect(it.reconfigurationSeconds).toBeCloseTo(2 * palomarSeconds, 12);
        expect(it.iterationSeconds).toBeCloseTo(phases + 2 * palomarSeconds, 12);
    });

    it('reports sweep progress once per failure evaluated', () => {
        const calls: Array<[number, number]> = [];
        const swept = analyzeFabric(model, { singleFailures: ['switch'], onFailureProgress: (done, total) => calls.push([done, total]) });
        const total = swept.failureDomains.length + swept.singleFailures.length;
        expect(total).toBeGreaterThan(0);
        expect(calls).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    });

    it('flags a reconfiguration longer than the phase that waits for it', () => {
        expect(time('c')).toBeLessThan(palomarSeconds);
        const flagged = analysis.problems.filter(p => p.code === 'ocs/reconfiguration-dominates');
        const waiting = analysis.ocs.transitions.filter(t => t.ratio! > 1).map(t => `train.${t.toPhase}`);
        expect(waiting).toContain('train.c');
        expect(flagged.map(p => p.element.path)).toEqual(waiting);
    });

    it('a phase without a configuration runs on the circuits in place, not on static links alone', () => {
        const local = analysis.ocs.phases.find(p => p.phase === 'local')!;
        expect(local.configuration).toBe('x_ring');
        expect(local.inPlace).toBe(true);
        expect(local.circuits).toBe(16);
        expect(analysis.phases.find(p => p.name === 'local')!.configurationSource).toBe('in-place');
        expect(analysis.ocs.phases.find(p => p.phase === 'a')!.inPlace).toBe(false);
    });

    it('a workload that names no configuration runs on the fabric\'s first', () => {
        const plain = analyzeFabric(ocsPodFabric({ cubes: 2, side: 2, ocs: 2, phases: [{ name: 'all', collective: 'all-reduce', bytes: MiB }] }), { skipFailureDomains: true });
        expect(plain.phases[0].configuration).toBe('x_ring');
        expect(plain.phases[0].timeSeconds).toBeGreaterThan(0);
    });

    it('a wrap-around is charged when the iteration ends on another configuration', () => {
        const cyclic = analyzeFabric(ocsPodFabric({
            cubes: 4, side: 2, ocs: 4, phases: [
                { name: 'a', collective: 'all-reduce', bytes: MiB, configuration: 'x_ring' },
                { name: 'c', collective: 'all-to-all', bytes: MiB, configuration: 'y_ring' }
            ]
        }), { skipFailureDomains: true });
        expect(cyclic.ocs.transitions.map(x => x.wrapAround)).toEqual([false, true]);
    });

    it('circuits exist only in their configuration: without any the cubes cannot reach each other', () => {
        const pod = ocsPodFabric({ cubes: 2, side: 2, ocs: 2, phases: [{ name: 'all', collective: 'all-reduce', bytes: MiB }] });
        const isolated = analyzeFabric({ ...pod, ocsConfigurations: [] }, { skipFailureDomains: true });
        expect(isolated.phases[0].timeSeconds).toBeNull();
        expect(isolated.problems.some(p => p.code === 'workload/no-path')).toBe(true);
    });

    it('an OCS failure drops its circuits', () => {
        const failures = analyzeFabric(model, { singleFailures: ['switch'] }).singleFailures;
        const ocs0 = failures.find(f => f.name === 'optical.ocs[0]')!;
        expect(ocs0.bandwidthLostBytesPerSecond).toBeGreaterThan(0);
        // The all-to-all leans on every circuit; the rings' bottleneck is inside the cubes.
        expect(ocs0.phases.find(p => p.phase === 'c')!.slowdown!).toBeGreaterThan(1);
        expect(ocs0.phases.find(p => p.phase === 'local')!.slowdown!).toBe(1);
    });
});
