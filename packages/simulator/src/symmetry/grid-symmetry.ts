/**
 * Automorphisms of a torus or mesh read off its coordinates instead of searched for: translations
 * along a dimension (by the period of its links: a cube-tiled torus repeats every cube), reflections,
 * and swaps of dimensions of equal extent. Each candidate is verified arc by arc (isAutomorphism), so
 * a wrong guess only costs its check. A 16×16×16 pod of 4×4×4 cubes has 64 cube translations, 8
 * reflections and 6 axis permutations: its 4,096 chips fall into 4 orbits.
 */
import { rankGrid, type RankGrid } from '../collectives/algorithms/grid.js';
import type { Network } from '../collectives/collectives.js';
import { isAutomorphism } from './quotient-automorphisms.js';
import type { QuotientGraph } from './quotient-graph.js';

/** A coordinate map: one dimension moved by a function of its coordinate, or two dimensions swapped. */
type Move = { readonly axis: number; readonly to: (x: number) => number } | { readonly swap: readonly [number, number] };

/** The class permutation a coordinate map induces (identity off the grid), or null if it leaves the grid. */
function classMap(q: QuotientGraph, grid: RankGrid, ranks: readonly number[], index: Int32Array, at: Int32Array, stride: readonly number[], move: Move): Int32Array | null {
    const { axes, coordinates } = grid;
    const map = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) map[c] = c;
    for (let i = 0; i < ranks.length; i++) {
        let target: number;
        if ('swap' in move) {
            const [d, e] = move.swap;
            const x = coordinates[d][i], y = coordinates[e][i];
            target = index[i] + (y - x) * stride[d] + (x - y) * stride[e];
        } else {
            const x = coordinates[move.axis][i], y = move.to(x);
            if (y < 0 || y >= axes[move.axis].extent) return null;
            target = index[i] + (y - x) * stride[move.axis];
        }
        const j = at[target];
        if (j < 0) return null;
        map[q.classes.classOf[ranks[i]]] = q.classes.classOf[ranks[j]];
    }
    return map;
}

export function gridGenerators(q: QuotientGraph, grid: RankGrid, ranks: readonly number[], labels: Int32Array, start: Int32Array): Int32Array[] {
    // Only for grids of single-node classes (twins would already have collapsed the quotient).
    if (ranks.some(r => q.classes.classOf[r] < 0 || q.size[q.classes.classOf[r]] !== 1)) return [];
    const { axes, coordinates } = grid;
    const stride: number[] = [];
    for (let d = 0, step = 1; d < axes.length; d++) { stride.push(step); step *= axes[d].extent; }
    const index = new Int32Array(ranks.length);
    const at = new Int32Array(ranks.length).fill(-1);
    for (let i = 0; i < ranks.length; i++) {
        let x = 0;
        for (let d = 0; d < axes.length; d++) x += coordinates[d][i] * stride[d];
        index[i] = x;
        at[x] = i;
    }
    const found: Int32Array[] = [];
    const tryMap = (move: Move): boolean => {
        const map = classMap(q, grid, ranks, index, at, stride, move);
        if (!map || !isAutomorphism(q, labels, start, map)) return false;
        found.push(map);
        return true;
    };
    axes.forEach((axis, d) => {
        const k = axis.extent;
        if (axis.closed) {
            // The smallest translation that holds: the period of the dimension's links.
            let period = k;
            for (let t = 1; t < k; t++) {
                if (k % t !== 0) continue;
                if (tryMap({ axis: d, to: x => (x + t) % k })) { period = t; break; }
            }
            // x → c − x composed with the translation is x → c + period − x: centres below the period suffice.
            for (let centre = 0; centre < period; centre++) if (tryMap({ axis: d, to: x => (centre - x + k) % k })) break;
        } else {
            tryMap({ axis: d, to: x => k - 1 - x });
        }
    });
    for (let d = 0; d < axes.length; d++) {
        for (let e = d + 1; e < axes.length; e++) {
            if (axes[d].extent !== axes[e].extent || axes[d].closed !== axes[e].closed) continue;
            tryMap({ swap: [d, e] });
        }
    }
    return found;
}

/**
 * gridGenerators of a network's participant quotient `q` (cached under `key`, see
 * participantQuotientKeyed) for `ranks` in their order, with the quotient's arc labels and the
 * participation colouring (given lazily: they are only computed when the generators are): null when
 * the ranks form no grid. Kept on the network, so that an all-to-all phase's symmetry and its
 * failures' orbits (which both ask) read the grid's symmetries once.
 */
export function networkGridGenerators(net: Network, q: QuotientGraph, key: string, ranks: readonly number[], labels: () => Int32Array, start: () => Int32Array): Int32Array[] | null {
    // Only ranks that form a grid are cached: a known entry needs no second look at the grid.
    const cacheKey = `${key}|${ranks.join(',')}`;
    const known = net.gridSymmetries?.get(cacheKey);
    if (known && net.quotients?.get(key) === q) return known;
    const grid = rankGrid(net.graph, ranks);
    if (typeof grid === 'string') return null;
    const found = gridGenerators(q, grid, ranks, labels(), start());
    if (net.quotients?.get(key) === q) net.gridSymmetries?.set(cacheKey, found);
    return found;
}
