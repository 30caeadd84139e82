import { OPTICS_KINDS, PROTOCOLS, type Dimension, type OpticsKind } from '@fabric/simulator';
import { isCollectiveSettings, type PartKind, type Property } from '../generated/ast.js';

/** What a property's value must be. */
export type PropertySpec =
    | { readonly value: 'quantity'; readonly dimensions: readonly Dimension[]; readonly doc: string; readonly required?: boolean; readonly fraction?: boolean }
    | { readonly value: 'word'; readonly words: readonly string[]; readonly doc: string; readonly required?: boolean }
    | { readonly value: 'lanes'; readonly doc: string; readonly required?: boolean };

const count = (doc: string, required = false): PropertySpec => ({ value: 'quantity', dimensions: ['count'], doc, required });
const quantity = (dimensions: Dimension[], doc: string, required = false): PropertySpec => ({ value: 'quantity', dimensions, doc, required });
const word = (words: readonly string[], doc: string, required = false): PropertySpec => ({ value: 'word', words, doc, required });
/** A plain number in (0, 1] (0 allowed for a share). */
const fraction = (doc: string): PropertySpec => ({ value: 'quantity', dimensions: ['count'], doc, fraction: true });

const FIT = quantity(['failureRate', 'count'], 'failures per 10^9 device-hours (FIT)');
const REPAIR = quantity(['time'], 'time to repair or replace');
const RATE = quantity(['bitRate', 'byteRate'], 'per-direction rate of one port (mark `bidirectional` if it counts both directions)');

/** The properties each part kind accepts: the one schema for elaboration, validation and completion. */
export const PART_PROPERTIES: Readonly<Record<PartKind, Readonly<Record<string, PropertySpec>>>> = {
    accelerator: {
        ports: count('fabric ports on the accelerator', true),
        'port-rate': RATE,
        tdp: quantity(['power'], 'thermal design power'),
        protocol: word(PROTOCOLS, 'scale-up protocol of its ports'),
        forwarding: word(['yes', 'no'], 'whether it routes traffic between its ports, an ICI-style router (default no: an endpoint only)'),
        'reduction-rate': quantity(['byteRate', 'bitRate'], 'rate at which it reduces received data into its buffer (default: free)'),
        fit: FIT,
        repair: REPAIR
    },
    switch: {
        radix: count('ports on the switch', true),
        'port-rate': RATE,
        latency: quantity(['time'], 'port-to-port latency of one traversal'),
        power: quantity(['power'], 'switch power'),
        reduction: word(['in-network', 'none'], 'whether the switch reduces in the network (NVLS/SHARP-style)'),
        protocol: word(PROTOCOLS, 'protocol the switch speaks'),
        fit: FIT,
        repair: REPAIR
    },
    ocs: {
        ports: count('ports on the optical circuit switch', true),
        reconfiguration: quantity(['time'], 'time to set up a new circuit configuration', true),
        loss: quantity(['loss'], 'insertion loss'),
        power: quantity(['power'], 'switch power'),
        latency: quantity(['time'], 'latency of passing through the switch'),
        fit: FIT,
        repair: REPAIR
    },
    link: {
        kind: word(OPTICS_KINDS, 'optics or cable kind', true),
        lanes: { value: 'lanes', doc: 'lanes × per-lane rate, e.g. `2 x 200 Gbps per-direction`', required: true },
        energy: quantity(['energyPerBit'], 'energy per bit moved, each direction'),
        'power-per-end': quantity(['power'], 'fixed watts at each end (DSP, retimer, laser)'),
        reach: quantity(['length'], 'longest supported cable or fibre', true),
        latency: quantity(['time'], 'added latency per traversal: SerDes, DSP, FEC, conversion'),
        medium: word(['copper', 'fiber'], 'propagation medium (default: copper for dac/aec, fiber otherwise)'),
        protocol: word(PROTOCOLS, 'link protocol'),
        laser: word(['external', 'none'], 'whether the optics need an external laser source'),
        efficiency: fraction('payload share of the wire rate after protocol framing (default by protocol)'),
        'traffic-share': fraction('share of the full-load energy per bit that scales with traffic; the rest is drawn while the link is up (default by kind)'),
        fit: FIT,
        repair: REPAIR
    },
    laser: {
        lasers: count('working lasers the source provides', true),
        spares: count('spare lasers (N+1 is `spares 1`)'),
        power: quantity(['power'], 'laser source power'),
        'lanes-per-laser': count('optical lanes one laser feeds (its fan-out); the source feeds at most lasers × this'),
        fit: FIT,
        repair: REPAIR
    },
    component: {
        power: quantity(['power'], 'power it draws (a CPU, NIC/DPU, board, fans, power conversion loss)', true),
        fit: FIT,
        repair: REPAIR
    }
};

/** The properties a fabric's `collectives { … }` block accepts. */
export const COLLECTIVE_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
    launch: quantity(['time'], 'launch and synchronisation cost of one collective'),
    'per-step': quantity(['time'], 'synchronisation cost of each algorithm step, beyond the path latency'),
    efficiency: fraction('share of the links\' payload bandwidth the collective library achieves')
};

/** Propagation delay per metre: ≈4.9 ns/m in fibre (physics), ≈4.5 ns/m in twinax copper (4–5 ns/m for copper cables). */
export const PROPAGATION_SECONDS_PER_METER = { fiber: 4.9e-9, copper: 4.5e-9 } as const;

/**
 * Repair time when a part declares none, by packaging (a pluggable or an external laser
 * is swapped in minutes; a CPO engine may take a switch tray with it).
 */
export const DEFAULT_REPAIR_SECONDS: Readonly<Record<OpticsKind | 'accelerator' | 'switch' | 'ocs' | 'laser' | 'component', number>> = {
    dac: 30 * 60,
    aec: 30 * 60,
    pluggable: 15 * 60,
    lpo: 15 * 60,
    vcsel: 15 * 60,
    'ocs-circuit': 15 * 60,
    npo: 2 * 3600,
    cpo: 4 * 3600,
    accelerator: 4 * 3600,
    switch: 2 * 3600,
    ocs: 2 * 3600,
    laser: 10 * 60,
    component: 4 * 3600
};

export function defaultMedium(kind: OpticsKind): 'copper' | 'fiber' {
    return kind === 'dac' || kind === 'aec' ? 'copper' : 'fiber';
}

/** The spec of a written property, in a part type or a fabric's `collectives` block. */
export function propertySpec(property: Property): PropertySpec | undefined {
    const container = property.$container;
    if (!container) return undefined;
    if (isCollectiveSettings(container)) return COLLECTIVE_PROPERTIES[property.name];
    return PART_PROPERTIES[container.kind]?.[property.name];
}
