/**
 * Recognises a mesh or torus among the nodes of one array from its links alone: in row-major order
 * a link joins indices that differ by a stride (1 along x, dx along y, dx·dy along z), and a torus adds
 * the wrap-around strides (dx − 1, (dy − 1)·dx, …). Returns the dimensions, x fastest, or null when
 * the links do not look like a grid of at least two dimensions.
 */
export function meshDimensions(count: number, links: ReadonlyArray<readonly [number, number]>): number[] | null {
    const strides = new Set<number>();
    for (const [a, b] of links) {
        const d = Math.abs(a - b);
        if (d > 0) strides.add(d);
        if (strides.size > 12) return null;
    }
    if (!strides.has(1)) return null;
    const sorted = [...strides].sort((x, y) => x - y);
    // x: the smallest stride that is not the wrap of the next one (a wrap of dx is dx − 1).
    const dx = sorted.find(s => s >= 2 && !strides.has(s + 1));
    if (dx === undefined || dx > count / 2 || count % dx !== 0) return null;
    const plane = sorted.find(s => s > dx && s % dx === 0 && !strides.has(s + dx) && s + dx !== count && count % s === 0);
    if (plane === undefined) return [dx, count / dx];
    return [dx, plane / dx, count / plane];
}
