/**
 * Generated fabrics of accelerators joined by direct links (no switch between them): fully
 * connected meshes, a DGX-1-style hybrid cube-mesh, rings that also reach a switch tier (Ring × Switch).
 */
import type { FabricModel, Protocol } from '../model/fabric-model.js';
import { addWorkload, DEFAULT_PARTS, setUpParts, standardPhases, type PartParameters, type PhaseSpec } from './fabric-generators.js';
import { FabricModelBuilder } from './model-builder.js';

export interface DirectOptions {
    readonly parts?: Partial<PartParameters>;
    readonly phases?: readonly PhaseSpec[];
    /** The link protocol (its framing sets the payload share of the wire rate outside the ideal mode). */
    readonly protocol?: Protocol;
}

function parts(b: FabricModelBuilder, options: DirectOptions): PartParameters {
    const p = { ...DEFAULT_PARTS, ...options.parts };
    setUpParts(b, p);
    if (options.protocol) b.optics.copper = { ...b.optics.copper, protocol: options.protocol };
    return p;
}

/** n accelerators, every pair joined by one direct link. */
export function fullyConnectedFabric(options: DirectOptions & { readonly accelerators: number }): FabricModel {
    const b = new FabricModelBuilder(`fully_connected_${options.accelerators}`);
    const p = parts(b, { ...options, parts: { acceleratorPorts: options.accelerators, ...options.parts } });
    const gpus = Array.from({ length: options.accelerators }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', 0, i));
    for (let i = 0; i < gpus.length; i++) for (let j = i + 1; j < gpus.length; j++) b.link(gpus[i], gpus[j], 'copper', { lengthMeters: p.lengthMeters });
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

/**
 * DGX-1 (V100) hybrid cube-mesh: two fully connected quads {0..3}, {4..7} and the cube edges i ↔ i+4;
 * each GPU has six NVLinks, so two of its four neighbours get two (NVIDIA DGX-1 white paper: "three
 * interwoven rings of single NVLink connections"). One lane of 25 GB/s per link here.
 */
export const DGX1_LINKS: ReadonlyArray<readonly [number, number, number]> = [
    [0, 1, 1], [0, 2, 1], [0, 3, 2], [1, 2, 2], [1, 3, 1], [2, 3, 1],
    [4, 5, 1], [4, 6, 1], [4, 7, 2], [5, 6, 2], [5, 7, 1], [6, 7, 1],
    [0, 4, 2], [1, 5, 2], [2, 6, 2], [3, 7, 2]
];

export function dgx1Fabric(options: DirectOptions = {}): FabricModel {
    const b = new FabricModelBuilder('dgx1');
    const p = parts(b, { ...options, parts: { lanes: 1, laneRateBps: 200e9, acceleratorPorts: 6, ...options.parts } });
    const gpus = Array.from({ length: 8 }, (_, i) => b.node(`gpu[${i}]`, 'accelerator', 'gpu', 0, i));
    for (const [x, y, count] of DGX1_LINKS) for (let c = 0; c < count; c++) b.link(gpus[x], gpus[y], 'copper', { lengthMeters: p.lengthMeters });
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}

/**
 * Ring × Switch: `groups` groups of k accelerators, each a ring of direct links, and k switches, the
 * j-th joining the j-th accelerator of every group (rails). Accelerators do not forward.
 */
export function ringSwitchFabric(options: DirectOptions & { readonly groups: number; readonly perGroup: number }): FabricModel {
    const b = new FabricModelBuilder(`ring_switch_${options.groups}x${options.perGroup}`);
    const p = parts(b, options);
    const k = options.perGroup;
    const rows = Array.from({ length: options.groups }, (_, g) => {
        const group = b.group(`g[${g}]`, 'group', 0);
        return Array.from({ length: k }, (_, i) => b.node(`a[${i}]`, 'accelerator', 'gpu', group, i));
    });
    const switches = Array.from({ length: k }, (_, j) => b.node(`s[${j}]`, 'switch', 'sw', 0, j));
    for (const row of rows) row.forEach((a, i) => b.link(a, row[(i + 1) % k], 'copper', { lengthMeters: p.lengthMeters }));
    for (const row of rows) row.forEach((a, j) => b.link(a, switches[j], 'copper', { lengthMeters: p.lengthMeters }));
    addWorkload(b, options.phases ?? standardPhases());
    return b.build();
}
