/**
 * The ranks as a torus or mesh: the dimensions the elaborator wrote on each grid link (`axis`, the
 * link going one step up), joined across static links and the circuits of the phase's configuration
 * (a TPU-style pod's cube meshes closed into a torus by OCS circuits). Each rank gets a coordinate
 * per dimension; a dimension's lines are rings (torus) or paths (mesh) of equal length.
 */
import type { FabricGraph } from '../../graph/fabric-graph.js';

export interface GridAxis {
    /** The dimension index the links carry. */
    readonly axis: number;
    /** Ranks per line. */
    readonly extent: number;
    /** Lines close (torus) or end at the faces (mesh). */
    readonly closed: boolean;
    /** Every line in order, `+axis` step by step. */
    readonly lines: ReadonlyArray<readonly number[]>;
}

export interface RankGrid {
    /** Dimensions with more than one rank per line. */
    readonly axes: readonly GridAxis[];
    /** Coordinate of each rank (by position in `ranks`) per axis of `axes`. */
    readonly coordinates: ReadonlyArray<Int32Array>;
}

/** Successor along each axis, from the axis-labelled links and circuits in the graph. */
function axisSuccessors(graph: FabricGraph): Map<number, { succ: Int32Array; pred: Int32Array; ambiguous: boolean }> {
    const model = graph.model;
    const byAxis = new Map<number, { succ: Int32Array; pred: Int32Array; ambiguous: boolean }>();
    const note = (axis: number | undefined, a: number, b: number) => {
        if (axis === undefined || !Number.isInteger(axis) || axis < 0) return;
        let entry = byAxis.get(axis);
        if (!entry) {
            entry = { succ: new Int32Array(graph.nodeCount).fill(-1), pred: new Int32Array(graph.nodeCount).fill(-1), ambiguous: false };
            byAxis.set(axis, entry);
        }
        if ((entry.succ[a] >= 0 && entry.succ[a] !== b) || (entry.pred[b] >= 0 && entry.pred[b] !== a)) entry.ambiguous = true;
        entry.succ[a] = b;
        entry.pred[b] = a;
    };
    for (const link of model.links) if (link.axis !== undefined && graph.memberEdge[link.id] >= 0) note(link.axis, link.a, link.b);
    graph.circuits.forEach((c, i) => { if (c.axis !== undefined && graph.memberEdge[model.links.length + i] >= 0) note(c.axis, c.a, c.b); });
    return byAxis;
}

/** The ranks as a product of lines, or why they are not (read once per graph and rank list). */
export function rankGrid(graph: FabricGraph, ranks: readonly number[]): RankGrid | string {
    const key = ranks.join(',');
    let grid = graph.rankGrids.get(key);
    if (grid === undefined) { grid = readGrid(graph, ranks); graph.rankGrids.set(key, grid); }
    return grid;
}

