/**
 * The vocabulary of collective algorithms: a schedule is a list of steps, each a traffic pattern
 * (who sends to whom, routed over the real graph) with a byte count per transfer, a number of
 * latency-bound steps and a number of back-to-back transfers. How steps combine is the schedule's
 * `overlap`: in sequence; pipelined (chunks flow through dimensions that run on different links);
 * or as concurrent streams (one per chunk of the data, each over its own dimension at a time).
 */
import type { AlgorithmName } from '../model/fabric-model.js';
import type { TrafficPattern } from '../routing/routing.js';
import { findArc, type FabricGraph } from '../graph/fabric-graph.js';

export interface ScheduleStep {
    /** Index into the schedule set's patterns. */
    readonly pattern: number;
    /** Bytes of each transfer of one unit of the pattern (a weighted flow carries weight × bytes). */
    readonly bytes: number;
    /** Latency-bound steps: each waits α, the pattern's slowest path, plus the protocol's step cost. */
    readonly latencySteps: number;
    /** How many times the pattern's transfers are repeated back to back. */
    readonly transfers: number;
    /** The receivers reduce what arrives (reduce-scatter, the way up a tree): the accelerator's reduction rate may pace it. */
    readonly reduces?: boolean;
    /** α of the step when it is not a path's latency (in-network reduction: one round trip through the switch tiers). */
    readonly alphaSeconds?: number;
    /** The link set the step runs on (a grid dimension, a hierarchy level): steps on different ones overlap. */
    readonly dimension?: number;
    /** The concurrent stream (chunk of the data) the step belongs to, for `overlap: 'streams'`. */
    readonly stream?: number;
    /** What the step does, for reports (`reduce-scatter in tray`, `all-gather along axis 1`). */
    readonly label?: string;
}

export type ScheduleOverlap = 'sequential' | 'pipelined' | 'streams';

export interface Schedule {
    readonly algorithm: AlgorithmName;
    readonly steps: readonly ScheduleStep[];
    readonly overlap: ScheduleOverlap;
    /** The schedule in words: which rings, dimensions or tiers it uses. */
    readonly detail: string;
    /** Bytes the ranks inject, when the patterns also carry switch-to-switch traffic (in-network reduction). */
    readonly bytesMoved?: number;
}

export interface ScheduleSet {
    readonly patterns: TrafficPattern[];
    /** Per pattern: the most units one node receives (for the reduction cost of reducing steps). */
    readonly inbound: number[];
    readonly schedules: Schedule[];
    /** Algorithms that do not apply to these ranks, with why. */
    readonly notApplicable: Map<AlgorithmName, string>;
}

/** A schedule set under construction: patterns are added once and shared by the schedules using them. */
export class ScheduleBuilder {
    readonly patterns: TrafficPattern[] = [];
    readonly inbound: number[] = [];
    readonly schedules: Schedule[] = [];
    readonly notApplicable = new Map<AlgorithmName, string>();

    add(pattern: TrafficPattern): number {
        this.inbound.push(maxInbound(pattern));
        return this.patterns.push(pattern) - 1;
    }

    schedule(algorithm: AlgorithmName, steps: ScheduleStep[], detail: string, overlap: ScheduleOverlap = 'sequential', bytesMoved?: number): void {
        this.schedules.push({ algorithm, steps, overlap, detail, ...(bytesMoved !== undefined ? { bytesMoved } : {}) });
    }

    /** Records why an algorithm does not apply, unless another variant of it already does. */
    skip(algorithm: AlgorithmName, why: string): void {
        if (!this.notApplicable.has(algorithm)) this.notApplicable.set(algorithm, why);
    }

    build(): ScheduleSet {
        const applicable = new Set(this.schedules.map(s => s.algorithm));
        for (const a of applicable) this.notApplicable.delete(a);
        return { patterns: this.patterns, inbound: this.inbound, schedules: this.schedules, notApplicable: this.notApplicable };
    }
}

/** Keeps ScheduleBuilder's shape, and the optimised code of the algorithms that fill one, across full collections (see routing's ROUTING_SHAPE_ANCHORS). */
export const SCHEDULE_SHAPE_ANCHOR: object = new ScheduleBuilder();

function maxInbound(pattern: TrafficPattern): number {
    if (pattern.kind === 'uniform') return Math.max(0, pattern.participants.length - 1);
    let top = 0;
    for (let i = 0; i < pattern.dst.length; i++) top = Math.max(top, pattern.dst[i]);
    const into = new Float64Array(top + 1);
    let max = 0;
    for (let i = 0; i < pattern.dst.length; i++) {
        if (pattern.src[i] === pattern.dst[i]) continue;
        const v = (into[pattern.dst[i]] += pattern.weight ? pattern.weight[i] : 1);
        if (v > max) max = v;
    }
    return max;
}

export function isPowerOfTwo(n: number): boolean {
    return n >= 1 && (n & (n - 1)) === 0;
}

export function flows(pairs: ReadonlyArray<readonly [number, number]>, weights?: readonly number[]): TrafficPattern {
    const { src, dst } = ends(pairs);
    return { kind: 'flows', src, dst, ...(weights ? { weight: Float64Array.from(weights) } : {}) };
}

/** The pairs' senders and receivers as arrays. */
function ends(pairs: ReadonlyArray<readonly [number, number]>): { src: Int32Array; dst: Int32Array } {
    const src = new Int32Array(pairs.length), dst = new Int32Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) { src[i] = pairs[i][0]; dst[i] = pairs[i][1]; }
    return { src, dst };
}

/** Rank i sends to rank partner(i) (skipping ranks whose partner is negative). */
export function mapped(ranks: readonly number[], partner: (i: number) => number): TrafficPattern {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < ranks.length; i++) {
        const j = partner(i);
        if (j >= 0 && j !== i) pairs.push([ranks[i], ranks[j]]);
    }
    return flows(pairs);
}

/**
 * Flows between neighbours, over the arc between them: loaded without routing (routed only where the
 * arc is down). Pairs without a direct arc make it an ordinary flows pattern.
 */
export function neighbourFlows(graph: FabricGraph, pairs: ReadonlyArray<readonly [number, number]>): TrafficPattern {
    const arcs = new Int32Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
        arcs[i] = findArc(graph, pairs[i][0], pairs[i][1]);
        if (arcs[i] < 0) return flows(pairs);
    }
    const { src, dst } = ends(pairs);
    return { kind: 'arcs', src, dst, arcs };
}

/** Each element of each ring sends to the next, closing the ring. */
export function ringsPattern(rings: ReadonlyArray<readonly number[]>): TrafficPattern {
    const pairs: Array<[number, number]> = [];
    for (const ring of rings) ring.forEach((r, i) => { if (ring.length > 1) pairs.push([r, ring[(i + 1) % ring.length]]); });
    return flows(pairs);
}
