/**
 * What real collectives pay beyond the wire: a launch and synchronisation cost per collective, a
 * synchronisation cost per algorithm step, and a protocol efficiency (the share of the links' payload
 * bandwidth the collective library achieves); and the link protocol's own framing (link-defaults.ts).
 *
 * Defaults are NCCL's own tuning model (NVIDIA/nccl, src/graph/tuning.cc and tuning.h): a collective
 * costs baseLat + steps × hwLat + bytes / (bandwidth × protocol efficiency), for each of its three
 * protocols, and NCCL runs the cheapest. Ring figures over NVLink:
 *
 * | protocol | launch (baseLat) | per step (hwLat, NVLink) | efficiency |
 * |---|---|---|---|
 * | LL     | 3.6 µs  | 0.47 µs | 0.5: 8-byte lines of 4 data + 4 flag bytes |
 * | LL128  | 10 µs   | 1.9 µs  | 120/128: 128-byte lines carrying 8 flag bytes |
 * | Simple | 8.4 µs  | 3.4 µs  | 1 |
 *
 * A fabric may declare its own (`collectives { launch 8 us step 2 us efficiency 0.9 }`): one protocol
 * with those figures replaces the table (an undeclared figure takes the Simple protocol's).
 * In the ideal mode (`AnalysisOptions.ideal`) nothing of this is charged, links run at their wire
 * rate, accelerators reduce for free and stages do not overlap: the α-β closed forms of the README.
 */
import type { FabricModel } from '../model/fabric-model.js';

export interface CollectiveProtocol {
    readonly name: 'LL' | 'LL128' | 'Simple' | 'declared' | 'ideal';
    readonly launchSeconds: number;
    readonly stepSeconds: number;
    readonly efficiency: number;
}

export const NCCL_PROTOCOLS: readonly CollectiveProtocol[] = [
    { name: 'LL', launchSeconds: 3.6e-6, stepSeconds: 0.47e-6, efficiency: 0.5 },
    { name: 'LL128', launchSeconds: 10e-6, stepSeconds: 1.9e-6, efficiency: 120 / 128 },
    { name: 'Simple', launchSeconds: 8.4e-6, stepSeconds: 3.4e-6, efficiency: 1 }
];

const IDEAL: CollectiveProtocol = { name: 'ideal', launchSeconds: 0, stepSeconds: 0, efficiency: 1 };

/** How collectives are priced in one analysis. */
export interface PricingModel {
    readonly ideal: boolean;
    /** The protocols tried; the cheapest runs. */
    readonly protocols: readonly CollectiveProtocol[];
}

function usable(value: number | undefined, positive = false): value is number {
    return value !== undefined && Number.isFinite(value) && (positive ? value > 0 : value >= 0);
}

export function pricingModel(model: FabricModel, ideal: boolean): PricingModel {
    if (ideal) return { ideal, protocols: [IDEAL] };
    const declared = model.collectives;
    if (declared && (declared.launchSeconds !== undefined || declared.stepSeconds !== undefined || declared.efficiency !== undefined)) {
        const simple = NCCL_PROTOCOLS[2];
        return {
            ideal, protocols: [{
                name: 'declared',
                launchSeconds: usable(declared.launchSeconds) ? declared.launchSeconds : simple.launchSeconds,
                stepSeconds: usable(declared.stepSeconds) ? declared.stepSeconds : simple.stepSeconds,
                efficiency: usable(declared.efficiency, true) && declared.efficiency <= 1 ? declared.efficiency : simple.efficiency
            }]
        };
    }
    return { ideal, protocols: NCCL_PROTOCOLS };
}
