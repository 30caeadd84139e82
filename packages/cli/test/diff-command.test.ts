// fabric diff: the CPO and the pluggable variants of the 576 pod, every row checked against the two
// `simulate --json` documents (the diff must read the same numbers, not compute its own).
import { describe, expect, test } from 'vitest';
import { fabric, fabricJson, tempFile } from './run-fabric.js';

type Json = Record<string, any>;

/** What a diff row's key means in the fabric-analysis/2 document. */
function figure(a: Json, key: string): number | null {
    const phase = /^phase\.([^.]+)\.([^.]+)\.(timeSeconds|energyJoules)$/.exec(key);
    if (phase) return a.phases.find((p: Json) => p.workload === phase[1] && p.name === phase[2])[phase[3]];
    const iteration = /^iteration\.([^.]+)\.iterationSeconds$/.exec(key);
    if (iteration) return a.ocs.iterations.find((i: Json) => i.workload === iteration[1]).iterationSeconds;
    if (key === 'failureDomains.worstBlastRadius') return Math.max(...a.failureDomains.map((d: Json) => d.blastRadius));
    return key.split('.').reduce((o: Json, k) => o[k], a) as unknown as number;
}

describe('fabric diff', () => {
    test('CPO vs pluggable 576 pod: every figure equals the two simulate --json outputs, with b − a and (b − a) / a', () => {
        const cpo = fabricJson(['simulate', 'examples/pod576-cpo.fabric', '--json']);
        const pluggable = fabricJson(['simulate', 'examples/pod576-pluggable.fabric', '--json']);
        const diff = fabricJson(['diff', 'examples/pod576-cpo.fabric', 'examples/pod576-pluggable.fabric', '--json']);
        expect(diff.schema).toBe('fabric-diff/1');
        expect(diff.a).toEqual({ file: 'examples/pod576-cpo.fabric', fabric: 'Pod576' });
        expect(diff.b).toEqual({ file: 'examples/pod576-pluggable.fabric', fabric: 'Pod576Pluggable' });
        const keys = diff.figures.map((f: Json) => f.key);
        expect(keys).toEqual([
            'totals.powerWatts', 'totals.breakdown.acceleratorsWatts', 'totals.networkPowerWatts', 'totals.breakdown.switchesWatts',
            'totals.breakdown.ocsWatts', 'totals.breakdown.linksWatts', 'totals.breakdown.lasersWatts', 'totals.networkIdleWatts', 'totals.picojoulesPerBit',
            'totals.picojoulesPerAcceleratorBit',
            'totals.bisectionBytesPerSecond', 'totals.latency.minSeconds', 'totals.latency.maxSeconds',
            'phase.train.grads.timeSeconds', 'phase.train.grads.energyJoules', 'phase.train.experts.timeSeconds', 'phase.train.experts.energyJoules',
            'iteration.train.iterationSeconds', 'reliability.failuresPerDay', 'failureDomains.worstBlastRadius'
        ]);
        for (const row of diff.figures) {
            const a = figure(cpo, row.key), b = figure(pluggable, row.key);
            expect(row.a, row.key).toBe(a);
            expect(row.b, row.key).toBe(b);
            expect(row.delta, row.key).toBe(b! - a!);
            expect(row.relative, row.key).toBe(a === 0 ? null : (b! - a!) / Math.abs(a!));
        }
        // the comparison the example exists for: pluggables cost network power, CPO needs laser sources
        const row = (key: string) => diff.figures.find((f: Json) => f.key === key);
        expect(row('totals.networkPowerWatts').delta).toBeGreaterThan(0);
        expect(row('totals.breakdown.lasersWatts').b).toBe(0);
        expect(row('totals.breakdown.lasersWatts').relative).toBe(-1);
    });

    test('the text table shows both sides, the delta with its unit and the relative change', () => {
        const run = fabric(['diff', 'examples/pod576-cpo.fabric', 'examples/pod576-pluggable.fabric']);
        expect(run.code).toBe(0);
        const lines = run.stdout.split('\n');
        expect(lines[0]).toBe('A: Pod576 (examples/pod576-cpo.fabric)');
        expect(lines[1]).toBe('B: Pod576Pluggable (examples/pod576-pluggable.fabric)');
        expect(lines[3]).toMatch(/^figure +A +B +B − A +relative$/);
        // 684 ELSFP modules (5 in each of 72 leaf trays, 9 in each of 36 spine trays) × 12 W = 8.21 kW
        expect(run.stdout).toMatch(/^power: laser sources +8\.21 kW +0 W +-8\.21 kW +-100 %$/m);
        expect(run.stdout).toMatch(/^power: accelerators +691 kW +691 kW +0 W +0 %$/m);
        expect(run.stdout).toMatch(/^network energy at full load +\S+ pJ\/bit +\S+ pJ\/bit +\+\S+ pJ\/bit +\+\S+ %$/m);
    });

    test('two fabrics of one file by --fabric; a wrong count of names is a usage error', () => {
        const file = tempFile('two.fabric', `accelerator A { ports 2 tdp 100 W }
link L { kind dac lanes 1 x 100 Gbps reach 3 m }
fabric Small { accelerator a[0..3] : A
    connect a[*] ring via L length 1 m }
fabric Large { accelerator a[0..7] : A
    connect a[*] ring via L length 1 m }
`);
        const diff = fabricJson(['diff', file, '--fabric', 'Small', '--fabric', 'Large', '--json']);
        expect([diff.a.fabric, diff.b.fabric]).toEqual(['Small', 'Large']);
        const power = diff.figures.find((f: Json) => f.key === 'totals.breakdown.acceleratorsWatts');
        expect([power.a, power.b, power.delta, power.relative]).toEqual([400, 800, 400, 1]);
        const one = fabric(['diff', file]);
        expect(one.code).toBe(2);
        expect(one.stderr).toMatch(/name the two fabrics to compare with --fabric A --fabric B \(.*two\.fabric declares Small, Large\)/);
        expect(fabric(['diff', file, file, file]).code).toBe(2);
    });
});
