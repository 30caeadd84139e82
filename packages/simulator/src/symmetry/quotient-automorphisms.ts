/**
 * Automorphisms of the quotient graph: permutations of classes that keep sizes, kinds, arc labels
 * (capacity, latency, energy) and a caller's colouring. Candidates come from colour refinement and
 * individualisation; every permutation returned has been checked arc by arc, so a refinement that
 * cannot tell two classes apart (or a hash collision) costs only a missed symmetry, never a wrong one.
 */
import type { QuotientGraph } from './quotient-graph.js';
import { quotientArc } from './quotient-graph.js';
import { searchSorted } from '../graph/fabric-graph.js';
import { setRoot } from '../graph/disjoint-sets.js';

/** One id per distinct (capacity, latency, energy) of the quotient's arcs. */
export function arcLabels(q: QuotientGraph): Int32Array {
    const cap = valueIds(q.qCapacity), lat = valueIds(q.qLatency), energy = valueIds(q.qEnergyPerByte);
    let span = 0, span2 = 0;
    for (let a = 0; a < lat.length; a++) {
        if (lat[a] > span) span = lat[a];
        if (energy[a] > span2) span2 = energy[a];
    }
    span++; span2++;
    const keys = new Float64Array(lat.length);
    for (let a = 0; a < keys.length; a++) keys[a] = (cap[a] * span + lat[a]) * span2 + energy[a];
    return valueIds(keys);
}

/** Few values are looked up in a short list before a map. */
const FEW = 8;

/**
 * Each value's id, numbered by first appearance, equal as a Map's keys are (SameValueZero). A
 * quotient's arcs carry a handful of distinct values: the first few are found without hashing.
 */
function valueIds(column: Float64Array): Int32Array {
    const out = new Int32Array(column.length);
    const few = new Float64Array(FEW);
    let count = 0;
    let more: Map<number, number> | null = null;
    for (let a = 0; a < column.length; a++) {
        const v = column[a];
        let id = -1;
        for (let i = 0; i < count && i < FEW; i++) if (few[i] === v || (v !== v && few[i] !== few[i])) { id = i; break; }
        if (id < 0) {
            if (count < FEW) { few[count] = v; id = count++; }
            else {
                more ??= new Map();
                id = more.get(v) ?? -1;
                if (id < 0) { id = count++; more.set(v, id); }
            }
        }
        out[a] = id;
    }
    return out;
}

/** Initial colours from a per-class key (classes with equal keys may be swapped). */
export function colouring(q: QuotientGraph, key: (c: number) => string): Int32Array {
    const ids = new Map<string, number>();
    const colours = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) {
        const k = `${key(c)}|${q.size[c]}|${q.forwards[c]}|${q.nodeLatency[c]}|${q.graph.nodeKind[q.rep[c]]}`;
        colours[c] = ids.get(k) ?? ids.set(k, ids.size).get(k)!;
    }
    return colours;
}

function mix(h: number, v: number): number {
    h = Math.imul(h ^ v, 0x9e3779b1);
    return (h ^ (h >>> 15)) >>> 0;
}

/** Arc visits a search may still spend; it stops (keeping what it found) when they run out. */
export interface SearchBudget {
    remaining: number;
}

/**
 * Refines colourings jointly (one naming shared by all copies) until the number of colours stops
 * growing. A neighbourhood is hashed as a multiset (order-free sums), so no sorting is needed.
 * Returns false when the copies stop being comparable or the budget runs out.
 */
function refine(q: QuotientGraph, labels: Int32Array, copies: Int32Array[], budget: SearchBudget): boolean {
    const n = q.count;
    let count = -1;
    const next = copies.map(() => new Int32Array(n));
    for (;;) {
        budget.remaining -= copies.length * (q.qHead.length + n);
        if (budget.remaining < 0) return false;
        const ids = new Map<number, number>();
        let firstCopyColours = 0;
        copies.forEach((colours, i) => {
            const out = next[i];
            for (let c = 0; c < n; c++) {
                let sum = 0, xor = 0;
                for (let a = q.qStart[c]; a < q.qStart[c + 1]; a++) {
                    const pair = mix(mix(0x12345, labels[a]), colours[q.qHead[a]]);
                    sum = (sum + pair) >>> 0;
                    xor ^= mix(pair, 0x2545f491);
                }
                const h = mix(mix(mix(0x811c9dc5, colours[c]), sum), xor);
                let id = ids.get(h);
                if (id === undefined) { id = ids.size; ids.set(h, id); }
                out[c] = id;
            }
            if (i === 0) firstCopyColours = ids.size;
        });
        // Copies stay comparable only while every colour has as many members in each.
        if (copies.length > 1) {
            if (ids.size !== firstCopyColours) return false;
            const counts = new Int32Array(ids.size);
            for (const c of next[0]) counts[c]++;
            for (const c of next[1]) if (--counts[c] < 0) return false;
        }
        next.forEach((colours, i) => copies[i].set(colours));
        if (firstCopyColours === count) return true;
        count = firstCopyColours;
    }
}

