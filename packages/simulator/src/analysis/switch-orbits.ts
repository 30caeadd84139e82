/**
 * Orbits of switch classes under the automorphisms of the fabric that fix every accelerator: two
 * switches in one orbit fail with the same consequences, so a sweep prices one of them. Twins are
 * the easy case; rail-style planes (leaf j of every rack with spine plane j) need more: swapping two
 * planes fixes every accelerator yet moves every leaf.
 *
 * Works on the twin quotient (small for regular fabrics). Candidates come from colour refinement
 * with every accelerator class individualised; each is confirmed by building an automorphism with
 * individualisation–refinement and checking it arc by arc. Only confirmed automorphisms join
 * orbits, so a refinement that cannot tell two classes apart never merges them wrongly.
 */
import { KIND_ACCELERATOR } from './fabric-graph.js';
import { quotientArc, type QuotientGraph } from './quotient-graph.js';

function arcLabels(q: QuotientGraph): Int32Array {
    const ids = new Map<string, number>();
    const labels = new Int32Array(q.qHead.length);
    for (let a = 0; a < labels.length; a++) {
        const key = `${q.qCapacity[a]}|${q.qLatency[a]}|${q.qEnergyPerByte[a]}`;
        labels[a] = ids.get(key) ?? ids.set(key, ids.size).get(key)!;
    }
    return labels;
}

function initialColours(q: QuotientGraph): Int32Array {
    const g = q.graph;
    const ids = new Map<string, number>();
    const colours = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) {
        const r = q.rep[c];
        // Accelerator classes keep their identity: rank order must be preserved.
        const key = g.nodeKind[r] === KIND_ACCELERATOR ? `a${c}`
            : `${g.nodeKind[r]}|${q.size[c]}|${q.forwards[c]}|${q.nodeLatency[c]}|${g.model.nodes[r].type}`;
        colours[c] = ids.get(key) ?? ids.set(key, ids.size).get(key)!;
    }
    return colours;
}

/** Refines colourings jointly (shared names) until the number of colours stops growing. */
function refine(q: QuotientGraph, labels: Int32Array, copies: Int32Array[]): boolean {
    let count = new Set(copies[0]).size;
    for (;;) {
        const ids = new Map<string, number>();
        const next = copies.map(colours => {
            const out = new Int32Array(q.count);
            for (let c = 0; c < q.count; c++) {
                const around: string[] = [];
                for (let a = q.qStart[c]; a < q.qStart[c + 1]; a++) around.push(`${labels[a]}:${colours[q.qHead[a]]}`);
                const key = `${colours[c]}/${around.sort().join(',')}`;
                out[c] = ids.get(key) ?? ids.set(key, ids.size).get(key)!;
            }
            return out;
        });
        const histograms = next.map(colours => histogram(colours));
        if (histograms.some(h => h !== histograms[0])) return false;
        next.forEach((colours, i) => copies[i].set(colours));
        const now = new Set(copies[0]).size;
        if (now === count) return true;
        count = now;
    }
}

function histogram(colours: Int32Array): string {
    const counts = new Map<number, number>();
    for (const c of colours) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}x${n}`).join(' ');
}

/** An automorphism of the quotient mapping class x to class y, or null if the greedy search finds none. */
function automorphism(q: QuotientGraph, labels: Int32Array, start: Int32Array, x: number, y: number): Int32Array | null {
    const a = start.slice(), b = start.slice();
    let fresh = q.count * 4;
    a[x] = b[y] = fresh++;
    for (;;) {
        if (!refine(q, labels, [a, b])) return null;
        const cells = new Map<number, number[]>();
        for (let c = 0; c < q.count; c++) (cells.get(a[c]) ?? cells.set(a[c], []).get(a[c])!).push(c);
        const open = [...cells].sort((p, r) => p[0] - r[0]).find(([, members]) => members.length > 1);
        if (!open) break;
        const colour = open[0];
        const u = open[1][0];
        let v = -1;
        for (let c = 0; c < q.count && v < 0; c++) if (b[c] === colour) v = c;
        a[u] = b[v] = fresh++; // above every name refinement hands out (at most 2 × count)
    }
    const map = new Int32Array(q.count);
    const inB = new Map<number, number>();
    for (let c = 0; c < q.count; c++) inB.set(b[c], c);
    for (let c = 0; c < q.count; c++) map[c] = inB.get(a[c]) ?? -1;
    return isAutomorphism(q, labels, start, map) ? map : null;
}

function isAutomorphism(q: QuotientGraph, labels: Int32Array, start: Int32Array, map: Int32Array): boolean {
    for (let c = 0; c < q.count; c++) {
        const m = map[c];
        if (m < 0 || start[c] !== start[m] || q.qStart[c + 1] - q.qStart[c] !== q.qStart[m + 1] - q.qStart[m]) return false;
        for (let a = q.qStart[c]; a < q.qStart[c + 1]; a++) {
            const image = quotientArc(q, m, map[q.qHead[a]]);
            if (image < 0 || labels[image] !== labels[a]) return false;
        }
    }
    return true;
}

/** Orbit id of every class (classes alone in their orbit keep their own). */
export function switchOrbits(q: QuotientGraph): Int32Array {
    const labels = arcLabels(q);
    const start = initialColours(q);
    const parent = new Int32Array(q.count);
    for (let c = 0; c < q.count; c++) parent[c] = c;
    const find = (c: number): number => { while (parent[c] !== c) { parent[c] = parent[parent[c]]; c = parent[c]; } return c; };
    const stable = start.slice();
    if (!refine(q, labels, [stable])) return parent;
    const cells = new Map<number, number[]>();
    for (let c = 0; c < q.count; c++) if (q.graph.nodeKind[q.rep[c]] !== KIND_ACCELERATOR) (cells.get(stable[c]) ?? cells.set(stable[c], []).get(stable[c])!).push(c);
    for (const members of cells.values()) {
        for (const y of members.slice(1)) {
            if (find(y) === find(members[0])) continue;
            const map = automorphism(q, labels, start, members[0], y);
            if (!map) continue;
            for (let c = 0; c < q.count; c++) { const r1 = find(c), r2 = find(map[c]); if (r1 !== r2) parent[r1] = r2; }
        }
    }
    for (let c = 0; c < q.count; c++) parent[c] = find(c);
    return parent;
}
