/**
 * Our own placement for the structure fabrics have: tiers by role (OCS, then switches, then
 * compute, top to bottom), racks side by side, a rack's trays in tiers too (switch trays above,
 * compute trays below, each tier wrapped into a grid shaped by the room it gets), meshes and tori
 * as grids (a 3D one as slabs side by side), long rows wrapped into grids. Linear in the boxes.
 *
 * The groups this cannot draw well (see `irregular-layout.ts` for the rule) are placed by elkjs in
 * the layout worker; its answers come in as `placements` (per group key, the children's corners),
 * which this file then treats like any other arrangement. Without placements they fall back to our
 * own rows, so the function stays synchronous and total.
 *
 * Stable: positions depend only on the structure (boxes, nesting, array indices, sibling counts),
 * never on a number, and everything is anchored at its container's top-left, so an element added
 * at the end of an array moves nothing before it (unless its grid gains a column), and a container
 * growing moves only what lies after it.
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
    /** Bundles drawn along a route (elkjs' polylines inside the groups it placed): x0, y0, x1, y1, … from end a to end b. */
    readonly routes?: ReadonlyMap<number, Float64Array>;
    /** Keys of the groups elkjs placed (the irregular ones). */
    readonly engine?: readonly string[];
    /** What the layout could not do as asked (an irregular group too large for elkjs, elkjs failing). */
    readonly notes?: readonly string[];
}

/** Where an engine put the children of one group, in the group's child order, relative to its content's top-left. */
export interface Placement {
    readonly x: readonly number[];
    readonly y: readonly number[];
    readonly width: number;
    readonly height: number;
    /** Pairs of children (positions in the child order) joined by links, and the route drawn for each (x0, y0, x1, y1, …; empty: a straight line). */
    readonly edges?: ReadonlyArray<readonly [number, number]>;
    readonly routes?: ReadonlyArray<readonly number[]>;
}

/** Placements by group key (`''` is the fabric). */
export type Placements = ReadonlyMap<string, Placement>;

export const NODE_W = 44, NODE_H = 24;
export const COLLAPSED_W = 104, COLLAPSED_H = 52;
export const PAD = 8, HEADER = 16;
const GAP_NODES = 8, GAP_GROUPS = 16, WRAP = 16;
/** The width : height the whole fabric aims at (a side panel or an editor column, a little wide). */
const ROOT_ASPECT = 1.2;

const ROLE_ORDER: Record<SceneBox['role'], number> = { ocs: 0, switch: 1, compute: 2 };

export interface Sized { readonly w: number; readonly h: number; place(x: number, y: number): void }

/** The boxes' nesting: children of each box (in box order), and the top-level boxes. */
export function nesting(boxes: readonly SceneBox[]): { children: number[][]; roots: number[] } {
    const children: number[][] = boxes.map(() => []);
    const roots: number[] = [];
    boxes.forEach((b, i) => (b.parent >= 0 ? children[b.parent] : roots).push(i));
    return { children, roots };
}

/**
 * Measures and places boxes (into the given arrays). `sized(i, aspect)` is box i with everything in
 * it arranged, `aspect` the width : height its container leaves it.
 */