/** The classes a map moves (it fixes the others). */
function movedBy(map: Int32Array): number[] {
    const moved: number[] = [];
    for (let c = 0; c < map.length; c++) if (map[c] !== c) moved.push(c);
    return moved;
}

/**
 * Whether a class map is an automorphism. Only moved classes need checking: an arc between two fixed
 * classes maps to itself, and one from a fixed class into a moved one is the reverse of an arc the
 * moved class's check covers (arcs and their reverses carry the same label).
 */
export function isAutomorphism(q: QuotientGraph, labels: Int32Array, start: Int32Array, map: Int32Array): boolean {
    if (map.length !== q.count) return false;
    for (const c of movedBy(map)) {
        const m = map[c];
        if (m < 0 || m >= q.count || start[c] !== start[m] || q.qStart[c + 1] - q.qStart[c] !== q.qStart[m + 1] - q.qStart[m]) return false;
        for (let a = q.qStart[c]; a < q.qStart[c + 1]; a++) {
            const image = quotientArc(q, m, map[q.qHead[a]]);
            if (image < 0 || labels[image] !== labels[a]) return false;
        }
    }
    return true;
}

/** An automorphism mapping class x to class y, found greedily, or null. */
function automorphism(q: QuotientGraph, labels: Int32Array, start: Int32Array, stable: Int32Array, x: number, y: number, budget: SearchBudget): Int32Array | null {
    const a = stable.slice(), b = stable.slice();
    let fresh = 2 * q.count + 1; // above every name a refinement hands out
    a[x] = b[y] = fresh++;
    for (;;) {
        if (!refine(q, labels, [a, b], budget)) return null;
        // Individualise the first member of the smallest open cell in both copies alike.
        const sizes = new Map<number, number>();
        for (let c = 0; c < q.count; c++) sizes.set(a[c], (sizes.get(a[c]) ?? 0) + 1);
        let colour = -1, best = Infinity;
        for (const [col, size] of sizes) if (size > 1 && (size < best || (size === best && col < colour))) { colour = col; best = size; }
        if (colour < 0) break;
        let u = -1, v = -1;
        for (let c = 0; c < q.count && (u < 0 || v < 0); c++) {
            if (u < 0 && a[c] === colour) u = c;
            if (v < 0 && b[c] === colour) v = c;
        }
        a[u] = b[v] = fresh++;
    }
    const inB = new Int32Array(fresh + 1).fill(-1);
    for (let c = 0; c < q.count; c++) if (b[c] >= 0 && b[c] <= fresh) inB[b[c]] = c;
    const map = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) map[c] = a[c] >= 0 && a[c] <= fresh ? inB[a[c]] : -1;
    return isAutomorphism(q, labels, start, map) ? map : null;
}

export interface Symmetry {
    /** Verified class permutations. */
    readonly generators: readonly Int32Array[];
    /** Orbit id of each class under the group they generate. */
    readonly classOrbit: Int32Array;
}

/**
 * Generators of automorphisms respecting `start`, enough to join the classes `wanted` accepts into
 * their orbits where the search succeeds; at most `failuresAllowed` failed attempts and `work` arc
 * visits (on a complete graph individualisation-refinement costs O(n³) per generator: the caller caps
 * it at what the symmetry could save). Generators found before the budget runs out are kept: each is
 * verified, so partial orbits are still exact.
 */
export function searchSymmetry(q: QuotientGraph, start: Int32Array, wanted: (c: number) => boolean, failuresAllowed = 16, work = Infinity): Symmetry {
    const budget: SearchBudget = { remaining: work };
    const labels = arcLabels(q);
    const parent = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) parent[c] = c;
    const generators: Int32Array[] = [];
    const stable = start.slice();
    if (refine(q, labels, [stable], budget)) {
        const cells = new Map<number, number[]>();
        for (let c = 0; c < q.count; c++) if (wanted(c)) (cells.get(stable[c]) ?? cells.set(stable[c], []).get(stable[c])!).push(c);
        let failures = 0;
        for (const members of cells.values()) {
            for (const y of members.slice(1)) {
                if (failures >= failuresAllowed || budget.remaining < 0) break;
                if (setRoot(parent, y) === setRoot(parent, members[0])) continue;
                const map = automorphism(q, labels, start, stable, members[0], y, budget);
                if (!map) { failures++; continue; }
                generators.push(map);
                for (let c = 0; c < q.count; c++) { const r1 = setRoot(parent, c), r2 = setRoot(parent, map[c]); if (r1 !== r2) parent[r1] = r2; }
            }
        }
    }
    const classOrbit = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) classOrbit[c] = setRoot(parent, c);
    return { generators, classOrbit };
}

