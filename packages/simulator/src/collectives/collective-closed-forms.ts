/**
 * The α-β closed forms (README, "What the simulator computes") for symmetric fabrics: n ranks, S bytes, per-rank one-direction
 * bandwidth B (bytes/s), per-step latency α (s). The routed model reproduces them on symmetric
 * fabrics; on others it governs. Also the nccl-tests bus-bandwidth factors.
 */
import type { CollectiveKind } from '../model/fabric-model.js';

export function ringAllReduceSeconds(n: number, bytes: number, bandwidth: number, alpha: number): number {
    return 2 * (n - 1) * alpha + 2 * (n - 1) / n * bytes / bandwidth;
}

/** Ring reduce-scatter or all-gather. */
export function ringReduceScatterSeconds(n: number, bytes: number, bandwidth: number, alpha: number): number {
    return (n - 1) * alpha + (n - 1) / n * bytes / bandwidth;
}

export function halvingDoublingAllReduceSeconds(n: number, bytes: number, bandwidth: number, alpha: number): number {
    return 2 * Math.log2(n) * alpha + 2 * (n - 1) / n * bytes / bandwidth;
}

/** Direct all-to-all with a per-rank send buffer of `bytes`. */
export function directAllToAllSeconds(n: number, bytes: number, bandwidth: number, alpha: number): number {
    return alpha + (n - 1) / n * bytes / bandwidth;
}

/** Direct all-to-all bounded by a narrower upper tier: g ranks per domain, per-rank uplink B_up. */
export function uplinkBoundAllToAllSeconds(n: number, g: number, bytes: number, uplinkBandwidth: number): number {
    return (n - g) / n * bytes / uplinkBandwidth;
}

export interface HierarchyLevel {
    readonly ranks: number;
    readonly bandwidth: number;
    readonly alpha: number;
}

/** Hierarchical all-reduce: Σ_d 2(n_d−1)[α_d + S_d/(n_d·B_d)], S₁ = S, S_{d+1} = S_d/n_d. */
export function hierarchicalAllReduceSeconds(bytes: number, levels: readonly HierarchyLevel[]): number {
    let size = bytes;
    let total = 0;
    for (const level of levels) {
        total += 2 * (level.ranks - 1) * (level.alpha + size / (level.ranks * level.bandwidth));
        size /= level.ranks;
    }
    return total;
}

/** In-switch reduction: about S/B into the switch plus one switch round trip. */
export function inNetworkAllReduceSeconds(bytes: number, bandwidth: number, roundTripSeconds: number): number {
    return bytes / bandwidth + roundTripSeconds;
}

/** busbw = algbw × this factor (nccl-tests convention). */
export function busBandwidthFactor(collective: CollectiveKind, n: number): number {
    switch (collective) {
        case 'all-reduce': return 2 * (n - 1) / n;
        case 'reduce-scatter':
        case 'all-gather':
        case 'all-to-all': return (n - 1) / n;
        default: return 1;
    }
}
