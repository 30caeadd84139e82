// N+k spares and OCS re-composition (issue 9, item 7): a failure a spare absorbs reads as degraded but
// running, not as the job failing.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { addWorkload, DEFAULT_PARTS, GiB, setUpParts, type PhaseSpec } from '../src/generate/fabric-generators.js';
import { FabricModelBuilder } from '../src/generate/model-builder.js';
import type { FabricModel } from '../src/model/fabric-model.js';

/** One rack: `trays` trays of 4 GPUs, 8 switches every GPU reaches; a failure-domain family per tray. */
function rack(trays: number, used: number, spares: number): FabricModel {
    const b = new FabricModelBuilder(`rack_${trays}`);
    setUpParts(b, DEFAULT_PARTS);
    const r = b.group('R', 'rack');
    const gpus: number[][] = [];
    for (let t = 0; t < trays; t++) {
        const g = b.group(`compute[${t}]`, 'tray', r);
        gpus.push(Array.from({ length: 4 }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', g, i)));
    }
    const switches = Array.from({ length: 8 }, (_, j) => b.node(`sw[${j}]`, 'switch', 'sw', r, j));
    for (const tray of gpus) for (const gpu of tray) for (const s of switches) b.link(gpu, s, 'copper');
    const phases: PhaseSpec[] = [{ name: 'ar', collective: 'all-reduce', bytes: GiB, ranks: Array.from({ length: used * 4 }, (_, i) => i) }];
    addWorkload(b, phases);
    const model = b.build();
    return {
        ...model, failureDomains: gpus.map((tray, t) => ({
            name: `compute_tray[${t}]`, origin: 'explicit' as const, nodeIds: tray, linkIds: [], laserSourceIds: [], family: 'compute_tray',
            ...(spares > 0 ? { familySpares: spares } : {}), source: model.source
        }))
    };
}

describe('spare trays', () => {
    it('16 trays at work and 2 spare: a tray failure is taken by a spare; the phase runs as fast, 4 GPUs are out', () => {
        const analysis = analyzeFabric(rack(18, 16, 2), { ideal: true });
        const f = analysis.failureDomains.find(d => d.name === 'compute_tray[3]')!;
        expect(f.phases[0].failed).toBe(false);
        expect(f.phases[0].continuesOn).toBe('spare');
        // Every GPU reaches every switch alike: the spare's GPUs stand exactly where the lost ones did.
        expect(f.phases[0].slowdown).toBeCloseTo(1, 12);
        expect(f.absorbedBySpare).toBe(true);
        expect(f.cutOffAccelerators).toHaveLength(4);
        expect(f.blastRadius).toBe(4);
    });

    it('without spares the same failure stops the phase and the job', () => {
        const f = analyzeFabric(rack(18, 16, 0), { ideal: true }).failureDomains.find(d => d.name === 'compute_tray[3]')!;
        expect(f.phases[0].failed).toBe(true);
        expect(f.blastRadius).toBe(64);
    });

    it('with every tray at work, a spared family runs on the survivors: 68 ranks share the same 1 GiB', () => {
        // Single tier: 2(n−1)/n · S/B changes little from n = 72 to 68; α adds 2(n−1) steps.
        const analysis = analyzeFabric(rack(18, 18, 1), { ideal: true });
        const f = analysis.failureDomains.find(d => d.name === 'compute_tray[0]')!;
        expect(f.phases[0].continuesOn).toBe('survivors');
        expect(f.phases[0].slowdown!).toBeGreaterThan(0.98);
        expect(f.phases[0].slowdown!).toBeLessThan(1.02);
    });
});

describe('OCS re-composition around a failed cube', () => {
    // Five cubes of 2×2×2 chips; configuration `ring` joins cubes 0–3 face to face, cube 4 is wired to the
    // OCS but idle. When cube 1 fails, the OCS sets up cube 1's circuits to cube 4 instead: the same ring.
    const side = 2, at = (x: number, y: number, z: number) => x + side * (y + side * z);
    const b = new FabricModelBuilder('recompose');
    setUpParts(b, { ...DEFAULT_PARTS, acceleratorForwards: true });
    const pod = b.group('pod', 'pod');
    const chips: number[][] = [];
    for (let c = 0; c < 5; c++) {
        const g = b.group(`cube[${c}]`, 'group', pod);
        const cube = Array.from({ length: 8 }, (_, i) => b.node(`chip[${i}]`, 'accelerator', 'gpu', g, i));
        chips.push(cube);
        for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) for (let z = 0; z < side; z++) {
            if (x + 1 < side) b.link(cube[at(x, y, z)], cube[at(x + 1, y, z)], 'copper', { lengthMeters: 0.5 });
            if (y + 1 < side) b.link(cube[at(x, y, z)], cube[at(x, y + 1, z)], 'copper', { lengthMeters: 0.5 });
            if (z + 1 < side) b.link(cube[at(x, y, z)], cube[at(x, y, z + 1)], 'copper', { lengthMeters: 0.5 });
        }
    }
    const layer = b.group('optical', 'layer');
    const ocs = Array.from({ length: 4 }, (_, k) => b.node(`ocs[${k}]`, 'ocs', 'palomar', layer, k));
    const circuits = [];
    for (let c = 0; c < 4; c++) for (let u = 0; u < side; u++) for (let v = 0; v < side; v++) {
        circuits.push(b.circuit(chips[c][at(side - 1, u, v)], chips[(c + 1) % 4][at(0, u, v)], ocs[u * side + v], 'fiber'));
    }
    b.configuration('ring', circuits, 'optical');
    addWorkload(b, [{ name: 'ar', collective: 'all-reduce', bytes: GiB, ranks: Array.from({ length: 32 }, (_, i) => i), configuration: 'ring' }]);
    const built = b.build();
    const model: FabricModel = {
        ...built, failureDomains: chips.map((cube, c) => ({
            name: `cube[${c}]`, origin: 'explicit' as const, nodeIds: cube, linkIds: [], laserSourceIds: [], family: 'cube', familySpares: 1, source: built.source
        }))
    };

    it('the phase runs on the re-composed pod as fast as before, after one reconfiguration', () => {
        const analysis = analyzeFabric(model, { ideal: true });
        const f = analysis.failureDomains.find(d => d.name === 'cube[1]')!;
        expect(f.phases[0].continuesOn).toBe('recomposed');
        // Cube 4 is wired like cube 1: the re-composed ring is the same ring.
        expect(f.phases[0].slowdown).toBeCloseTo(1, 9);
        expect(f.phases[0].recompositionSeconds).toBe(model.types.ocs.palomar.reconfigurationSeconds);
        expect(f.absorbedBySpare).toBe(true);
        expect(f.blastRadius).toBe(8);
    });

    it('the idle cube failing costs nothing', () => {
        const f = analyzeFabric(model, { ideal: true }).failureDomains.find(d => d.name === 'cube[4]')!;
        expect(f.phases[0].slowdown).toBeCloseTo(1, 12);
        expect(f.phases[0].continuesOn).toBeNull();
    });
});
