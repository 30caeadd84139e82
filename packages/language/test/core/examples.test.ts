import { describe as group, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { FabricModel } from '@fabric/simulator';
import { checkPath } from './fabric-test-files.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/${name}`, import.meta.url));

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
}

function kindsOf(model: FabricModel) {
    return countBy(model.nodes, n => n.kind);
}

function linksByOptics(model: FabricModel) {
    return countBy(model.links, l => model.types.optics[l.optics].kind);
}

/** Links per node, computed from the model's link list. */
function degree(model: FabricModel): number[] {
    const d = new Array<number>(model.nodes.length).fill(0);
    for (const link of model.links) { d[link.a]++; d[link.b]++; }
    return d;
}

group('examples elaborate with zero errors and the expected counts', () => {
    test('NVL72-style copper rack: 72 GPUs, 18 switch chips in 9 trays, 72 × 18 links', async () => {
        const { errors, elaboration } = await checkPath(example('nvl72-copper.fabric'));
        expect(errors).toEqual([]);
        const [model] = elaboration.models;
        const gpus = 18 * 4, switches = 9 * 2;
        expect(kindsOf(model)).toEqual({ accelerator: gpus, switch: switches });
        expect(linksByOptics(model)).toEqual({ dac: gpus * switches });
        expect(model.groups.filter(g => g.kind === 'tray')).toHaveLength(18 + 9);
        // every GPU uses its 18 NVLink ports, every switch chip its 72
        const d = degree(model);
        for (const node of model.nodes) expect(d[node.id]).toBe(node.kind === 'accelerator' ? switches : gpus);
        expect(model.failureDomains.map(f => f.name)).toEqual([
            ...Array.from({ length: 9 }, (_, t) => `switch_tray[${t}]`),
            ...Array.from({ length: 18 }, (_, c) => `compute_tray[${c}]`)
        ]);
        expect(model.failureDomains[0].nodeIds.map(id => model.nodes[id].path)).toEqual(['R.nvswitch[0].sw[0]', 'R.nvswitch[0].sw[1]']);
        const phases = model.workloads[0].phases;
        expect(phases.map(p => [p.name, p.collective, p.bytes, p.participants.length])).toEqual([
            ['grads', 'all-reduce', 4 * 2 ** 30, gpus],
            ['experts', 'all-to-all', 512 * 2 ** 20, gpus]
        ]);
        expect(model.groups.find(g => g.path === 'R')?.powerBudgetWatts).toBe(132_000);
        const link = model.links[0];
        expect(link.lengthMeters).toBeCloseTo(1.2);
        expect(link.lanes * link.laneRateBps).toBe(400e9);
        expect(model.nodes[link.a].path).toBe('R.compute[0].gpu[0]');
        expect(model.nodes[link.b].path).toBe('R.nvswitch[0].sw[0]');
    });

    test('576-accelerator pod: 8 racks under a CPO second tier', async () => {
        const { errors, elaboration } = await checkPath(example('pod576-cpo.fabric'));
        expect(errors).toEqual([]);
        const [model] = elaboration.models;
        const racks = 8, gpusPerRack = 72, leavesPerRack = 18, spines = 4 * 9 * 2;
        expect(kindsOf(model)).toEqual({ accelerator: racks * gpusPerRack, switch: racks * leavesPerRack + spines });
        expect(linksByOptics(model)).toEqual({ dac: racks * gpusPerRack * leavesPerRack, cpo: racks * leavesPerRack * spines });
        const d = degree(model);
        for (const node of model.nodes) {
            if (node.kind === 'switch') expect(d[node.id]).toBe(144); // 72 down + 72 up on leaves; 144 leaves on spines
        }
        // Both ends of every CPO uplink take light from the ELSFPs in their own tray: 5 per leaf tray
        // (2 chips × 72 uplinks = 144 ends of 2 lanes, 29 ends each: 58 of 64 lanes), 9 per spine tray
        // (2 chips × 144 links = 288 ends, 32 each: all 64 lanes). Each source is an implicit failure domain.
        const cpo = model.links.filter(l => model.types.optics[l.optics].kind === 'cpo');
        expect(cpo.every(l => l.laserSourceId !== undefined && l.laserSourceIdB !== undefined)).toBe(true);
        const trayOf = (node: number) => model.groups[model.nodes[node].groupId].path;
        for (const l of cpo.slice(0, 500)) {
            expect(model.groups[model.laserSources[l.laserSourceId!].groupId].path).toBe(trayOf(l.a));
            expect(model.groups[model.laserSources[l.laserSourceIdB!].groupId].path).toBe(trayOf(l.b));
        }
        const laserDomains = model.failureDomains.filter(f => f.origin === 'laser-source');
        expect(laserDomains).toHaveLength(racks * 9 * 5 + 4 * 9 * 9);
        const ends = countBy(cpo.flatMap(l => [l.laserSourceId!, l.laserSourceIdB!]), String);
        expect(Math.max(...Object.values(ends)) * 2).toBeLessThanOrEqual(64);
        const explicit = model.failureDomains.filter(f => f.origin === 'explicit').map(f => f.name);
        expect(explicit).toContain('rack[3].switch_tray[8]');
        expect(explicit).toContain('spine_rack_power[3]');
        expect(explicit).toHaveLength(racks * 9 + racks + 4);
        expect(model.nodes.find(n => n.path === 'rack[7].compute[17].gpu[3]')?.kind).toBe('accelerator');
        expect(model.nodes.find(n => n.path === 'spine.spine_rack[3].tray[8].sw[1]')?.kind).toBe('switch');
        expect(model.workloads[0].phases.map(p => p.participants.length)).toEqual([576, 576]);
    });

    test('VCSEL slow-and-wide rack with UCIe- and PCIe-class lanes', async () => {
        const { errors, elaboration } = await checkPath(example('vcsel-slow-wide.fabric'));
        expect(errors).toEqual([]);
        const [model] = elaboration.models;
        expect(kindsOf(model)).toEqual({ accelerator: 64 + 2, switch: 8 });
        expect(linksByOptics(model)).toEqual({ vcsel: 64 * 8 + 2 * 8 });
        const protocols = countBy(model.links, l => l.protocol ?? 'none');
        expect(protocols).toEqual({ ucie: 512, pcie: 16 });
        const ucie = model.links.find(l => l.protocol === 'ucie')!;
        expect([ucie.lanes, ucie.laneRateBps, ucie.spareLanes]).toEqual([64, 32e9, 4]);
        const p2p = model.workloads[0].phases.find(p => p.collective === 'point-to-point')!;
        expect(p2p.participants).toHaveLength(4);
        expect(p2p.peers!.map(id => model.nodes[id].path)).toEqual(['R.memory[0].pool', 'R.memory[1].pool', 'R.memory[0].pool', 'R.memory[1].pool']);
        expect(model.workloads[0].phases.map(p => p.collective)).toEqual(['all-to-all', 'all-reduce', 'point-to-point']);
    });

    test('TPU-v4-style pod: 64 cubes of 4×4×4 joined by an OCS layer', async () => {
        const { errors, elaboration } = await checkPath(example('tpu-ocs-pod.fabric'));
        expect(errors).toEqual([]);
        const [model] = elaboration.models;
        expect(kindsOf(model)).toEqual({ accelerator: 4096, ocs: 48 });
        // each cube is a 4×4×4 mesh: 3 directions × 16 lines × 3 links
        expect(linksByOptics(model)).toEqual({ dac: 64 * 3 * 16 * 3 });
        // cube-crossing edges of a 16×16×16 torus of 4×4×4 tiles: 3 dims × 256 lines × 4 crossings
        const [cubeTorus, longTorus] = model.ocsConfigurations;
        expect(cubeTorus.name).toBe('cube_torus');
        expect(cubeTorus.circuits).toHaveLength(3 * 256 * 4);
        // 8×16×32 of 4×4×4 tiles: (16·32)·2 + (8·32)·4 + (8·16)·8 crossings
        expect(longTorus.circuits).toHaveLength(512 * 2 + 256 * 4 + 128 * 8);
        // every chip has 6 torus neighbours once the circuits of a configuration are added
        for (const configuration of [cubeTorus, longTorus]) {
            const d = degree(model);
            for (const c of configuration.circuits) { d[c.a]++; d[c.b]++; }
            for (const node of model.nodes) if (node.kind === 'accelerator') expect(d[node.id]).toBe(6);
        }
        // circuits spread evenly over the 48 OCS: 3,072 circuits × 2 ports / 48 = 128 ports ≤ 136
        const perOcs = countBy(cubeTorus.circuits, c => String(c.ocs));
        expect(Object.values(perOcs).every(n => n === 3072 / 48)).toBe(true);
        expect(model.workloads[0].phases.map(p => p.configuration)).toEqual(['cube_torus', 'long_torus']);
        expect(model.failureDomains.filter(f => f.name.startsWith('ocs_unit'))).toHaveLength(48);
    });

    test('elaboration is deterministic', async () => {
        const a = (await checkPath(example('pod576-cpo.fabric'))).elaboration.models[0];
        const b = (await checkPath(example('pod576-cpo.fabric'))).elaboration.models[0];
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    });
});
