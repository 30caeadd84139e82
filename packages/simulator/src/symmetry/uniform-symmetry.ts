/**
 * Symmetry for all-to-all on fabrics without twins (tori, meshes, OCS-composed pods): if automorphisms
 * carry source s to s', the load s' puts on an arc is the load s puts on its preimage. So one BFS per
 * orbit of sources suffices, and the summed load is spread evenly over each orbit of arcs:
 * T(a) = (1/|orb a|) Σ_{b ∈ orb a} Σ_O |O| · load_{rep O}(b). A failure keeps the symmetries it does
 * not break: the fabric's own generators are re-checked against the failed state, not searched again.
 */
import type { Network } from '../collectives/collectives.js';
import { arcLabels, arcOrbits, closedTwinGenerators, colouring, isAutomorphism, searchSymmetry } from './quotient-automorphisms.js';
import { networkGridGenerators } from './grid-symmetry.js';
import { setRoot } from '../graph/disjoint-sets.js';
import { quotientArc, unchangedClasses, type QuotientGraph } from './quotient-graph.js';

export interface UniformSymmetry {
    /** Orbit representative of each class (itself when alone). */
    readonly classOrbit: Int32Array;
    /** Classes in each representative's orbit. */
    readonly orbitSize: Int32Array;
    readonly arcOrbit: Int32Array;
    readonly arcOrbitSize: Int32Array;
    /** The class permutations the orbits come from. */
    readonly generators: readonly Int32Array[];
}

/**
 * Whether a flows pattern maps onto itself under every generator, on a quotient whose classes are
 * single nodes: then, as for all-to-all, one source per orbit can be routed and its load spread over
 * the orbits of arcs.
 */
export function flowsInvariant(q: QuotientGraph, symmetry: UniformSymmetry, src: Int32Array, dst: Int32Array): boolean {
    const keeps = flowsKeptBy(q, symmetry, src, dst);
    return keeps !== null && keeps.every(Boolean);
}

/**
 * The symmetry of a flows pattern: the orbits under those of `symmetry`'s generators that map it onto
 * itself (`symmetry` itself when every one does), on a quotient whose classes are single nodes; null
 * when none does. The kept generators span a group of automorphisms that keeps the pattern, so one
 * source per orbit of it stands for the rest, as flowsInvariant's case does for the whole group.
 * (A torus's half shift along one axis is kept by every translation and reflection, not by the
 * generators that swap axes.)
 */
export function flowsSymmetry(q: QuotientGraph, symmetry: UniformSymmetry, src: Int32Array, dst: Int32Array): UniformSymmetry | null {
    const keeps = flowsKeptBy(q, symmetry, src, dst);
    if (keeps === null || !keeps.some(Boolean)) return null;
    if (keeps.every(Boolean)) return symmetry;
    return orbitsUnder(q, symmetry.generators.filter((_, i) => keeps[i]));
}

/** Per generator, whether it maps the flows onto themselves; null unless every flow's ends are single-node classes. */
function flowsKeptBy(q: QuotientGraph, symmetry: UniformSymmetry, src: Int32Array, dst: Int32Array): boolean[] | null {
    const cls = q.classes.classOf;
    for (let i = 0; i < src.length; i++) if (cls[src[i]] < 0 || cls[dst[i]] < 0 || q.size[cls[src[i]]] !== 1 || q.size[cls[dst[i]]] !== 1) return null;
    const flows = new Set<number>();
    const n = q.count;
    for (let i = 0; i < src.length; i++) flows.add(cls[src[i]] * n + cls[dst[i]]);
    return symmetry.generators.map(map => {
        for (let i = 0; i < src.length; i++) if (!flows.has(map[cls[src[i]]] * n + map[cls[dst[i]]])) return false;
        return true;
    });
}

/** Below this many participating classes, routing every source costs less than the search. */
const MIN_CLASSES = 256;

function participation(q: QuotientGraph, ranks: readonly number[]): Uint8Array {
    const inP = new Uint8Array(q.count);
    for (const r of ranks) if (q.classes.classOf[r] >= 0) inP[q.classes.classOf[r]] = 1;
    return inP;
}

