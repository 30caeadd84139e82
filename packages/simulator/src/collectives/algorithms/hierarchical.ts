/**
 * Hierarchical all-reduce over the group levels the ranks span (trays, racks, pods): reduce-scatter
 * up the levels, all-reduce at the top, all-gather down (the README's form, "What the simulator computes"):
 *   T = Σ_{d<D} 2(n_d−1)[α_d + S_d/(n_d·B_d)] + 2(n_D−1)[α_D + S_D/(n_D·B_D)], S₁ = S, S_{d+1} = S_d/n_d.
 * The levels run on different links (copper in the rack, the spine between racks), so chunks of the
 * data can flow through them as a pipeline: the schedule is `pipelined` (see pricing.ts).
 */
import type { FabricModel } from '../../model/fabric-model.js';
import { ringsPattern, type ScheduleBuilder, type ScheduleStep } from '../schedule.js';

export interface HierarchyLevel {
    /** Ranks per ring at this level. */
    readonly ranks: number;
    readonly rings: number[][];
    /** What the level joins (`tray`, `rack`, `pod`, or `top`). */
    readonly name: string;
}

/**
 * The levels of the group hierarchy the ranks span, finest first: each level partitions the ranks
 * by an ancestor group, keeping only partitions that split them (a tray, a rack, the pod). Each
 * rank gets a coordinate per level; a level's rings join ranks that differ only in that coordinate.
 * Returns null unless every part at a level holds the same number of sub-parts (a regular hierarchy).
 */
export function hierarchyRings(model: FabricModel, ranks: readonly number[]): HierarchyLevel[] | null {
    const chains = ranks.map(r => {
        const chain: number[] = [];
        for (let g: number | null = model.nodes[r].groupId; g !== null && g !== undefined && model.groups[g]; g = model.groups[g].parentId) chain.push(g);
        return chain.reverse();
    });
    const depth = chains.reduce((m, c) => Math.max(m, c.length), 0);
    const partitions: Array<{ part: Int32Array; kind: string }> = [];
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
        if (ids.size > lastParts && ids.size < ranks.length) {
            const group = model.groups[chains[0][d]];
            partitions.push({ part, kind: group?.kind ?? 'group' });
            lastParts = ids.size;
        }
    }
    if (partitions.length === 0) return null;
    partitions.reverse(); // finest first
    const levels = partitions.length + 1;
    const coords = ranks.map(() => new Int32Array(levels));
    const sizes = new Int32Array(levels);
    for (let d = 0; d < levels; d++) {
        // Parent key: the part at level d (the whole set at the top); child key: the part below.
        const parent = d < partitions.length ? partitions[d].part : null;
        const child = d === 0 ? null : partitions[d - 1].part;
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
    const result: HierarchyLevel[] = [];
    for (let d = 0; d < levels; d++) {
        const rings = new Map<number, number[]>();
        ranks.forEach((r, i) => {
            // The ring: the part at this level and the coordinates below it (each below its level's size), mixed radix.
            let key = d < partitions.length ? partitions[d].part[i] : 0;
            for (let k = 0; k < d; k++) key = key * sizes[k] + coords[i][k];
            let ring = rings.get(key);
            if (!ring) { ring = new Array(sizes[d]); rings.set(key, ring); }
            ring[coords[i][d]] = r;
        });
        if ([...rings.values()].some(ring => ring.some(x => x === undefined))) return null;
        result.push({ ranks: sizes[d], rings: [...rings.values()], name: d < partitions.length ? `in ${partitions[d].kind}` : 'across the top level' });
    }
    return result;
}

export function hierarchicalAllReduce(b: ScheduleBuilder, model: FabricModel, ranks: readonly number[], bytes: number): void {
    const levels = hierarchyRings(model, ranks);
    if (!levels) {
        b.skip('hierarchical', 'the ranks do not span a regular hierarchy of groups');
        return;
    }
    const up: ScheduleStep[] = [];
    const down: ScheduleStep[] = [];
    let size = bytes;
    levels.forEach((level, d) => {
        const pattern = b.add(ringsPattern(level.rings));
        const n = level.ranks;
        const step = (reduce: boolean): ScheduleStep => ({
            pattern, bytes: size / n, latencySteps: n - 1, transfers: n - 1, reduces: reduce, dimension: d,
            label: `${reduce ? 'reduce-scatter' : 'all-gather'} ${level.name}`
        });
        up.push(step(true));
        down.unshift(step(false));
        size /= n;
    });
    b.schedule('hierarchical', [...up, ...down], `rings ${levels.map(l => `${l.name} (${l.ranks})`).join(', then ')}`, 'pipelined');
}