export function boxSizer(boxes: readonly SceneBox[], placements: Placements, out: { x: Float64Array; y: Float64Array; w: Float64Array; h: Float64Array }) {
    const { children, roots } = nesting(boxes);
    /** Where the content of each engine-placed group landed (its routes are relative to it). */
    const origins = new Map<string, [number, number]>();
    const { x, y, w, h } = out;
    const leaf = (i: number, bw: number, bh: number): Sized => ({ w: bw, h: bh, place(px, py) { x[i] = px; y[i] = py; w[i] = bw; h[i] = bh; } });

    const sized = (i: number, aspect: number): Sized => {
        const b = boxes[i];
        if (!b.group) return leaf(i, NODE_W, NODE_H);
        if (b.collapsed) return leaf(i, COLLAPSED_W, COLLAPSED_H);
        const inner = content(b, children[i], aspect);
        const bw = Math.max(inner.w + 2 * PAD, 80), bh = inner.h + HEADER + PAD;
        return { w: bw, h: bh, place(px, py) { x[i] = px; y[i] = py; w[i] = bw; h[i] = bh; inner.place(px + PAD, py + HEADER); } };
    };

    /** A group's children: where an engine placed them, else by our rules. */
    const content = (group: SceneBox | null, kids: number[], aspect: number): Sized => {
        const key = group ? group.key : ROOT_KEY;
        const placement = placements.get(key);
        if (placement && placement.x.length === kids.length) {
            const items = kids.map(k => sized(k, 1));
            return {
                w: placement.width, h: placement.height,
                place(px, py) { origins.set(key, [px, py]); items.forEach((p, j) => p.place(px + placement.x[j], py + placement.y[j])); }
            };
        }
        return arrange(group, kids, aspect, sized, boxes);
    };

    return { sized, content, children, roots, origins };
}

/** Per bundle between two children of an engine-placed group, the engine's route in world units. */
function bundleRoutes(scene: Pick<Scene, 'boxes' | 'bundles'>, placements: Placements, origins: ReadonlyMap<string, [number, number]>, children: number[][], roots: number[]): Map<number, Float64Array> {
    const routes = new Map<number, Float64Array>();
    if (placements.size === 0) return routes;
    const position = new Int32Array(scene.boxes.length);
    for (const list of [roots, ...children]) list.forEach((c, j) => { position[c] = j; });
    const byGroup = new Map<string, Map<number, readonly number[]>>();
    scene.bundles.forEach((bundle, i) => {
        const parent = scene.boxes[bundle.a].parent;
        if (parent !== scene.boxes[bundle.b].parent) return;
        const key = parent >= 0 ? scene.boxes[parent].key : ROOT_KEY;
        const placement = placements.get(key), origin = origins.get(key);
        if (!placement?.edges || !placement.routes || !origin) return;
        let pairs = byGroup.get(key);
        if (!pairs) {
            const count = parent >= 0 ? children[parent].length : roots.length;
            pairs = new Map(placement.edges.map(([p, q], k) => [p * count + q, placement.routes![k]]));
            byGroup.set(key, pairs);
        }
        const count = parent >= 0 ? children[parent].length : roots.length;
        const route = pairs.get(position[bundle.a] * count + position[bundle.b]);
        if (route && route.length >= 4) routes.set(i, Float64Array.from(route, (v, k) => v + origin[k % 2]));
    });
    return routes;
}

/** The key a placement of the top level (the boxes without a parent) goes by. */
export const ROOT_KEY = '\u0000root';

export function layoutScene(scene: Pick<Scene, 'boxes' | 'bundles' | 'structureKey'>, placements: Placements = new Map(), extra: Pick<Layout, 'engine' | 'notes'> = {}): Layout {
    const n = scene.boxes.length;
    const out = { x: new Float64Array(n), y: new Float64Array(n), w: new Float64Array(n), h: new Float64Array(n) };
    const { content, roots, children, origins } = boxSizer(scene.boxes, placements, out);
    const top = content(null, roots, ROOT_ASPECT);
    top.place(0, 0);
    const routes = bundleRoutes(scene, placements, origins, children, roots);
    return {
        structureKey: scene.structureKey, ...out, width: top.w, height: top.h,
        ...(routes.size > 0 ? { routes } : {}), ...(extra.engine?.length ? { engine: extra.engine } : {}), ...(extra.notes?.length ? { notes: extra.notes } : {})
    };
}

