/**
 * Orbits of switch classes under the automorphisms of the fabric that fix every accelerator: two
 * switches in one orbit fail with the same consequences, so a sweep prices one of them. Twins are
 * the easy case; rail-style planes (leaf j of every rack with spine plane j) need more: swapping two
 * planes fixes every accelerator yet moves every leaf.
 */
import { KIND_ACCELERATOR } from '../graph/fabric-graph.js';
import { colouring, searchSymmetry } from './quotient-automorphisms.js';
import type { QuotientGraph } from './quotient-graph.js';

/** Orbit id of every class (classes alone in their orbit keep their own). */
export function switchOrbits(q: QuotientGraph): Int32Array {
    const isAccelerator = (c: number) => q.graph.nodeKind[q.rep[c]] === KIND_ACCELERATOR;
    // Accelerator classes keep their identity (rank order must be preserved); switches by type.
    const start = colouring(q, c => (isAccelerator(c) ? `a${c}` : q.graph.model.nodes[q.rep[c]].type));
    return searchSymmetry(q, start, c => !isAccelerator(c), Infinity).classOrbit;
}
