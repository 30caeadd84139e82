/**
 * Rings along physical neighbours: Hamiltonian cycles over the direct links among the ranks, as many
 * as the links allow without sharing a link (a pair joined by two links can carry two rings), as NCCL
 * lays its channels over a DGX-1-style hybrid cube-mesh ("three interwoven rings of single NVLink
 * connections", NVIDIA DGX-1 white paper). Small rank sets are searched for the largest such set; large
 * ones greedily, a cycle at a time, with Warnsdorff's rule (fewest free neighbours first). Every search
 * is bounded: it gives up rather than hang the editor.
 */

export interface NeighbourGraph {
    /** Neighbours of each rank position. */
    readonly adjacency: ReadonlyArray<readonly number[]>;
    /** Links between positions i < j, keyed i·n + j. */
    readonly units: ReadonlyMap<number, number>;
}

/** Below this many ranks the search tries every combination of cycles (within its budget). */
export const EXHAUSTIVE_RANKS = 16;
/** Above it, only sparse neighbourhoods are searched: on dense ones a direct algorithm does better anyway. */
export const GREEDY_MAX_DEGREE = 16;

const key = (n: number, i: number, j: number) => (i < j ? i * n + j : j * n + i);

class Search {
    expansions = 0;
    constructor(private readonly n: number, private readonly g: NeighbourGraph, private readonly free: Map<number, number>, readonly budget: number) { }

    get exhausted(): boolean {
        return this.expansions >= this.budget;
    }

    private freeUnits(i: number, j: number): number {
        return this.free.get(key(this.n, i, j)) ?? 0;
    }

    /** Up to `limit` Hamiltonian cycles over the free links (each once, not reversed), from position 0. */
    cycles(limit: number): number[][] {
        const n = this.n;
        const found: number[][] = [];
        const path = [0];
        const onPath = new Uint8Array(n);
        onPath[0] = 1;
        const freeDegree = (u: number) => this.g.adjacency[u].filter(v => !onPath[v] && this.freeUnits(u, v) > 0).length;
        const walk = (): boolean => {
            if (found.length >= limit || this.exhausted) return true;
            this.expansions++;
            const u = path[path.length - 1];
            if (path.length === n) {
                if (this.freeUnits(u, 0) > 0 && path[1] < path[n - 1]) found.push(path.slice());
                return false;
            }
            const next = this.g.adjacency[u].filter(v => !onPath[v] && this.freeUnits(u, v) > 0);
            next.sort((x, y) => freeDegree(x) - freeDegree(y) || x - y);
            for (const v of next) {
                path.push(v); onPath[v] = 1;
                const stop = walk();
                path.pop(); onPath[v] = 0;
                if (stop) return true;
            }
            return false;
        };
        walk();
        return found;
    }

    take(cycle: readonly number[], sign: number): void {
        for (let i = 0; i < cycle.length; i++) {
            const k = key(this.n, cycle[i], cycle[(i + 1) % cycle.length]);
            this.free.set(k, (this.free.get(k) ?? 0) - sign);
        }
    }
}

/** Link-disjoint Hamiltonian cycles over the ranks' direct links, as position sequences; [] when none is found. */
export function disjointHamiltonianCycles(n: number, graph: NeighbourGraph, budget = Math.min(200_000, 50 * n + 20_000)): number[][] {
    if (n < 3) return [];
    let minDegree = Infinity;
    for (let i = 0; i < n; i++) {
        let units = 0;
        for (const j of graph.adjacency[i]) units += graph.units.get(key(n, i, j)) ?? 0;
        minDegree = Math.min(minDegree, units);
    }
    const most = Math.floor(minDegree / 2);
    if (most === 0) return [];
    const search = new Search(n, graph, new Map(graph.units), budget);
    if (n <= EXHAUSTIVE_RANKS) {
        let best: number[][] = [];
        const chosen: number[][] = [];
        const extend = () => {
            if (chosen.length > best.length) best = chosen.slice();
            if (best.length >= most || search.exhausted) return;
            for (const cycle of search.cycles(64)) {
                search.take(cycle, 1);
                chosen.push(cycle);
                extend();
                chosen.pop();
                search.take(cycle, -1);
                if (best.length >= most || search.exhausted) return;
            }
        };
        extend();
        return best;
    }
    if (graph.adjacency.some(a => a.length > GREEDY_MAX_DEGREE)) return [];
    const cycles: number[][] = [];
    while (cycles.length < most && !search.exhausted) {
        const [cycle] = search.cycles(1);
        if (!cycle) break;
        search.take(cycle, 1);
        cycles.push(cycle);
    }
    return cycles;
}