function readGrid(graph: FabricGraph, ranks: readonly number[]): RankGrid | string {
    const n = ranks.length;
    const position = new Map<number, number>();
    ranks.forEach((r, i) => position.set(r, i));
    const successors = axisSuccessors(graph);
    if (successors.size === 0) return 'the ranks are not joined by torus or mesh links';
    const axes: GridAxis[] = [];
    for (const [axis, { succ, pred, ambiguous }] of [...successors].sort((x, y) => x[0] - y[0])) {
        if (ambiguous) return `the links along dimension ${axis} do not form single lines (two grids share the dimension)`;
        const seen = new Uint8Array(n);
        const lines: number[][] = [];
        let closed: boolean | null = null;
        for (let i = 0; i < n; i++) {
            if (seen[i]) continue;
            // Back to the head of an open line, or once round a closed one.
            let head = ranks[i];
            let isClosed = false;
            for (let steps = 0; pred[head] >= 0; steps++) {
                head = pred[head];
                if (head === ranks[i]) { isClosed = true; break; }
                if (steps > graph.nodeCount) return `the links along dimension ${axis} loop without closing`;
            }
            const line: number[] = [];
            for (let u = head; u >= 0;) {
                const at = position.get(u);
                if (at === undefined) return `the ranks do not fill whole lines of the grid along dimension ${axis}`;
                if (seen[at]) return `the links along dimension ${axis} do not form single lines`;
                seen[at] = 1;
                line.push(u);
                u = succ[u];
                if (u === head) break;
            }
            if (closed === null) closed = isClosed;
            if (closed !== isClosed) return `dimension ${axis} mixes closed and open lines`;
            lines.push(line);
        }
        const extent = lines[0].length;
        if (lines.some(l => l.length !== extent)) return `the lines along dimension ${axis} differ in length`;
        if (extent > 1) axes.push({ axis, extent, closed: closed === true, lines });
    }
    if (axes.length === 0) return 'the ranks are not joined by torus or mesh links';
    const product = axes.reduce((p, a) => p * a.extent, 1);
    if (product !== n) return `the grid dimensions (${axes.map(a => a.extent).join('×')}) do not multiply to the ${n} ranks`;
    // Coordinates: position within its line per axis, aligned across parallel lines by walking from rank 0.
    const coordinates = axes.map(() => new Int32Array(n).fill(-1));
    const lineOf = axes.map(a => {
        const where = new Int32Array(n);
        const index = new Int32Array(n);
        a.lines.forEach((line, l) => line.forEach((u, k) => { where[position.get(u)!] = l; index[position.get(u)!] = k; }));
        return { where, index };
    });
    const queue = new Int32Array(n);
    let head = 0, tail = 0;
    queue[tail++] = 0;
    // Open lines count from their head; closed ones from rank 0's position (any origin will do).
    axes.forEach((a, d) => { coordinates[d][0] = a.closed ? 0 : lineOf[d].index[0]; });
    const done = new Uint8Array(n);
    done[0] = 1;
    const D = axes.length;
    while (head < tail) {
        const i = queue[head++];
        for (let d = 0; d < D; d++) {
            const axis = axes[d];
            const line = axis.lines[lineOf[d].where[i]];
            const k = lineOf[d].index[i];
            for (let step = -1; step <= 1; step += 2) {
                const kk = k + step;
                if (!axis.closed && (kk < 0 || kk >= line.length)) continue;
                const j = position.get(line[(kk + line.length) % line.length])!;
                const moved = coordinates[d][i] + step;
                const along = axis.closed ? (moved + axis.extent) % axis.extent : moved;
                if (!done[j]) {
                    done[j] = 1;
                    for (let e = 0; e < D; e++) coordinates[e][j] = e === d ? along : coordinates[e][i];
                    queue[tail++] = j;
                } else {
                    for (let e = 0; e < D; e++) if (coordinates[e][j] !== (e === d ? along : coordinates[e][i])) return 'the grid links do not form a product of lines';
                }
            }
        }
    }
    return { axes, coordinates };
}

/**
 * A Hamiltonian cycle of a torus along its links: the boustrophedon through the coordinates, which
 * ends next to where it starts when every dimension but the last is crossed an even number of times
 * and the last closes (as on a 16×16×16 torus). Null when the grid does not allow it this way.
 */
export function snakeCycle(grid: RankGrid, ranks: readonly number[]): number[] | null {
    const { axes, coordinates } = grid;
    const D = axes.length;
    if (!axes[D - 1].closed || axes[D - 1].extent < 3) return null;
    const at = new Map<string, number>();
    for (let i = 0; i < ranks.length; i++) at.set(Array.from({ length: D }, (_, d) => coordinates[d][i]).join(','), ranks[i]);
    const order: number[] = [];
    const coord = new Array<number>(D).fill(0);
    const dir = new Array<number>(D).fill(1);
    const total = ranks.length;
    for (let step = 0; step < total; step++) {
        order.push(at.get(coord.join(','))!);
        // Advance the reflected mixed-radix counter: the fastest axis that can still move, moves.
        for (let d = 0; d < D; d++) {
            const next = coord[d] + dir[d];
            if (next >= 0 && next < axes[d].extent) { coord[d] = next; break; }
            dir[d] = -dir[d];
        }
    }
    const last = order[order.length - 1];
    const lastIndex = ranks.indexOf(last);
    const closes = axes.every((a, d) => (d === D - 1 ? coordinates[d][lastIndex] === a.extent - 1 : coordinates[d][lastIndex] === 0));
    return closes && order.every(x => x !== undefined) ? order : null;
}
