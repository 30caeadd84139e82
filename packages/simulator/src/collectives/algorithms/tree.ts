/**
 * Trees. All-reduce over a double binary tree (Sanders, Speck & Träff, "Two-tree algorithms for full
 * bandwidth broadcast, reduction and scan", Parallel Computing 2009; NCCL's tree since 2.4): two
 * binary trees over the ranks, the second shifted (even n) or mirrored (odd n) so that a rank inner in
 * one is a leaf in the other; each tree reduces half the data up and broadcasts it back down, pipelined:
 *   2·depth·α + 2·S/B, for any number of ranks.
 * Broadcast over a binomial tree: ⌈log₂n⌉ steps, each forwarding the whole buffer.
 */
import { flows, type ScheduleBuilder, type ScheduleStep } from '../schedule.js';

/**
 * Parent of each position in NCCL's binary tree over 0..n−1 (ncclGetBtree): a position's parent
 * clears its lowest set bit and sets the next one up (or only clears it, past the end); 0 is the
 * root. Odd positions are leaves, so the inner ranks are even.
 */
function binaryTree(n: number): Int32Array {
    const parent = new Int32Array(n).fill(-1);
    for (let r = 1; r < n; r++) {
        const bit = r & -r;
        let up = (r ^ bit) | (bit << 1);
        if (up >= n) up = r ^ bit;
        parent[r] = up;
    }
    return parent;
}

export function doubleBinaryTreeAllReduce(b: ScheduleBuilder, ranks: readonly number[], bytes: number): void {
    const n = ranks.length;
    const tree = binaryTree(n);
    // The second tree: shifted by one (even n) or mirrored (odd n), so its inner ranks are the first's leaves.
    const relabel = (i: number) => (n % 2 === 0 ? (i + 1) % n : n - 1 - i);
    const up: Array<[number, number]> = [];
    let depth = 0;
    for (let i = 0; i < n; i++) {
        if (tree[i] < 0) continue;
        up.push([ranks[i], ranks[tree[i]]], [ranks[relabel(i)], ranks[relabel(tree[i])]]);
        let d = 0;
        for (let x = i; tree[x] >= 0; x = tree[x]) d++;
        depth = Math.max(depth, d);
    }
    const reduce = b.add(flows(up));
    const broadcast = b.add(flows(up.map(([c, p]) => [p, c] as const)));
    const steps: ScheduleStep[] = [
        { pattern: reduce, bytes: bytes / 2, latencySteps: depth, transfers: 1, reduces: true, label: 'reduce up both trees' },
        { pattern: broadcast, bytes: bytes / 2, latencySteps: depth, transfers: 1, label: 'broadcast down both trees' }
    ];
    b.schedule('tree', steps, `double binary tree of depth ${depth}, half the data on each tree, pipelined`);
}

/** A binomial tree from `order[0]`: step k, the first 2^k ranks send to the next 2^k. */
export function binomialBroadcast(b: ScheduleBuilder, order: readonly number[], bytes: number): void {
    const n = order.length;
    const steps: ScheduleStep[] = [];
    for (let span = 1; span < n; span *= 2) {
        const pairs: Array<[number, number]> = [];
        for (let i = 0; i < span && i + span < n; i++) pairs.push([order[i], order[i + span]]);
        steps.push({ pattern: b.add(flows(pairs)), bytes, latencySteps: 1, transfers: 1, label: `forward to ${pairs.length} rank${pairs.length === 1 ? '' : 's'}` });
    }
    b.schedule('tree', steps, `binomial tree of ${steps.length} steps`);
}
