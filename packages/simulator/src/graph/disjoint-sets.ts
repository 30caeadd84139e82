/**
 * Disjoint sets over 0..n-1 held in a parent array (each element its own parent at the start), as
 * the component labelling, the symmetry search and the orbit computations use them.
 */

/** The root of x's set, halving the path on the way. */
export function setRoot(parent: Int32Array, x: number): number {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
}
