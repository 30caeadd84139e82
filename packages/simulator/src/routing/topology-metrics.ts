/**
 * Fabric-wide routed metrics over all accelerators: bisection bandwidth (the routed throughput of
 * the half-shift permutation, rank i ↔ rank i + n/2 in id order, per direction: a cut through the
 * middle of the fabric's own ordering), diameter in hops, and the spread of accelerator-to-accelerator
 * path latency.
 */
import type { LatencySummary } from '../analysis/analysis.js';
import { participantQuotientKeyed, type Network } from '../collectives/collectives.js';
import { flowsSymmetry, uniformSymmetry } from '../symmetry/uniform-symmetry.js';
import { KIND_ACCELERATOR } from '../graph/fabric-graph.js';
import { congestion, routePatterns } from './routing.js';

export interface TopologyMetrics {
    readonly bisectionBytesPerSecond: number;
    /** What all accelerators deliver to each other at full load under uniform all-to-all traffic (Σ over ranks). */
    readonly allToAllBytesPerSecond: number;
    readonly diameterHops: number;
    readonly latency: LatencySummary | null;
}

export function topologyMetrics(net: Network): TopologyMetrics {
    const g = net.graph;
    const accelerators: number[] = [];
    for (let u = 0; u < g.nodeCount; u++) if (g.nodeKind[u] === KIND_ACCELERATOR && net.state.alive[u] === 1) accelerators.push(u);
    if (accelerators.length < 2) return { bisectionBytesPerSecond: 0, allToAllBytesPerSecond: 0, diameterHops: 0, latency: null };
    const { q, key } = participantQuotientKeyed(net, accelerators);
    const half = Math.floor(accelerators.length / 2);
    const src: number[] = [];
    const dst: number[] = [];
    for (let i = 0; i < half; i++) {
        src.push(accelerators[i], accelerators[i + half]);
        dst.push(accelerators[i + half], accelerators[i]);
    }
    // The uniform pattern uses the fabric's symmetry (one source per orbit), as an all-to-all phase does.
    const symmetry = uniformSymmetry(net, q, accelerators, key);
    const [all] = routePatterns(q, [{ kind: 'uniform', participants: accelerators }], symmetry);
    // The half shift too, under the symmetries that map it onto itself (a torus's translations do).
    const shiftPattern = { kind: 'flows' as const, src: Int32Array.from(src), dst: Int32Array.from(dst) };
    const shiftSymmetry = symmetry === null ? null : flowsSymmetry(q, symmetry, shiftPattern.src, shiftPattern.dst);
    const [shift] = routePatterns(q, [shiftPattern], shiftSymmetry, shiftSymmetry ? new Set([0]) : new Set());
    const c = congestion(q, shift);
    const bisection = shift.unreachable === 0 && c.secondsPerByte > 0 ? half / c.secondsPerByte : 0;
    const latency = all.flows > all.unreachable && all.latencyMinSeconds > 0
        ? { minSeconds: all.latencyMinSeconds, maxSeconds: all.latencyMaxSeconds, asymmetry: all.latencyMaxSeconds / all.latencyMinSeconds }
        : null;
    // Uniform traffic: one unit per ordered pair loads the busiest arc with secondsPerByte per byte,
    // so each rank delivers (n − 1) bytes to the others in that time.
    const uniform = congestion(q, all);
    const n = accelerators.length;
    const allToAll = all.unreachable === 0 && uniform.secondsPerByte > 0 ? n * (n - 1) / uniform.secondsPerByte : 0;
    return { bisectionBytesPerSecond: bisection, allToAllBytesPerSecond: allToAll, diameterHops: all.hopsMax, latency };
}
