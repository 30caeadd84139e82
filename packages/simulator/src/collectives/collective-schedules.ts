/**
 * Collective algorithms as schedules of traffic patterns: which rank sends to which, how many bytes
 * per transfer, how many latency-bound steps and how many transfers. The routed model prices each
 * pattern (routing.ts); this module only says what the algorithm does.
 */
import { minMax } from '../arrays.js';
import type { AlgorithmName, CollectiveKind, FabricModel } from '../model/fabric-model.js';
import type { TrafficPattern } from '../routing/routing.js';

export interface ScheduleStep {
    /** Index into the schedule set's patterns. */
    readonly pattern: number;
    /** Bytes of each transfer of the pattern. */
    readonly bytes: number;
    /** Latency-bound steps: each waits α, the pattern's slowest path. */
    readonly latencySteps: number;
    /** How many times the pattern's transfers are repeated back to back. */
    readonly transfers: number;
}

export interface Schedule {
    readonly algorithm: AlgorithmName;
    readonly steps: readonly ScheduleStep[];
}

export interface ScheduleSet {
    readonly patterns: TrafficPattern[];
    readonly schedules: Schedule[];
    /** Algorithms that do not apply to these ranks, with why. */
    readonly notApplicable: Map<AlgorithmName, string>;
}

export function isPowerOfTwo(n: number): boolean {
    return n >= 1 && (n & (n - 1)) === 0;
}

function flows(pairs: Array<[number, number]>): TrafficPattern {
    return { kind: 'flows', src: Int32Array.from(pairs, p => p[0]), dst: Int32Array.from(pairs, p => p[1]) };
}

/** Rank i sends to rank partner(i). */
function mapped(ranks: readonly number[], partner: (i: number) => number): TrafficPattern {
    const src = Int32Array.from(ranks);
    const dst = new Int32Array(ranks.length);
    for (let i = 0; i < ranks.length; i++) dst[i] = ranks[partner(i)];
    return { kind: 'flows', src, dst };
}

/** Each rank to the next, closing the ring. */
export function ringPattern(ranks: readonly number[]): TrafficPattern {
    return mapped(ranks, i => (i + 1) % ranks.length);
}

/** Pairs at rank distance 2^j exchange (both directions). */
function butterflyPattern(ranks: readonly number[], j: number): TrafficPattern {
    return mapped(ranks, i => i ^ (1 << j));
}

/**
 * The levels of the group hierarchy the ranks span, finest first: each level partitions the ranks
 * by an ancestor group, keeping only partitions that split them (a tray, a rack, the pod). Each
 * rank gets a coordinate per level; a level's rings join ranks that differ only in that coordinate.
 * Returns null unless every part at a level holds the same number of sub-parts (a regular hierarchy).
 */
export function hierarchyRings(model: FabricModel, ranks: readonly number[]): Array<{ ranks: number; rings: number[][] }> | null {
    const chains = ranks.map(r => {
        const chain: number[] = [];
        for (let g: number | null = model.nodes[r].groupId; g !== null && g !== undefined && model.groups[g]; g = model.groups[g].parentId) chain.push(g);
        return chain.reverse();
    });
    const depth = minMax(chains.map(c => c.length))?.max ?? 0;
    const partitions: Int32Array[] = [];
    let lastParts = 1;
    for (let d = 1; d <= depth; d++) {
        const ids = new Map<number, number>();
        const part = new Int32Array(ranks.length);
        ranks.forEach((r, i) => {
            const key = chains[i][d] ?? -1 - r;
            let id = ids.get(key);
            if (id === undefined) { id = ids.size; ids.set(key, id); }
            part[i] = id;
        });
        if (ids.size > lastParts && ids.size < ranks.length) { partitions.push(part); lastParts = ids.size; }
    }
    if (partitions.length === 0) return null;
    partitions.reverse(); // finest first
    const levels = partitions.length + 1;
    const coords = ranks.map(() => new Int32Array(levels));
    const sizes = new Int32Array(levels);
    for (let d = 0; d < levels; d++) {
        // Parent key: the part at level d (the whole set at the top); child key: the part below.
        const parent = d < partitions.length ? partitions[d] : null;
        const child = d === 0 ? null : partitions[d - 1];
        const indexIn = new Map<number, Map<number, number>>();
        ranks.forEach((_, i) => {
            const pk = parent ? parent[i] : 0;
            const ck = child ? child[i] : i;
            let m = indexIn.get(pk);
            if (!m) { m = new Map(); indexIn.set(pk, m); }
            if (!m.has(ck)) m.set(ck, m.size);
            coords[i][d] = m.get(ck)!;
        });
        const counts = new Set([...indexIn.values()].map(m => m.size));
        if (counts.size !== 1) return null;
        sizes[d] = [...counts][0];
    }
    const result: Array<{ ranks: number; rings: number[][] }> = [];
    for (let d = 0; d < levels; d++) {
        const rings = new Map<string, number[]>();
        ranks.forEach((r, i) => {
            const key = [d < partitions.length ? partitions[d][i] : 0, ...Array.from(coords[i].slice(0, d))].join(',');
            let ring = rings.get(key);
            if (!ring) { ring = new Array(sizes[d]); rings.set(key, ring); }
            ring[coords[i][d]] = r;
        });
        if ([...rings.values()].some(ring => ring.some(x => x === undefined))) return null;
        result.push({ ranks: sizes[d], rings: [...rings.values()] });
    }
    return result;
}

