/**
 * Generated fabrics for tests and benchmarks: single switch tier, rings, tori, leaf/spine pods with
 * oversubscription, an OCS pod with circuit configurations, and an 8,192-accelerator fabric. Part
 * parameters are explicit so a test can derive α and B from them independently of the simulator.
 */
import type { CollectiveKind, AlgorithmName, FabricModel } from '../model/fabric-model.js';
import { FabricModelBuilder } from './model-builder.js';

export interface PartParameters {
    readonly laneRateBps: number;
    readonly lanes: number;
    /** SerDes/FEC latency of one link traversal. */
    readonly linkLatencySeconds: number;
    readonly propagationSecondsPerMeter: number;
    readonly lengthMeters: number;
    readonly energyPerBitJoules: number;
    readonly wattsPerEnd: number;
    readonly switchLatencySeconds: number;
    readonly switchPowerWatts: number;
    readonly switchRadix: number;
    readonly inNetworkReduction: boolean;
    readonly tdpWatts: number;
    readonly acceleratorPorts: number;
    /** Accelerators route traffic between their ports (tori, rings, OCS pods: an ICI-style router). */
    readonly acceleratorForwards: boolean;
    readonly acceleratorFit: number;
    readonly switchFit: number;
    readonly linkFit: number;
    readonly acceleratorRepairSeconds: number;
    readonly switchRepairSeconds: number;
    readonly linkRepairSeconds: number;
}

export const DEFAULT_PARTS: PartParameters = {
    laneRateBps: 200e9,
    lanes: 2,
    linkLatencySeconds: 20e-9,
    propagationSecondsPerMeter: 4.5e-9,
    lengthMeters: 1.2,
    energyPerBitJoules: 1.3e-12,
    wattsPerEnd: 0,
    switchLatencySeconds: 200e-9,
    switchPowerWatts: 100,
    switchRadix: 144,
    inNetworkReduction: false,
    tdpWatts: 1000,
    acceleratorPorts: 18,
    acceleratorForwards: false,
    acceleratorFit: 100,
    switchFit: 50,
    linkFit: 5,
    acceleratorRepairSeconds: 4 * 3600,
    switchRepairSeconds: 2 * 3600,
    linkRepairSeconds: 600
};

export interface PhaseSpec {
    readonly name: string;
    readonly collective: CollectiveKind;
    readonly bytes: number;
    /** Accelerator ordinals (0 = first accelerator created); default all, in order. */
    readonly ranks?: readonly number[];
    readonly peers?: readonly number[];
    readonly root?: number;
    readonly algorithm?: AlgorithmName;
    readonly configuration?: string;
}

export const GiB = 2 ** 30;
export const MiB = 2 ** 20;

/** The phases most tests use: one of each collective over every accelerator. */
export function standardPhases(bytes = GiB): PhaseSpec[] {
    return [
        { name: 'grads', collective: 'all-reduce', bytes },
        { name: 'experts', collective: 'all-to-all', bytes: bytes / 8 }
    ];
}

export function setUpParts(b: FabricModelBuilder, p: PartParameters): void {
    const source = b.src;
    b.accelerators.gpu = {
        name: 'gpu', ports: p.acceleratorPorts, portRateBps: p.laneRateBps * p.lanes, tdpWatts: p.tdpWatts,
        fit: p.acceleratorFit, repairSeconds: p.acceleratorRepairSeconds, forwards: p.acceleratorForwards, source
    };
    b.switches.sw = {
        name: 'sw', radix: p.switchRadix, portRateBps: p.laneRateBps * p.lanes, latencySeconds: p.switchLatencySeconds,
        powerWatts: p.switchPowerWatts, inNetworkReduction: p.inNetworkReduction, fit: p.switchFit, repairSeconds: p.switchRepairSeconds, source
    };
    b.optics.copper = {
        name: 'copper', kind: 'dac', lanes: p.lanes, laneRateBps: p.laneRateBps, energyPerBitJoules: p.energyPerBitJoules,
        wattsPerEnd: p.wattsPerEnd, reachMeters: 2, latencySeconds: p.linkLatencySeconds, propagationSecondsPerMeter: p.propagationSecondsPerMeter,
        fit: p.linkFit, repairSeconds: p.linkRepairSeconds, externalLaser: false, source
    };
    b.optics.cpo = {
        name: 'cpo', kind: 'cpo', lanes: p.lanes, laneRateBps: p.laneRateBps, energyPerBitJoules: 5.5e-12,
        wattsPerEnd: 0, reachMeters: 100, latencySeconds: 10e-9, propagationSecondsPerMeter: 4.9e-9,
        fit: 20, repairSeconds: 4 * 3600, externalLaser: true, source
    };
    b.optics.fiber = {
        name: 'fiber', kind: 'ocs-circuit', lanes: 4, laneRateBps: 100e9, energyPerBitJoules: 3e-12,
        wattsPerEnd: 1, reachMeters: 500, latencySeconds: 30e-9, propagationSecondsPerMeter: 4.9e-9,
        fit: 10, repairSeconds: 900, externalLaser: false, source
    };
    b.lasers.els = { name: 'els', lasers: 8, spares: 1, powerWatts: 20, fit: 50, repairSeconds: 600, source };
    b.ocsTypes.palomar = {
        name: 'palomar', ports: 136, reconfigurationSeconds: 0.01, insertionLossDb: 2, powerWatts: 100,
        latencySeconds: 5e-9, fit: 100, repairSeconds: 4 * 3600, source
    };
}

