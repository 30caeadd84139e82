/**
 * The figures of each part kind: which model field holds it, the property that declares it, its
 * dimension, and which of the analysis' numbers it feeds. The language records a figure's
 * provenance under these fields; every view that marks a number "resting on an assumption" asks
 * this table which figures the number is made of.
 */
import type { Dimension } from '../units.js';

/** What the analysis computes from a figure. */
export type FigureAspect =
    /** Accelerator (and other non-network) power. */
    | 'part-power'
    /** Switches, OCS, links and laser sources: power, pJ/bit, phase energy. */
    | 'network-power'
    /** Link rates: bisection, phase times, link power (energy × rate). */
    | 'bandwidth'
    /** Path latency: SerDes/DSP/FEC, propagation, switch traversal. */
    | 'latency'
    /** OCS switching time charged between phases. */
    | 'reconfiguration'
    /** Failure rates, repair times, spares. */
    | 'reliability'
    /** Limits the checks compare against (ports, radix, reach, loss). */
    | 'capacity';

export type FigurePartKind = 'accelerator' | 'switch' | 'ocs' | 'link' | 'laser' | 'component';

export interface FigureField {
    /** The model field (`tdpWatts`). */
    readonly field: string;
    /** The property that declares it (`tdp`). */
    readonly property: string;
    readonly dimension: Dimension;
    readonly aspects: readonly FigureAspect[];
    /** Absent means "no figure" (an unconstrained port rate), not a default value. */
    readonly optional?: boolean;
}

const FIT: FigureField = { field: 'fit', property: 'fit', dimension: 'failureRate', aspects: ['reliability'] };
const REPAIR: FigureField = { field: 'repairSeconds', property: 'repair', dimension: 'time', aspects: ['reliability'] };
const PORT_RATE: FigureField = { field: 'portRateBps', property: 'port-rate', dimension: 'bitRate', aspects: ['capacity'], optional: true };

export const FIGURE_FIELDS: Readonly<Record<FigurePartKind, readonly FigureField[]>> = {
    accelerator: [
        { field: 'ports', property: 'ports', dimension: 'count', aspects: ['capacity'] },
        PORT_RATE,
        { field: 'tdpWatts', property: 'tdp', dimension: 'power', aspects: ['part-power'] },
        { field: 'reductionRateBps', property: 'reduction-rate', dimension: 'bitRate', aspects: ['bandwidth'], optional: true },
        FIT, REPAIR
    ],
    switch: [
        { field: 'radix', property: 'radix', dimension: 'count', aspects: ['capacity'] },
        PORT_RATE,
        { field: 'latencySeconds', property: 'latency', dimension: 'time', aspects: ['latency'] },
        { field: 'powerWatts', property: 'power', dimension: 'power', aspects: ['network-power'] },
        FIT, REPAIR
    ],
    ocs: [
        { field: 'ports', property: 'ports', dimension: 'count', aspects: ['capacity'] },
        { field: 'reconfigurationSeconds', property: 'reconfiguration', dimension: 'time', aspects: ['reconfiguration'] },
        { field: 'insertionLossDb', property: 'loss', dimension: 'loss', aspects: ['capacity'] },
        { field: 'powerWatts', property: 'power', dimension: 'power', aspects: ['network-power'] },
        { field: 'latencySeconds', property: 'latency', dimension: 'time', aspects: ['latency'] },
        FIT, REPAIR
    ],
    link: [
        // `lanes 2 x 200 Gbps`: one figure (the lane count and rate share their source), shown by its rate
        { field: 'laneRateBps', property: 'lanes', dimension: 'bitRate', aspects: ['bandwidth', 'network-power'] },
        { field: 'energyPerBitJoules', property: 'energy', dimension: 'energyPerBit', aspects: ['network-power'] },
        { field: 'wattsPerEnd', property: 'power-per-end', dimension: 'power', aspects: ['network-power'] },
        { field: 'reachMeters', property: 'reach', dimension: 'length', aspects: ['capacity'] },
        { field: 'latencySeconds', property: 'latency', dimension: 'time', aspects: ['latency'] },
        { field: 'propagationSecondsPerMeter', property: 'medium', dimension: 'time', aspects: ['latency'] },
        { field: 'efficiency', property: 'efficiency', dimension: 'count', aspects: ['bandwidth'], optional: true },
        { field: 'trafficShare', property: 'traffic-share', dimension: 'count', aspects: ['network-power'], optional: true },
        FIT, REPAIR
    ],
    laser: [
        { field: 'lasers', property: 'lasers', dimension: 'count', aspects: ['reliability'] },
        { field: 'spares', property: 'spares', dimension: 'count', aspects: ['reliability'] },
        { field: 'powerWatts', property: 'power', dimension: 'power', aspects: ['network-power'] },
        { field: 'lanesPerLaser', property: 'lanes-per-laser', dimension: 'count', aspects: ['capacity'], optional: true },
        FIT, REPAIR
    ],
    component: [
        { field: 'powerWatts', property: 'power', dimension: 'power', aspects: ['part-power'] },
        FIT, REPAIR
    ]
};

/**
 * The analysis' headline numbers and the aspects each is computed from. A number rests on an
 * assumption when a figure it is made of does.
 */
export const HEADLINE_ASPECTS = {
    'totals.powerWatts': ['part-power', 'network-power'],
    'totals.networkPowerWatts': ['network-power'],
    'totals.picojoulesPerBit': ['network-power'],
    'totals.bisectionBytesPerSecond': ['bandwidth'],
    'totals.latency': ['latency'],
    'phases.timeSeconds': ['bandwidth', 'latency'],
    'phases.energyJoules': ['network-power', 'bandwidth', 'latency'],
    'ocs.iterationSeconds': ['bandwidth', 'latency', 'reconfiguration'],
    'reliability.failuresPerDay': ['reliability'],
    'failureDomains.blastRadius': ['bandwidth', 'latency']
} as const satisfies Readonly<Record<string, readonly FigureAspect[]>>;

export type HeadlineKey = keyof typeof HEADLINE_ASPECTS;
export const HEADLINE_KEYS = Object.keys(HEADLINE_ASPECTS) as HeadlineKey[];