interface PhaseShape {
    readonly collective: CollectiveKind;
    readonly ranks: readonly number[];
    readonly bytes: number;
    readonly peers?: readonly number[];
    readonly root?: number;
}

/** Every algorithm that applies to the phase, as schedules over shared patterns. */
export function collectiveSchedules(model: FabricModel, phase: PhaseShape): ScheduleSet {
    const { collective, ranks, bytes } = phase;
    const n = ranks.length;
    const patterns: TrafficPattern[] = [];
    const schedules: Schedule[] = [];
    const notApplicable = new Map<AlgorithmName, string>();
    const add = (p: TrafficPattern) => patterns.push(p) - 1;
    const pow2 = isPowerOfTwo(n);
    const needsPow2 = `needs a power-of-two number of ranks (has ${n})`;

    if (collective === 'all-reduce' || collective === 'reduce-scatter' || collective === 'all-gather') {
        const passes = collective === 'all-reduce' ? 2 : 1;
        const ring = add(ringPattern(ranks));
        schedules.push({ algorithm: 'ring', steps: [{ pattern: ring, bytes: bytes / n, latencySteps: passes * (n - 1), transfers: passes * (n - 1) }] });
        if (pow2 && n >= 2) {
            const steps: ScheduleStep[] = [];
            for (let j = 0; (1 << j) < n; j++) {
                const p = add(butterflyPattern(ranks, j));
                steps.push({ pattern: p, bytes: bytes / (1 << (j + 1)), latencySteps: passes, transfers: passes });
            }
            schedules.push({ algorithm: 'halving-doubling', steps });
        } else notApplicable.set('halving-doubling', needsPow2);
        if (collective === 'all-reduce') {
            const levels = hierarchyRings(model, ranks);
            if (levels) {
                const steps: ScheduleStep[] = [];
                let size = bytes;
                for (const level of levels) {
                    const p = add(flows(level.rings.flatMap(ring => ring.map((r, i): [number, number] => [r, ring[(i + 1) % ring.length]]))));
                    steps.push({ pattern: p, bytes: size / level.ranks, latencySteps: 2 * (level.ranks - 1), transfers: 2 * (level.ranks - 1) });
                    size /= level.ranks;
                }
                schedules.push({ algorithm: 'hierarchical', steps });
            } else notApplicable.set('hierarchical', 'the ranks do not span a regular hierarchy of groups');
        } else {
            const direct = add({ kind: 'uniform', participants: ranks });
            schedules.push({ algorithm: 'direct', steps: [{ pattern: direct, bytes: bytes / n, latencySteps: 1, transfers: 1 }] });
        }
    } else if (collective === 'all-to-all') {
        const direct = add({ kind: 'uniform', participants: ranks });
        schedules.push({ algorithm: 'direct', steps: [{ pattern: direct, bytes: bytes / n, latencySteps: 1, transfers: 1 }] });
    } else if (collective === 'broadcast') {
        const rootIndex = Math.max(0, phase.root === undefined ? 0 : ranks.indexOf(phase.root));
        const order = ranks.map((_, i) => ranks[(rootIndex + i) % n]);
        // Pipelined chain: every hop waits α once, the bytes stream through once.
        const chain = add(flows(order.slice(0, -1).map((r, i): [number, number] => [r, order[i + 1]])));
        schedules.push({ algorithm: 'ring', steps: [{ pattern: chain, bytes, latencySteps: n - 1, transfers: 1 }] });
        const tree: ScheduleStep[] = [];
        for (let span = 1; span < n; span *= 2) {
            const pairs: Array<[number, number]> = [];
            for (let i = 0; i < span && i + span < n; i++) pairs.push([order[i], order[i + span]]);
            tree.push({ pattern: add(flows(pairs)), bytes, latencySteps: 1, transfers: 1 });
        }
        schedules.push({ algorithm: 'tree', steps: tree });
        const direct = add(flows(order.slice(1).map((r): [number, number] => [order[0], r])));
        schedules.push({ algorithm: 'direct', steps: [{ pattern: direct, bytes, latencySteps: 1, transfers: 1 }] });
    } else {
        const peers = phase.peers ?? [];
        const pairs: Array<[number, number]> = [];
        ranks.forEach((r, i) => { if (peers[i] !== undefined) pairs.push([r, peers[i]]); });
        const p = add(flows(pairs));
        schedules.push({ algorithm: 'direct', steps: [{ pattern: p, bytes, latencySteps: 1, transfers: 1 }] });
    }
    return { patterns, schedules, notApplicable };
}