export function addWorkload(b: FabricModelBuilder, phases: readonly PhaseSpec[]): void {
    if (phases.length === 0) return;
    const accel = b.acceleratorIds();
    const map = (ordinals: readonly number[] | undefined) => ordinals?.map(i => accel[i]);
    b.workload('train', phases.map(ph => ({
        name: ph.name, collective: ph.collective, bytes: ph.bytes, participants: map(ph.ranks) ?? accel,
        ...(ph.peers ? { peers: map(ph.peers)! } : {}),
        ...(ph.root !== undefined ? { root: accel[ph.root] } : {}),
        ...(ph.algorithm ? { algorithm: ph.algorithm } : {}),
        ...(ph.configuration ? { configuration: ph.configuration } : {})
    })));
}

export interface SingleTierOptions {
    readonly accelerators: number;
    readonly switches: number;
    readonly parts?: Partial<PartParameters>;
    readonly phases?: readonly PhaseSpec[];
    readonly name?: string;
}

/** n accelerators, each linked to every one of k switches (an NVL72-style rack). */
export function singleTierFabric(options: SingleTierOptions): FabricModel {
    const p = { ...DEFAULT_PARTS, ...options.parts };
    const b = new FabricModelBuilder(options.name ?? `single_tier_${options.accelerators}x${options.switches}`);
    setUpParts(b, p);
    const rack = b.group('rack', 'rack', 0, 150e3);
    const gpus = Array.from({ length: options.accelerators }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', rack, i));
    const sws = Array.from({ length: options.switches }, (_, j) => b.node(`sw[${j}]`, 'switch', 'sw', rack, j));
    for (const g of gpus) for (const s of sws) b.link(g, s, 'copper', { lengthMeters: p.lengthMeters, layer: 'scale_up' });
    sws.forEach((s, j) => b.failureDomain(`switch[${j}]`, { nodeIds: [s] }));
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

export interface RingOptions {
    readonly accelerators: number;
    readonly parts?: Partial<PartParameters>;
    readonly phases?: readonly PhaseSpec[];
}

/** Accelerators in a ring of direct links; they route (forward) unless the parts say otherwise. */
export function ringFabric(options: RingOptions): FabricModel {
    const p = { ...DEFAULT_PARTS, acceleratorForwards: true, ...options.parts };
    const b = new FabricModelBuilder(`ring_${options.accelerators}`);
    setUpParts(b, p);
    const gpus = Array.from({ length: options.accelerators }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', 0, i));
    gpus.forEach((g, i) => b.link(g, gpus[(i + 1) % gpus.length], 'copper', { lengthMeters: p.lengthMeters }));
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

export interface TorusOptions {
    readonly dims: readonly number[];
    readonly parts?: Partial<PartParameters>;
    readonly phases?: readonly PhaseSpec[];
}

/**
 * A k-ary n-dimensional torus of accelerators with direct links, wrapping in every dimension; each
 * link carries its dimension (`axis`). The accelerators route unless the parts say otherwise.
 */
export function torusFabric(options: TorusOptions): FabricModel {
    const p = { ...DEFAULT_PARTS, acceleratorForwards: true, ...options.parts };
    const dims = options.dims;
    const b = new FabricModelBuilder(`torus_${dims.join('x')}`);
    setUpParts(b, p);
    const total = dims.reduce((x, y) => x * y, 1);
    const ids = Array.from({ length: total }, (_, i) => b.node(`chip[${i}]`, 'accelerator', 'gpu', 0, i));
    const stride = dims.map((_, d) => dims.slice(0, d).reduce((x, y) => x * y, 1));
    for (let i = 0; i < total; i++) {
        dims.forEach((k, d) => {
            if (k < 2) return;
            const coord = Math.floor(i / stride[d]) % k;
            const j = i + (((coord + 1) % k) - coord) * stride[d];
            if (k === 2 && coord === 1) return; // one link per pair in a dimension of two
            b.link(ids[i], ids[j], 'copper', { lengthMeters: p.lengthMeters, axis: d });
        });
    }
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

export interface LeafSpineOptions {
    readonly racks: number;
    readonly acceleratorsPerRack: number;
    readonly leavesPerRack: number;
    readonly spines: number;
    /** 1: every leaf reaches every spine; = leavesPerRack: leaf j reaches only spine plane j. */
    readonly planes?: number;
    /** Lanes of each leaf–spine link: fewer than the leaf's down bandwidth oversubscribes. */
    readonly uplinkLanes?: number;
    /** Uplinks over CPO fed by one external laser source per leaf. */
    readonly cpoUplinks?: boolean;
    readonly uplinkLengthMeters?: number;
    readonly parts?: Partial<PartParameters>;
    readonly phases?: readonly PhaseSpec[];
    readonly name?: string;
}

/** Racks of accelerators each linked to every leaf of their rack; leaves linked to spines. */
export function leafSpineFabric(options: LeafSpineOptions): FabricModel {
    const p = { ...DEFAULT_PARTS, ...options.parts };
    const planes = options.planes ?? 1;
    const b = new FabricModelBuilder(options.name ?? `leaf_spine_${options.racks}x${options.acceleratorsPerRack}`);
    setUpParts(b, p);
    const racks: Array<{ gpus: number[]; leaves: number[]; group: number }> = [];
    for (let r = 0; r < options.racks; r++) {
        const group = b.group(`rack[${r}]`, 'rack', 0, 150e3);
        const gpus = Array.from({ length: options.acceleratorsPerRack }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', group, i));
        const leaves = Array.from({ length: options.leavesPerRack }, (_, j) => b.node(`sw[${j}]`, 'switch', 'sw', group, j));
        for (const g of gpus) for (const l of leaves) b.link(g, l, 'copper', { lengthMeters: p.lengthMeters, layer: 'scale_up' });
        racks.push({ gpus, leaves, group });
    }
    const spineGroup = b.group('spine', 'layer', 0);
    const spines = Array.from({ length: options.spines }, (_, s) => b.node(`sw[${s}]`, 'switch', 'sw', spineGroup, s));
    const perPlane = options.spines / planes;
    const optics = options.cpoUplinks ? 'cpo' : 'copper';
    racks.forEach((rack, r) => {
        rack.leaves.forEach((leaf, j) => {
            const laser = options.cpoUplinks ? b.laserSource(`els[${r}][${j}]`, 'els', rack.group) : undefined;
            const plane = j % planes;
            for (let s = plane * perPlane; s < (plane + 1) * perPlane; s++) {
                b.link(leaf, spines[s], optics, {
                    lanes: options.uplinkLanes ?? p.lanes, lengthMeters: options.uplinkLengthMeters ?? 20, layer: 'spine', laserSourceId: laser
                });
            }
        });
        b.failureDomain(`rack_power[${r}]`, { nodeIds: [...rack.gpus, ...rack.leaves] });
    });
    if (options.cpoUplinks) b.laserSourceDomains();
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

export interface OcsPodOptions {
    readonly cubes: number;
    /** Chips per cube edge: a cube holds side³ chips in a mesh. */
    readonly side: number;
    readonly ocs: number;
    readonly phases?: readonly PhaseSpec[];
}

/**
 * A TPU-style pod: cubes of side³ chips in an internal mesh, and an OCS layer with two circuit
 * configurations: `x_ring` joins each cube's +x face to the next cube's −x face, `y_ring` does the
 * same over the y faces. Chip (x, y, z) of a face goes through OCS number (y·side + z) mod ocs.
 */
export function ocsPodFabric(options: OcsPodOptions): FabricModel {
    const { cubes, side } = options;
    const b = new FabricModelBuilder(`ocs_pod_${cubes}x${side ** 3}`);
    setUpParts(b, { ...DEFAULT_PARTS, acceleratorForwards: true });
    const pod = b.group('pod', 'pod', 0);
    const chip: number[][] = [];
    const at = (x: number, y: number, z: number) => x + side * (y + side * z);
    for (let c = 0; c < cubes; c++) {
        const g = b.group(`cube[${c}]`, 'group', pod);
        chip.push(Array.from({ length: side ** 3 }, (_, i) => b.node(`chip[${i}]`, 'accelerator', 'gpu', g, i)));
        for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) for (let z = 0; z < side; z++) {
            if (x + 1 < side) b.link(chip[c][at(x, y, z)], chip[c][at(x + 1, y, z)], 'copper', { lengthMeters: 0.5, axis: 0 });
            if (y + 1 < side) b.link(chip[c][at(x, y, z)], chip[c][at(x, y + 1, z)], 'copper', { lengthMeters: 0.5, axis: 1 });
            if (z + 1 < side) b.link(chip[c][at(x, y, z)], chip[c][at(x, y, z + 1)], 'copper', { lengthMeters: 0.5, axis: 2 });
        }
        b.failureDomain(`cube_power[${c}]`, { nodeIds: chip[c] });
    }
    const layer = b.group('optical', 'layer', 0);
    const ocs = Array.from({ length: options.ocs }, (_, k) => b.node(`ocs[${k}]`, 'ocs', 'palomar', layer, k));
    ocs.forEach((o, k) => b.failureDomain(`ocs_unit[${k}]`, { nodeIds: [o] }));
    const ring = (axis: number, face: (u: number, v: number, last: boolean) => number) => {
        const circuits = [];
        for (let c = 0; c < cubes; c++) {
            const next = (c + 1) % cubes;
            for (let u = 0; u < side; u++) for (let v = 0; v < side; v++) {
                circuits.push({ ...b.circuit(chip[c][face(u, v, true)], chip[next][face(u, v, false)], ocs[(u * side + v) % ocs.length], 'fiber'), axis });
            }
        }
        return circuits;
    };
    b.configuration('x_ring', ring(0, (u, v, last) => at(last ? side - 1 : 0, u, v)), 'optical');
    b.configuration('y_ring', ring(1, (u, v, last) => at(u, last ? side - 1 : 0, v)), 'optical');
    addWorkload(b, options.phases ?? [
        { name: 'grads', collective: 'all-reduce', bytes: 2 * GiB, configuration: 'x_ring' },
        { name: 'experts', collective: 'all-to-all', bytes: 128 * MiB, configuration: 'y_ring' }
    ]);
    return b.build();
}

/** A 576-accelerator pod shaped like the example: 8 racks × 72, 18 leaf chips per rack, 72 spine chips over CPO. */
export function pod576Fabric(phases?: readonly PhaseSpec[]): FabricModel {
    return leafSpineFabric({
        name: 'pod576', racks: 8, acceleratorsPerRack: 72, leavesPerRack: 18, spines: 72, cpoUplinks: true,
        parts: { switchRadix: 144 }, ...(phases ? { phases } : {})
    });
}

/**
 * 8,192 accelerators: 128 racks × 64, eight 128-port leaves per rack (64 down, 64 up), and eight
 * spine planes of 64 spines: leaf j of every rack reaches every spine of plane j.
 */
export function fabric8192(phases?: readonly PhaseSpec[]): FabricModel {
    return scaledFabric(128, phases);
}

/** The 8,192 family at another size: `racks` × 64 accelerators, the same shape. */
export function scaledFabric(racks: number, phases?: readonly PhaseSpec[]): FabricModel {
    // Full bisection at every size: fewer spines per plane get proportionally wider links.
    const perPlane = Math.max(1, racks / 2);
    return leafSpineFabric({
        name: `fabric${racks * 64}`, racks, acceleratorsPerRack: 64, leavesPerRack: 8, spines: 8 * perPlane, planes: 8,
        uplinkLanes: DEFAULT_PARTS.lanes * 64 / perPlane, parts: { switchRadix: 128, acceleratorPorts: 8 }, ...(phases ? { phases } : {})
    });
}