function generatorsFor(net: Network, q: QuotientGraph, inP: Uint8Array, key: string, ranks: readonly number[], classes: number): Int32Array[] {
    const cached = net.symmetries?.get(key);
    if (cached) return cached;
    const start = colouring(q, c => `${inP[c]}`);
    let generators: Int32Array[];
    const base = net.base;
    if (base) {
        // The fabric's generators, moved onto this state's classes and kept where they still hold.
        const baseQ = base.quotients?.get(key);
        const baseGenerators = base.symmetries?.get(key) ?? [];
        generators = [];
        // Where the failure kept the classes, only the classes whose arcs it changed need checking.
        const unchanged = baseQ && net.affected ? unchangedClasses(baseQ, q.classes, q.rep, net.affected) : null;
        const labels = unchanged ? null : arcLabels(q);
        for (const map of baseQ ? baseGenerators : []) {
            const moved = new Int32Array(q.count);
            let ok = true;
            for (let c = 0; c < q.count && ok; c++) {
                const rep = q.rep[c];
                const baseClass = baseQ!.classes.classOf[rep];
                if (baseClass < 0) { ok = false; break; }
                const image = map[baseClass];
                // Twins map as whole classes; a lone node maps to the lone node of its image.
                const node = baseQ!.size[baseClass] === 1 ? baseQ!.rep[image] : image === baseClass ? rep : -1;
                moved[c] = node >= 0 ? q.classes.classOf[node] : -1;
                if (moved[c] < 0) ok = false;
            }
            if (ok && (unchanged ? keepsChanges(q, start, moved, unchanged) : isAutomorphism(q, labels!, start, moved))) generators.push(moved);
        }
    } else {
        // A torus or mesh shows its automorphisms in its coordinates; otherwise search, spending at
        // most half of what routing every source would cost (the search pays only if it is cheaper).
        // Closed twins (a fully connected fabric) are read off adjacencies in O(arcs).
        const labels = arcLabels(q);
        generators = closedTwinGenerators(q, labels, start);
        if (generators.length === 0) generators = networkGridGenerators(net, q, key, ranks, () => labels, () => start) ?? [];
        if (generators.length === 0) generators = [...searchSymmetry(q, start, c => inP[c] === 1, 16, classes * q.qHead.length / 4).generators];
    }
    net.symmetries?.set(key, generators);
    return generators;
}

/**
 * Whether `map`, an automorphism of the quotient before a failure (classes numbered alike, see
 * unchangedClasses), is one of `q` after it: what isAutomorphism answers, checking arc by arc only the
 * moved classes whose run of arcs, or whose image's, the failure changed. Between two unchanged runs
 * every arc and its image are as they were before, and `map` carried the one onto the other.
 */
function keepsChanges(q: QuotientGraph, start: Int32Array, map: Int32Array, unchanged: Uint8Array): boolean {
    const { qStart, qHead, qCapacity, qLatency, qEnergyPerByte } = q;
    const same = (x: number, y: number) => x === y || (x !== x && y !== y); // as arc labels tell values apart
    for (let c = 0; c < map.length; c++) {
        const m = map[c];
        if (m === c) continue;
        if (m < 0 || m >= q.count || start[c] !== start[m]) return false;
        if (unchanged[c] === 1 && unchanged[m] === 1) continue;
        if (qStart[c + 1] - qStart[c] !== qStart[m + 1] - qStart[m]) return false;
        for (let a = qStart[c]; a < qStart[c + 1]; a++) {
            const image = quotientArc(q, m, map[qHead[a]]);
            if (image < 0 || !same(qCapacity[image], qCapacity[a]) || !same(qLatency[image], qLatency[a]) || !same(qEnergyPerByte[image], qEnergyPerByte[a])) return false;
        }
    }
    return true;
}

/** Orbits of the participating classes and of the arcs, or null when not worth it or none found. */
export function uniformSymmetry(net: Network, q: QuotientGraph, ranks: readonly number[], key: string): UniformSymmetry | null {
    if (!net.symmetries) return null;
    const known = net.orbits?.get(q);
    if (known !== undefined) return known;
    const found = computeUniformSymmetry(net, q, ranks, key);
    net.orbits?.set(q, found);
    return found;
}

function computeUniformSymmetry(net: Network, q: QuotientGraph, ranks: readonly number[], key: string): UniformSymmetry | null {
    const inP = participation(q, ranks);
    let classes = 0;
    for (let c = 0; c < q.count; c++) classes += inP[c];
    if (classes < MIN_CLASSES) return null;
    const generators = generatorsFor(net, q, inP, key, ranks, classes);
    if (generators.length === 0) return null;
    return orbitsUnder(q, generators);
}

/** The orbits of classes and arcs under the group the generators span. */
function orbitsUnder(q: QuotientGraph, generators: readonly Int32Array[]): UniformSymmetry {
    const parent = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) parent[c] = c;
    for (const map of generators) for (let c = 0; c < q.count; c++) { const r1 = setRoot(parent, c), r2 = setRoot(parent, map[c]); if (r1 !== r2) parent[r1] = r2; }
    const classOrbit = new Int32Array(q.count);
    const orbitSize = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) { classOrbit[c] = setRoot(parent, c); orbitSize[classOrbit[c]]++; }
    const arcs = arcOrbits(q, generators);
    return { classOrbit, orbitSize, arcOrbit: arcs.orbit, arcOrbitSize: arcs.size, generators };
}
