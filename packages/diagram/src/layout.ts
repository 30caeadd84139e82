/**
 * Our own placement for the structure fabrics have: tiers by role (OCS, then switches, then
 * compute, top to bottom), racks side by side, trays stacked, a rack's compute trays beside its
 * switch trays, meshes and tori as grids (a 3D one as slabs side by side), long arrays wrapped into
 * grids. Linear in the boxes; no layout engine sees the graph.
 *
 * Stable: positions depend only on the structure (boxes, nesting, array indices), never on a
 * number, and everything is anchored at its container's top-left, so an element added at the end
 * of an array moves nothing before it, and a container growing moves only what lies after it.
 */
import type { Scene, SceneBox } from './scene.js';

export interface Layout {
    readonly structureKey: string;
    /** Per box: top-left corner and size, in world units. */
    readonly x: Float64Array;
    readonly y: Float64Array;
    readonly w: Float64Array;
    readonly h: Float64Array;
    readonly width: number;
    readonly height: number;
}

export const NODE_W = 44, NODE_H = 24;
export const COLLAPSED_W = 104, COLLAPSED_H = 52;
export const PAD = 8, HEADER = 16;
const GAP_NODES = 8, GAP_GROUPS = 16, WRAP = 16;

const ROLE_ORDER: Record<SceneBox['role'], number> = { ocs: 0, switch: 1, compute: 2 };

interface Sized { w: number; h: number; place(x: number, y: number): void }

export function layoutScene(scene: Pick<Scene, 'boxes' | 'structureKey'>): Layout {
    const boxes = scene.boxes;
    const n = boxes.length;
    const x = new Float64Array(n), y = new Float64Array(n), w = new Float64Array(n), h = new Float64Array(n);
    const children: number[][] = boxes.map(() => []);
    const roots: number[] = [];
    boxes.forEach((b, i) => (b.parent >= 0 ? children[b.parent] : roots).push(i));

    const leaf = (i: number, bw: number, bh: number): Sized => ({ w: bw, h: bh, place(px, py) { x[i] = px; y[i] = py; w[i] = bw; h[i] = bh; } });

    const sized = (i: number): Sized => {
        const b = boxes[i];
        if (!b.group) return leaf(i, NODE_W, NODE_H);
        if (b.collapsed) return leaf(i, COLLAPSED_W, COLLAPSED_H);
        const inner = arrange(b, children[i].map(sized), children[i].map(c => boxes[c]));
        const bw = Math.max(inner.w + 2 * PAD, 80), bh = inner.h + HEADER + PAD;
        return { w: bw, h: bh, place(px, py) { x[i] = px; y[i] = py; w[i] = bw; h[i] = bh; inner.place(px + PAD, py + HEADER); } };
    };

    const top = arrange(null, roots.map(sized), roots.map(r => boxes[r]));
    top.place(0, 0);
    return { structureKey: scene.structureKey, x, y, w, h, width: top.w, height: top.h };
}

/** The children of one open group, placed by its kind and theirs. */
function arrange(group: SceneBox | null, items: Sized[], kids: SceneBox[]): Sized {
    if (items.length === 0) return { w: 0, h: 0, place() { /* empty */ } };
    if (group?.grid && kids.every(k => !k.group)) return meshGrid(items, kids, group.grid);
    const byRole = new Map<number, number[]>();
    kids.forEach((k, i) => {
        const r = ROLE_ORDER[k.role];
        (byRole.get(r) ?? byRole.set(r, []).get(r)!).push(i);
    });
    const tiers = [...byRole.entries()].sort((a, b) => a[0] - b[0]).map(([, idx]) => idx);
    const trays = kids.some(k => k.kind === 'tray');
    if (trays) {
        // A rack: a column per role, its trays stacked; the columns side by side.
        return sequence(tiers.map(idx => stack(idx.map(i => items[i]), 'down', GAP_NODES)), 'right', GAP_GROUPS);
    }
    // Anything else: a row per role, top to bottom; a long row wraps into a grid.
    return sequence(tiers.map(idx => wrapped(idx.map(i => items[i]), kids[idx[0]].group)), 'down', GAP_GROUPS * 2);
}

function sequence(parts: Sized[], direction: 'right' | 'down', gap: number): Sized {
    let w = 0, h = 0;
    for (const p of parts) {
        if (direction === 'right') { w += (w > 0 ? gap : 0) + p.w; h = Math.max(h, p.h); }
        else { h += (h > 0 ? gap : 0) + p.h; w = Math.max(w, p.w); }
    }
    return {
        w, h, place(px, py) {
            let offset = 0;
            for (const p of parts) {
                if (direction === 'right') { p.place(px + offset, py); offset += p.w + gap; }
                else { p.place(px, py + offset); offset += p.h + gap; }
            }
        }
    };
}

function stack(parts: Sized[], direction: 'down', gap: number): Sized {
    return sequence(parts, direction, gap);
}

/** Side by side; more than WRAP items go in a grid of equal cells, row by row. */
function wrapped(parts: Sized[], groups: boolean): Sized {
    const gap = groups ? GAP_GROUPS : GAP_NODES;
    if (parts.length <= WRAP) return sequence(parts, 'right', gap);
    const cols = Math.ceil(Math.sqrt(parts.length * (groups ? 1 : 2)));
    const cw = Math.max(...parts.map(p => p.w)), ch = Math.max(...parts.map(p => p.h));
    const rows = Math.ceil(parts.length / cols);
    return {
        w: cols * cw + (cols - 1) * gap, h: rows * ch + (rows - 1) * gap,
        place(px, py) { parts.forEach((p, i) => p.place(px + (i % cols) * (cw + gap), py + Math.floor(i / cols) * (ch + gap))); }
    };
}

/** Nodes of a mesh or torus at their grid positions, z-slabs side by side with a gap column. */
function meshGrid(parts: Sized[], kids: SceneBox[], dims: readonly number[]): Sized {
    const [dx, dy] = dims;
    const dz = dims[2] ?? 1;
    const cw = NODE_W + GAP_NODES, ch = NODE_H + GAP_NODES;
    const cols = dz * (dx + 1) - 1;
    return {
        w: cols * cw - GAP_NODES, h: dy * ch - GAP_NODES,
        place(px, py) {
            parts.forEach((p, i) => {
                const k = kids[i].index;
                const gx = k % dx, gy = Math.floor(k / dx) % dy, gz = Math.floor(k / (dx * dy));
                p.place(px + (gz * (dx + 1) + gx) * cw, py + gy * ch);
            });
        }
    };
}