/**
 * Transpositions of closed twins: two adjacent classes whose other neighbours are the same, over arcs
 * alike (in a fully connected fabric every pair is such). Swapping them fixes everything else, so each
 * swap is an automorphism; swaps of consecutive members of a run join the whole run into one orbit.
 * O(arcs): a complete graph gets its symmetry without a search.
 */
export function closedTwinGenerators(q: QuotientGraph, labels: Int32Array, start: Int32Array): Int32Array[] {
    const groups = new Map<string, number[]>();
    for (let c = 0; c < q.count; c++) {
        const key = `${start[c]}|${q.qStart[c + 1] - q.qStart[c]}`;
        (groups.get(key) ?? groups.set(key, []).get(key)!).push(c);
    }
    // u, v closed twins: an arc u → v, and the same other neighbours over the same labels.
    const twins = (u: number, v: number): boolean => {
        const uv = quotientArc(q, u, v), vu = quotientArc(q, v, u);
        if (uv < 0 || vu < 0 || labels[uv] !== labels[vu]) return false;
        let a = q.qStart[u], b = q.qStart[v];
        const aEnd = q.qStart[u + 1], bEnd = q.qStart[v + 1];
        for (;;) {
            while (a < aEnd && q.qHead[a] === v) a++;
            while (b < bEnd && q.qHead[b] === u) b++;
            if (a === aEnd || b === bEnd) return a === aEnd && b === bEnd;
            if (q.qHead[a] !== q.qHead[b] || labels[a] !== labels[b]) return false;
            a++; b++;
        }
    };
    const generators: Int32Array[] = [];
    for (const members of groups.values()) {
        for (let i = 0; i + 1 < members.length; i++) {
            const u = members[i], v = members[i + 1];
            if (!twins(u, v)) continue;
            const map = new Int32Array(q.count);
            for (let c = 0; c < q.count; c++) map[c] = c;
            map[u] = v; map[v] = u;
            generators.push(map);
        }
    }
    return generators;
}

/**
 * Joins the sets of arcs a and image, the smaller under the larger. (Module-level: closures made per
 * call would lose their optimised code at every full collection, see ROUTING_SHAPE_ANCHORS.)
 */
function joinArcs(parent: Int32Array, weight: Int32Array, a: number, image: number): void {
    const r1 = setRoot(parent, a), r2 = setRoot(parent, image);
    if (r1 === r2) return;
    if (weight[r1] < weight[r2]) { parent[r1] = r2; weight[r2] += weight[r1]; } else { parent[r2] = r1; weight[r1] += weight[r2]; }
}

/** Orbits of quotient arcs under the group the generators span, with their sizes. */
export function arcOrbits(q: QuotientGraph, generators: readonly Int32Array[]): { orbit: Int32Array; size: Int32Array } {
    const m = q.qHead.length;
    const { qStart, qHead, qRev } = q;
    // Union by size keeps the trees shallow (an orbit of a torus's translations holds thousands of
    // arcs); which arc names an orbit does not matter, only which arcs share one.
    const parent = new Int32Array(m);
    const weight = new Int32Array(m).fill(1);
    for (let a = 0; a < m; a++) parent[a] = a;
    for (const map of generators) {
        // Arcs between fixed classes stay put; the others are the arcs of moved classes and their reverses.
        for (let c = 0; c < map.length; c++) {
            const mc = map[c];
            if (mc === c) continue;
            const from = qStart[mc], to = qStart[mc + 1];
            for (let a = qStart[c], end = qStart[c + 1]; a < end; a++) {
                const y = qHead[a], my = map[y];
                const image = searchSorted(qHead, from, to, my);
                joinArcs(parent, weight, a, image);
                // The image of the reverse arc is the reverse of the image; when the head moves too,
                // its own arcs join that pair.
                if (my === y) joinArcs(parent, weight, qRev[a], image >= 0 ? qRev[image] : quotientArc(q, my, mc));
            }
        }
    }
    const orbit = new Int32Array(m);
    const size = new Int32Array(m);
    for (let a = 0; a < m; a++) { orbit[a] = setRoot(parent, a); size[orbit[a]]++; }
    return { orbit, size };
}