/** The children of one open group, placed by its kind and theirs. */
function arrange(group: SceneBox | null, kidIds: number[], aspect: number, sized: (i: number, aspect: number) => Sized, boxes: readonly SceneBox[]): Sized {
    if (kidIds.length === 0) return { w: 0, h: 0, place() { /* empty */ } };
    const kids = kidIds.map(k => boxes[k]);
    if (group?.grid && kids.every(k => !k.group)) return meshGrid(kidIds.map(k => sized(k, 1)), kids, group.grid);
    const byRole = new Map<number, number[]>();
    kids.forEach((k, i) => {
        const r = ROLE_ORDER[k.role];
        (byRole.get(r) ?? byRole.set(r, []).get(r)!).push(i);
    });
    const tiers = [...byRole.entries()].sort((a, b) => a[0] - b[0]).map(([, idx]) => idx);
    const trays = kids.some(k => k.kind === 'tray');
    if (trays) {
        // A rack: a tier per role (switch trays above compute trays), each a grid shaped by the room the rack has.
        return sequence(tiers.map(idx => shapedGrid(idx.map(i => sized(kidIds[i], 1)), aspect)), 'down', GAP_GROUPS * 2);
    }
    // Anything else: a row per role, top to bottom; a long row wraps into a grid. What sits side
    // by side shares the width: each gets its share of the aspect.
    return sequence(tiers.map(idx => {
        const groups = kids[idx[0]].group;
        const perRow = idx.length <= WRAP ? idx.length : wrapColumns(idx.length, groups);
        return wrapped(idx.map(i => sized(kidIds[i], aspect / perRow)), groups);
    }), 'down', GAP_GROUPS * 2);
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

const wrapColumns = (count: number, groups: boolean) => Math.ceil(Math.sqrt(count * (groups ? 1 : 2)));

/** Equal cells, row by row, `cols` to a row. */
function grid(parts: Sized[], cols: number, gap: number): Sized {
    let cw = 0, ch = 0;
    for (const p of parts) { cw = Math.max(cw, p.w); ch = Math.max(ch, p.h); }
    const rows = Math.ceil(parts.length / cols);
    return {
        w: cols * cw + (cols - 1) * gap, h: rows * ch + (rows - 1) * gap,
        place(px, py) { parts.forEach((p, i) => p.place(px + (i % cols) * (cw + gap), py + Math.floor(i / cols) * (ch + gap))); }
    };
}

/** Side by side; more than WRAP items go in a grid of equal cells, row by row. */
function wrapped(parts: Sized[], groups: boolean): Sized {
    const gap = groups ? GAP_GROUPS : GAP_NODES;
    if (parts.length <= WRAP) return sequence(parts, 'right', gap);
    return grid(parts, wrapColumns(parts.length, groups), gap);
}

/** A grid of about the given width : height (the columns change only as the count crosses a threshold). */
function shapedGrid(parts: Sized[], aspect: number): Sized {
    let cw = 0, ch = 0;
    for (const p of parts) { cw = Math.max(cw, p.w + GAP_GROUPS); ch = Math.max(ch, p.h + GAP_GROUPS); }
    const cols = Math.max(1, Math.min(parts.length, Math.ceil(Math.sqrt(parts.length * (ch / cw) * aspect))));
    return grid(parts, cols, GAP_GROUPS);
}

/** Nodes of a ring on a circle (index order, clockwise from the top), wide enough that neighbours do not touch. */
function ringCircle(parts: Sized[], kids: SceneBox[], count: number): Sized {
    const r = Math.max(40, (count * (NODE_W + GAP_NODES)) / (2 * Math.PI));
    const cx = r + NODE_W / 2, cy = r + NODE_H / 2;
    return {
        w: 2 * r + NODE_W, h: 2 * r + NODE_H,
        place(px, py) {
            parts.forEach((p, i) => {
                const angle = (kids[i].index / count) * 2 * Math.PI - Math.PI / 2;
                p.place(px + Math.round(cx + r * Math.cos(angle) - NODE_W / 2), py + Math.round(cy + r * Math.sin(angle) - NODE_H / 2));
            });
        }
    };
}

/** Nodes of a mesh or torus at their grid positions, z-slabs side by side with a gap column; a ring on a circle. */
function meshGrid(parts: Sized[], kids: SceneBox[], dims: readonly number[]): Sized {
    if (dims.length === 1) return ringCircle(parts, kids, dims[0]);
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
