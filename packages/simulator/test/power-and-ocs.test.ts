// Power, energy and OCS accounting (issue 9, items 8–13): circuits counted everywhere, the best OCS
// configuration per phase, idle and traffic power, per-bit figures that compare designs, lasers at both
// ends and their fan-out, non-network loads. Expected figures are hand calculations from the parts.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { analysisToJson } from '../src/report/analysis-json.js';
import { DEFAULT_PARTS, GiB, leafSpineFabric, MiB, ocsPodFabric, singleTierFabric } from '../src/generate/fabric-generators.js';
import { FabricModelBuilder } from '../src/generate/model-builder.js';
import type { FabricModel } from '../src/model/fabric-model.js';

const P = DEFAULT_PARTS;
const linkBytesPerSecond = P.lanes * P.laneRateBps / 8;

function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
    expect(actual, 'a number').not.toBeNull();
    expect(Math.abs(actual! / expected - 1), `${actual} vs ${expected}`).toBeLessThan(tolerance);
}

describe('item 8: OCS circuits count everywhere', () => {
    // 4 cubes of 2×2×2, x_ring joins each cube's +x face to the next cube's −x face: 4 cubes × 4 circuits.
    const model = ocsPodFabric({ cubes: 4, side: 2, ocs: 4 });
    const analysis = analyzeFabric(model, { skipFailureDomains: true });
    const circuits = model.ocsConfigurations.find(c => c.name === 'x_ring')!.circuits.length;

    it('totals count the circuits in place beside the static links', () => {
        expect(circuits).toBe(16);
        expect(analysis.totals.configuration).toBe('x_ring');
        expect(analysis.totals.staticLinks).toBe(model.links.length);
        expect(analysis.totals.circuits).toBe(circuits);
        expect(analysis.totals.links).toBe(model.links.length + circuits);
    });

    it('optics[] lists them and reliability counts their FIT: circuits × FIT × 24 / 10⁹ per day', () => {
        const json = analysisToJson(analysis) as { schema: string; optics: Array<{ optics: string; links: number; circuits: number }> };
        expect(json.schema).toBe('fabric-analysis/2');
        expect(json.optics.find(o => o.optics === 'fiber')).toMatchObject({ links: circuits, circuits });
        const share = analysis.reliability.byKind.find(k => k.kind === 'circuit')!;
        expect(share.parts).toBe(circuits);
        close(share.failuresPerDay, circuits * model.types.optics.fiber.fit * 24 / 1e9);
    });
});

describe('item 9: the best configuration per phase, and a switch that does not pay', () => {
    // x_ring and y_ring are the same ring of cubes turned by 90°: an all-to-all takes as long on
    // either, so switching to y_ring for it costs 10 ms of reconfiguration for nothing.
    const model = ocsPodFabric({
        cubes: 4, side: 2, ocs: 4, phases: [
            { name: 'ar', collective: 'all-reduce', bytes: 256 * MiB, configuration: 'x_ring' },
            { name: 'a2a', collective: 'all-to-all', bytes: MiB, configuration: 'y_ring' }
        ]
    });
    const analysis = analyzeFabric(model, { skipFailureDomains: true });
    const a2a = analysis.ocs.phases.find(p => p.phase === 'a2a')!;

    it('prices each phase on every configuration', () => {
        const x = a2a.configurations.find(c => c.configuration === 'x_ring')!.timeSeconds!;
        const y = a2a.configurations.find(c => c.configuration === 'y_ring')!.timeSeconds!;
        close(x, y, 1e-9);
        expect(a2a.bestConfiguration).toBe('y_ring'); // a tie keeps its own
    });

    it('warns that the phase would take less time on the circuits in place, switching included', () => {
        const warning = analysis.problems.find(p => p.code === 'ocs/worse-configuration' && p.element.path === 'train.a2a')!;
        expect(warning.severity).toBe('warning');
        expect(warning.message).toContain('switches the circuits from x_ring to y_ring (10 ms)');
    });
});

