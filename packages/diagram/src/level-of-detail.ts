/**
 * Levels of detail: which groups start collapsed, and which visible element stands for each node.
 *
 * A group's size is what opening it would draw: its non-empty child groups, its own nodes, and the
 * links whose innermost common group it is (links between its members, not inside one of them). A
 * group larger than the collapse threshold starts collapsed, so the TPU-style pod (64 cubes, each
 * 64 chips and 144 mesh links) opens as 64 cubes, and a rack of 27 trays with 1,296 links between
 * them as one box. The fabric is always open, and a group that is the only thing inside an open
 * group opens too (one rack alone is not drawn as one box). The viewer's own choices win.
 */
import type { FabricModel } from '@fabric/simulator';
import type { SceneView } from './scene.js';

export interface Visibility {
    /** Per group id: drawn open, collapsed into one box, or not at all (empty, or inside a collapsed group). */
    readonly groupState: ReadonlyArray<'open' | 'collapsed' | 'hidden'>;
    /** Per node id: the group id of the collapsed group standing for it, or -1 if the node is drawn itself. */
    readonly nodeStandIn: Int32Array;
    /** Per group id: nodes below it (recursively). */
    readonly nodesBelow: Int32Array;
    /** Per group id: links whose innermost common group it is. */
    readonly crossLinks: Int32Array;
}

/** Group ids from the fabric down (parents before children), iteratively: nesting depth is the user's. */
export function groupOrder(model: FabricModel): number[] {
    const order: number[] = [];
    const stack = model.groups.length > 0 ? [0] : [];
    while (stack.length > 0) {
        const id = stack.pop()!;
        order.push(id);
        const children = model.groups[id]?.childGroupIds ?? [];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return order;
}

/** Depth of every group (the fabric is 0). */
function groupDepths(model: FabricModel, order: readonly number[]): Int32Array {
    const depth = new Int32Array(model.groups.length);
    for (const id of order) {
        const parent = model.groups[id].parentId;
        depth[id] = parent === null ? 0 : depth[parent] + 1;
    }
    return depth;
}

/** The innermost group holding both groups. */
function commonGroup(model: FabricModel, depth: Int32Array, a: number, b: number): number {
    while (a !== b) {
        if (depth[a] >= depth[b]) a = model.groups[a].parentId ?? a;
        else b = model.groups[b].parentId ?? b;
        if (depth[a] === 0 && depth[b] === 0) return 0;
    }
    return a;
}

export function groupSizes(model: FabricModel): { order: number[]; nodesBelow: Int32Array; crossLinks: Int32Array } {
    const order = groupOrder(model);
    const depth = groupDepths(model, order);
    const nodesBelow = new Int32Array(model.groups.length);
    for (let i = order.length - 1; i >= 0; i--) {
        const g = model.groups[order[i]];
        nodesBelow[g.id] += g.nodeIds.length;
        if (g.parentId !== null) nodesBelow[g.parentId] += nodesBelow[g.id];
    }
    const crossLinks = new Int32Array(model.groups.length);
    for (const link of model.links) {
        const ga = model.nodes[link.a]?.groupId, gb = model.nodes[link.b]?.groupId;
        if (ga === undefined || gb === undefined) continue;
        crossLinks[commonGroup(model, depth, ga, gb)]++;
    }
    return { order, nodesBelow, crossLinks };
}

export function visibility(model: FabricModel, view: SceneView): Visibility {
    const { order, nodesBelow, crossLinks } = groupSizes(model);
    const expanded = new Set(view.expanded ?? []);
    const collapsed = new Set(view.collapsed ?? []);
    const state: Array<'open' | 'collapsed' | 'hidden'> = new Array(model.groups.length).fill('hidden');
    for (const id of order) {
        const g = model.groups[id];
        if (nodesBelow[id] === 0) continue;
        if (g.parentId === null) { state[id] = 'open'; continue; }
        const parent = model.groups[g.parentId];
        if (state[parent.id] !== 'open') continue;
        const size = g.childGroupIds.filter(c => nodesBelow[c] > 0).length + g.nodeIds.length + crossLinks[id];
        const alone = parent.nodeIds.length === 0 && parent.childGroupIds.filter(c => nodesBelow[c] > 0).length === 1;
        const open = expanded.has(g.path) || (!collapsed.has(g.path) && (alone || size <= view.collapseThreshold));
        state[id] = open ? 'open' : 'collapsed';
    }
    const nodeStandIn = new Int32Array(model.nodes.length).fill(-1);
    for (const node of model.nodes) {
        // The outermost collapsed group above the node stands for it.
        let g: number | null = node.groupId;
        while (g !== null && g !== undefined) {
            if (state[g] === 'collapsed') nodeStandIn[node.id] = g;
            g = model.groups[g]?.parentId ?? null;
        }
    }
    return { groupState: state, nodeStandIn, nodesBelow, crossLinks };
}
