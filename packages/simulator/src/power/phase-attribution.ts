/**
 * Fixed power attributed to a phase: only the parts its traffic uses. A link that carries any of the
 * phase's bytes is charged whole (its idle share, watts per end, its share of the laser sources feeding
 * it and, for a circuit, of its OCS); a switch that forwards any is charged its power. Counting is per
 * twin-class bundle: a bundle loaded evenly is wholly used; one loaded by particular nodes is used in
 * the share of the arcs those nodes' traffic takes. Idle parts elsewhere in the fabric are not the
 * phase's: a phase over one rack of a pod is charged that rack, not the pod.
 */
import { KIND_SWITCH } from '../graph/fabric-graph.js';
import type { PatternLoad } from '../routing/routing.js';
import { quotientArc, type QuotientGraph } from '../symmetry/quotient-graph.js';

/** Per quotient arc: Σ fixed watts of the fabric edges of its bundle; per class: Σ switch watts. */
export interface BundleWatts {
    readonly arcWatts: Float64Array;
    readonly classWatts: Float64Array;
}

export function bundleWatts(q: QuotientGraph): BundleWatts {
    const g = q.graph;
    const cls = q.classes.classOf;
    const arcWatts = new Float64Array(q.qHead.length);
    for (let u = 0; u < g.nodeCount; u++) {
        if (cls[u] < 0) continue;
        for (let a = g.arcStart[u]; a < g.arcStart[u + 1]; a++) {
            const v = g.arcHead[a];
            if (cls[v] < 0 || q.state.capacity[g.arcEdge[a]] <= 0) continue;
            const qa = quotientArc(q, cls[u], cls[v]);
            if (qa >= 0) arcWatts[qa] += g.edgeFixedWatts[g.arcEdge[a]];
        }
    }
    const classWatts = new Float64Array(q.count);
    const model = g.model;
    for (let u = 0; u < g.nodeCount; u++) {
        if (cls[u] < 0 || g.nodeKind[u] !== KIND_SWITCH) continue;
        const w = model.types.switches[model.nodes[u].type]?.powerWatts ?? 0;
        if (Number.isFinite(w) && w > 0) classWatts[cls[u]] += w;
    }
    return { arcWatts, classWatts };
}

/** The share of a bundle's fabric arcs a pattern's traffic takes. */
function arcShare(q: QuotientGraph, load: PatternLoad, X: number, qa: number, direct: number): number {
    if (load.uniform[qa] > 0) return 1;
    const Y = q.qHead[qa];
    return Math.min(1, load.outNodes[qa] / q.size[X] + load.inNodes[qa] / q.size[Y] + direct / (q.size[X] * q.size[Y]));
}

/** Fixed watts of the links and switches the loads use. */
export function usedFixedWatts(q: QuotientGraph, loads: readonly PatternLoad[], watts: BundleWatts): number {
    const Q = q.qHead.length;
    const arcUsed = new Float64Array(Q);
    const classUsed = new Float64Array(q.count);
    const g = q.graph, cls = q.classes.classOf;
    for (const load of loads) {
        const direct = new Map<number, number>();
        for (let i = 0; i < load.directArcs.length; i++) {
            const a = load.directArcs[i];
            const qa = quotientArc(q, cls[g.arcHead[g.arcRev[a]]], cls[g.arcHead[a]]);
            direct.set(qa, (direct.get(qa) ?? 0) + 1);
        }
        for (let X = 0; X < q.count; X++) {
            for (let qa = q.qStart[X]; qa < q.qStart[X + 1]; qa++) {
                const d = direct.size === 0 ? 0 : direct.get(qa) ?? 0;
                if (load.uniform[qa] === 0 && load.outNodes[qa] === 0 && load.inNodes[qa] === 0 && d === 0) continue;
                arcUsed[qa] = Math.max(arcUsed[qa], arcShare(q, load, X, qa, d));
                const Y = q.qHead[qa];
                // The tail sends to every member of the head it reaches, the head receives from every tail member.
                const tail = load.uniform[qa] > 0 || load.inNodes[qa] > 0 ? 1 : Math.min(1, (load.outNodes[qa] + d) / q.size[X]);
                const head = load.uniform[qa] > 0 || load.outNodes[qa] > 0 ? 1 : Math.min(1, (load.inNodes[qa] + d) / q.size[Y]);
                classUsed[X] = Math.max(classUsed[X], tail);
                classUsed[Y] = Math.max(classUsed[Y], head);
            }
        }
    }
    let total = 0;
    for (let X = 0; X < q.count; X++) {
        for (let qa = q.qStart[X]; qa < q.qStart[X + 1]; qa++) {
            const Y = q.qHead[qa];
            if (Y < X) continue; // each bundle pair once: both directions share the links
            total += Math.max(arcUsed[qa], arcUsed[q.qRev[qa]]) * watts.arcWatts[qa];
        }
        total += classUsed[X] * watts.classWatts[X];
    }
    return total;
}
