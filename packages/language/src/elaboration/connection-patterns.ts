/**
 * Connection patterns as pure functions over endpoint lists: each returns the endpoint index pairs
 * to link, or a message saying why the pattern cannot be satisfied.
 */

export type Pairs = Array<[number, number]>;
/**
 * `planes[i]`, when present, names the switching plane of pair i: for a tiled torus, the dimension
 * and the position on the tile's face that the link crosses (TPU v4 wires one OCS per plane).
 * `axes[i]`, for a torus or mesh, is the dimension pair i runs along, from its first to its second
 * endpoint one step up: the simulator lays topology-following collectives along it.
 */
export type PatternResult = { ok: true; pairs: Pairs; planes?: number[]; axes?: number[] } | { ok: false; message: string };

/** Most links one connect statement may create: a typo must give an error, not exhaust memory. */
export const MAX_LINKS_PER_CONNECTION = 2_000_000;

/** Every `from` to every `to`; without `to`, every distinct pair within `from`. */
export function allToAll(from: readonly number[], to?: readonly number[]): PatternResult {
    const count = to ? from.length * to.length : from.length * (from.length - 1) / 2;
    if (count > MAX_LINKS_PER_CONNECTION) {
        return { ok: false, message: `this all-to-all would create ${count.toLocaleString('en-US')} links; at most ${MAX_LINKS_PER_CONNECTION.toLocaleString('en-US')} are allowed per connection: narrow a selection` };
    }
    const pairs: Pairs = [];
    if (to) {
        for (const a of from) for (const b of to) if (a !== b) pairs.push([a, b]);
    } else {
        for (let i = 0; i < from.length; i++) for (let j = i + 1; j < from.length; j++) pairs.push([from[i], from[j]]);
    }
    return { ok: true, pairs };
}

export function oneToOne(from: readonly number[], to: readonly number[]): PatternResult {
    if (from.length !== to.length) {
        return { ok: false, message: `one-to-one needs as many endpoints on each side: ${from.length} vs ${to.length}; use all-to-all or rails, or narrow a selection` };
    }
    return { ok: true, pairs: from.map((a, i) => [a, to[i]]) };
}

/** A ring through the endpoints in order; two endpoints give one link. */
export function ring(from: readonly number[]): PatternResult {
    if (from.length < 2) {
        return { ok: false, message: `a ring needs at least 2 endpoints; this selection has ${from.length}` };
    }
    if (from.length === 2) {
        return { ok: true, pairs: [[from[0], from[1]]] };
    }
    return { ok: true, pairs: from.map((a, i) => [a, from[(i + 1) % from.length]]) };
}

/**
 * Rails: the endpoint with local index k (its index inside its own array, given by `railOf`)
 * connects to rail switch `to[k mod |to|]`.
 */
export function rails(from: readonly number[], to: readonly number[], railOf: (endpoint: number) => number): PatternResult {
    if (to.length === 0) {
        return { ok: false, message: 'rails need at least one rail endpoint after `to`' };
    }
    return { ok: true, pairs: from.map(a => [a, to[((railOf(a) % to.length) + to.length) % to.length]]) };
}

export interface GridOptions {
    readonly shape: readonly number[];
    /** Wrap-around links (torus) or not (mesh). */
    readonly wrap: boolean;
    /** Endpoints come in consecutive tiles of this shape, tiles laid out row-major over shape/tiles. */
    readonly tiles?: readonly number[];
    /** Keep only links inside one tile, or only links between tiles. */
    readonly edges?: 'within' | 'across';
}

/** 1D/2D/3D (any D) torus or mesh over endpoints in row-major order (or tiled order). */
export function grid(from: readonly number[], options: GridOptions): PatternResult {
    const { shape, wrap, tiles, edges } = options;
    if (shape.length === 0 || shape.some(d => !Number.isInteger(d) || d < 1)) {
        return { ok: false, message: `shape ${shape.join('x')} must be positive whole numbers` };
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== from.length) {
        return { ok: false, message: `a ${shape.join('x')} ${wrap ? 'torus' : 'mesh'} needs ${size} endpoints; this selection has ${from.length}` };
    }
    const tileShape = tiles ?? shape;
    if (tileShape.length !== shape.length) {
        return { ok: false, message: `tiles ${tileShape.join('x')} must have as many dimensions as the shape ${shape.join('x')}` };
    }
    if (tileShape.some((t, d) => !Number.isInteger(t) || t < 1 || shape[d] % t !== 0)) {
        return { ok: false, message: `tiles ${tileShape.join('x')} must divide the shape ${shape.join('x')} in every dimension` };
    }
    if (edges && !tiles) {
        return { ok: false, message: `'edges ${edges}' needs 'tiles' to say what a tile is` };
    }
    const tileGrid = shape.map((s, d) => s / tileShape[d]);
    const tileSize = tileShape.reduce((a, b) => a * b, 1);
    // position (global coordinates, row-major) → endpoint slot
    const slotAt = new Int32Array(size);
    const tileOfSlot = new Int32Array(size);
    for (let slot = 0; slot < size; slot++) {
        const tile = Math.floor(slot / tileSize);
        const tileCoord = unrank(tile, tileGrid);
        const inner = unrank(slot % tileSize, tileShape);
        const coord = tileCoord.map((t, d) => t * tileShape[d] + inner[d]);
        slotAt[rank(coord, shape)] = slot;
        tileOfSlot[slot] = tile;
    }
    const pairs: Pairs = [];
    const planes: number[] = [];
    const axes: number[] = [];
    const faceSize = (d: number) => tileSize / tileShape[d];
    const planeBase = shape.map((_, d) => shape.slice(0, d).reduce((sum, _e, k) => sum + faceSize(k), 0));
    for (let pos = 0; pos < size; pos++) {
        const coord = unrank(pos, shape);
        for (let d = 0; d < shape.length; d++) {
            const extent = shape[d];
            if (extent < 2) continue;
            const last = coord[d] === extent - 1;
            if (last && (!wrap || extent === 2)) continue;
            const next = coord.slice();
            next[d] = (coord[d] + 1) % extent;
            const a = slotAt[pos];
            const b = slotAt[rank(next, shape)];
            const sameTile = tileOfSlot[a] === tileOfSlot[b];
            if (edges === 'within' && !sameTile) continue;
            if (edges === 'across' && sameTile) continue;
            pairs.push([from[a], from[b]]);
            axes.push(d);
            // plane = dimension, then the position on the tile face (inner coordinates without d)
            const face = coord.map((c, k) => c % tileShape[k]).filter((_, k) => k !== d);
            planes.push(planeBase[d] + rank(face, tileShape.filter((_, k) => k !== d)));
        }
    }
    return tiles ? { ok: true, pairs, planes, axes } : { ok: true, pairs, axes };
}

function unrank(index: number, shape: readonly number[]): number[] {
    const coord = new Array<number>(shape.length);
    for (let d = shape.length - 1; d >= 0; d--) {
        coord[d] = index % shape[d];
        index = Math.floor(index / shape[d]);
    }
    return coord;
}

function rank(coord: readonly number[], shape: readonly number[]): number {
    let index = 0;
    for (let d = 0; d < shape.length; d++) index = index * shape[d] + coord[d];
    return index;
}