describe('item 10: idle and traffic power', () => {
    // The same pod with its spine on CPO (5.5 pJ/bit, 30 % following the traffic, lasers always on) or on
    // DSP pluggables (18 pJ/bit, 10 % following it). A hierarchical all-reduce moves little over the
    // spine, so per moved bit DSP looked cheaper; with the idle power of the links it crosses, it is not.
    const cpo = leafSpineFabric({ racks: 4, acceleratorsPerRack: 8, leavesPerRack: 2, spines: 4, cpoUplinks: true, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB, algorithm: 'hierarchical' }] });
    const dsp: FabricModel = {
        ...cpo, laserSources: [], failureDomains: [],
        types: { ...cpo.types, optics: { ...cpo.types.optics, cpo: { ...cpo.types.optics.cpo, kind: 'pluggable', energyPerBitJoules: 18e-12, externalLaser: false } } },
        links: cpo.links.map(l => { const { laserSourceId: _, ...rest } = l; return rest; }),
        groups: cpo.groups.map(g => ({ ...g, laserSourceIds: [] }))
    };
    const [a, b] = [cpo, dsp].map(m => analyzeFabric(m, { skipFailureDomains: true, ideal: true }).phases[0]);

    it('phase energy is traffic + fixed, and the DSP spine costs more', () => {
        for (const p of [a, b]) close(p.energyJoules, p.trafficEnergyJoules! + p.fixedEnergyJoules!);
        expect(b.energyJoules!).toBeGreaterThan(a.energyJoules!);
    });

    it('the fixed part is the idle power of everything the phase crosses, for its duration', () => {
        // Every link and switch is crossed: (1 − share) × energy × rate × 2 per link, switch power, lasers.
        const copperIdle = 0.5 * P.energyPerBitJoules * P.lanes * P.laneRateBps * 2;
        const cpoIdle = 0.7 * 5.5e-12 * P.lanes * P.laneRateBps * 2;
        const switches = 4 * 2 + 4;
        const watts = 4 * 8 * 2 * copperIdle + 4 * 2 * 4 * cpoIdle + switches * P.switchPowerWatts + 4 * 2 * 20;
        close(a.fixedEnergyJoules, watts * a.timeSeconds!, 1e-9);
    });
});

describe('item 11: per-bit figures that compare designs', () => {
    it('per accelerator bit: each bit crosses two links on a switch tier, so twice the per-link-bit figure', () => {
        const t = analyzeFabric(singleTierFabric({ accelerators: 16, switches: 4 }), { skipFailureDomains: true }).totals;
        // Full load: 16 ranks each deliver 4 links × B to the others under uniform traffic.
        close(t.picojoulesPerAcceleratorBit, t.networkPowerWatts / (8 * 16 * 4 * linkBytesPerSecond) * 1e12, 1e-9);
        close(t.picojoulesPerAcceleratorBit / t.picojoulesPerBit, 2, 1e-9);
    });

    it('fixed power goes to a phase only for the parts it uses: a phase over 4 of 16 ranks pays their links, not all', () => {
        const model = singleTierFabric({ accelerators: 16, switches: 4, phases: [{ name: 'few', collective: 'all-reduce', bytes: GiB, ranks: [0, 1, 2, 3] }] });
        const p = analyzeFabric(model, { skipFailureDomains: true, ideal: true }).phases[0];
        const linkIdle = 0.5 * P.energyPerBitJoules * P.lanes * P.laneRateBps * 2;
        // 4 ranks × 4 links, and the 4 switches they cross.
        close(p.fixedEnergyJoules, (4 * 4 * linkIdle + 4 * P.switchPowerWatts) * p.timeSeconds!, 1e-9);
        expect(p.energyAttribution).toBe('parts-used');
    });
});

describe('item 12: lasers at both ends, and their fan-out', () => {
    // Two racks of one leaf, two spines: 4 CPO uplinks of 2 lanes; each leaf's own source lights its ends.
    function pod(lasers: number, farEnd: boolean) {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 2, leavesPerRack: 1, spines: 2, cpoUplinks: true });
        const b = new FabricModelBuilder('x');
        const spineLaser = { id: model.laserSources.length, path: 'spine.els', type: 'els', groupId: model.groups.find(g => g.path === 'spine')!.id, source: b.src };
        return {
            ...model,
            types: { ...model.types, lasers: { els: { ...model.types.lasers.els, lasers, lanesPerLaser: 2 } } },
            laserSources: farEnd ? [...model.laserSources, spineLaser] : model.laserSources,
            links: model.links.map(l => (farEnd && l.laserSourceId !== undefined ? { ...l, laserSourceIdB: spineLaser.id } : l))
        };
    }

    it('a source feeding more lanes than lasers × lanes per laser is flagged', () => {
        // A leaf's source lights 2 uplinks × 2 lanes = 4 lanes: 2 lasers × 2 lanes each suffice.
        const ok = analyzeFabric(pod(2, false), { skipFailureDomains: true });
        expect(ok.problems.some(p => p.code === 'laser/fan-out-exceeded')).toBe(false);
        // The spine's source lights the far end of all 4 uplinks: 8 lanes against 2 × 2 = 4.
        const spine = analyzeFabric(pod(2, true), { skipFailureDomains: true });
        const flagged = spine.problems.filter(p => p.code === 'laser/fan-out-exceeded');
        expect(flagged.map(p => p.element.path)).toEqual(['spine.els']);
        expect(spine.laserSources.find(l => l.path === 'spine.els')).toMatchObject({ lanesFed: 8, lanesCapacity: 4 });
    });

    it('the far end\'s source counts in power and in the links it feeds', () => {
        const analysis = analyzeFabric(pod(8, true), { singleFailures: ['laser'], skipFailureDomains: true });
        expect(analysis.totals.breakdown.lasersWatts).toBe(3 * 20);
        const spineSource = analysis.laserSources.find(l => l.path === 'spine.els')!;
        expect(spineSource.linksFed).toBe(4);
    });
});

