/**
 * Recognises a ring, mesh or torus among the nodes of one array from its links alone: in row-major
 * order a link joins indices that differ by a stride (1 along x, dx along y, dx·dy along z), and a
 * torus adds the wrap-around strides (dx − 1, (dy − 1)·dx, …). Candidate dimensions found from the
 * strides are then checked link by link: every link must join grid neighbours (one coordinate
 * differing by one, or wrapping around), so two fully connected quads joined pairwise (a DGX-1-style
 * hybrid cube-mesh) are not taken for a 4 × 2 grid.
 *
 * Returns the dimensions, x fastest: `[n]` for a ring or a line of n, `[dx, dy]` or `[dx, dy, dz]`
 * for a mesh or torus; null when the links are not a grid.
 */
export function meshDimensions(count: number, links: ReadonlyArray<readonly [number, number]>): number[] | null {
    const strides = new Set<number>();
    for (const [a, b] of links) {
        const d = Math.abs(a - b);
        if (d > 0) strides.add(d);
        if (strides.size > 12) return null;
    }
    if (!strides.has(1) || count < 3) return null;
    const candidate = candidateDimensions(count, strides);
    return candidate && links.every(([a, b]) => neighbours(a, b, candidate)) ? candidate : null;
}

function candidateDimensions(count: number, strides: ReadonlySet<number>): number[] | null {
    const sorted = [...strides].sort((x, y) => x - y);
    // One dimension: a line (stride 1) or a ring (and its wrap, count − 1).
    if (sorted.every(s => s === 1 || s === count - 1)) return [count];
    // x: the smallest stride that is not the wrap of the next one (a wrap of dx is dx − 1).
    const dx = sorted.find(s => s >= 2 && !strides.has(s + 1));
    if (dx === undefined || dx > count / 2 || count % dx !== 0) return null;
    const plane = sorted.find(s => s > dx && s % dx === 0 && !strides.has(s + dx) && s + dx !== count && count % s === 0);
    if (plane === undefined) return [dx, count / dx];
    return [dx, plane / dx, count / plane];
}

/** One coordinate differs by one (or wraps from the last to the first), every other is equal. */
function neighbours(a: number, b: number, dims: readonly number[]): boolean {
    let differing = 0;
    for (const d of dims) {
        const ca = a % d, cb = b % d;
        a = Math.floor(a / d); b = Math.floor(b / d);
        if (ca === cb) continue;
        const step = Math.abs(ca - cb);
        if (step !== 1 && !(step === d - 1 && d > 2)) return false;
        differing++;
    }
    return differing === 1 && a === b;
}