describe('item 13: non-network loads', () => {
    it('components add power to their groups and failure rates to the fabric', () => {
        const model = singleTierFabric({ accelerators: 8, switches: 2 });
        const rack = model.groups.find(g => g.path === 'rack')!;
        const b = new FabricModelBuilder('x');
        const withHosts: FabricModel = {
            ...model,
            types: { ...model.types, components: { cpu: { name: 'cpu', powerWatts: 300, fit: 750, repairSeconds: 4 * 3600, source: b.src } } },
            components: [0, 1, 2, 3].map(i => ({ id: i, path: `rack.cpu[${i}]`, type: 'cpu', groupId: rack.id, source: b.src })),
            groups: model.groups.map(g => (g.id === rack.id ? { ...g, componentIds: [0, 1, 2, 3] } : g))
        };
        const before = analyzeFabric(model, { skipFailureDomains: true });
        const after = analyzeFabric(withHosts, { skipFailureDomains: true });
        close(after.totals.powerWatts - before.totals.powerWatts, 4 * 300);
        expect(after.totals.networkPowerWatts).toBe(before.totals.networkPowerWatts);
        close(after.groups.find(g => g.path === 'rack')!.breakdown.componentsWatts, 4 * 300);
        close(after.reliability.failuresPerDay - before.reliability.failuresPerDay, 4 * 750 * 24 / 1e9);
    });

    it('16,384 GPUs on 2,048 hosts with their memory and hosts reach the Llama 3 hardware interruption rate', () => {
        // Meta Llama 3 report, 54 days: faulty GPU 148, HBM3 72, GPU SRAM / system processor / thermal 42,
        // NIC 7, host (maintenance, SSD, power supply, chassis, IO board, CPU, system memory) 46. With
        // FIT = count / (parts × 1,296 h) × 10⁹ the fabric expects Σ counts / 54 interruptions per day.
        const hours = 54 * 24, gpus = 16_384, hosts = 2_048;
        const fit = (count: number, parts: number) => count / (parts * hours) * 1e9;
        const b = new FabricModelBuilder('llama3');
        b.accelerators.gpu = { name: 'gpu', ports: 1, tdpWatts: 700, fit: fit(148 + 42, gpus), repairSeconds: 3600, source: b.src };
        const types = {
            hbm: { name: 'hbm', powerWatts: 0, fit: fit(72, gpus), repairSeconds: 3600, source: b.src },
            nic: { name: 'nic', powerWatts: 25, fit: fit(7, gpus), repairSeconds: 3600, source: b.src },
            host: { name: 'host', powerWatts: 1000, fit: fit(46, hosts), repairSeconds: 3600, source: b.src }
        };
        const components: Array<{ id: number; path: string; type: string; groupId: number; source: typeof b.src }> = [];
        for (let h = 0; h < hosts; h++) {
            const g = b.group(`host[${h}]`, 'tray');
            for (let i = 0; i < 8; i++) b.node(`gpu[${i}]`, 'accelerator', 'gpu', g, i);
            const add = (type: string, name: string) => components.push({ id: components.length, path: `host[${h}].${name}`, type, groupId: g, source: b.src });
            for (let i = 0; i < 8; i++) { add('hbm', `hbm[${i}]`); add('nic', `nic[${i}]`); }
            add('host', 'board');
        }
        const model = { ...b.build(), components };
        const withTypes = { ...model, types: { ...model.types, components: types } };
        const r = analyzeFabric(withTypes, { skipFailureDomains: true }).reliability;
        close(r.failuresPerDay, (148 + 42 + 72 + 7 + 46) / 54, 1e-9);
        close(r.byKind.find(k => k.kind === 'accelerator')!.failuresPerDay, (148 + 42) / 54, 1e-9);
    });
});
