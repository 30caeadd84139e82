import { describe, expect, test } from 'vitest';
import { allToAll, grid, oneToOne, rails, ring } from '../../src/elaboration/connection-patterns.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
const pairsOf = (r: ReturnType<typeof grid>) => (r.ok ? r.pairs : []);

describe('connection patterns', () => {
    test('all-to-all: bipartite, or every distinct pair within one side', () => {
        expect(pairsOf(allToAll(ids(3), [10, 11]))).toEqual([[0, 10], [0, 11], [1, 10], [1, 11], [2, 10], [2, 11]]);
        expect(pairsOf(allToAll(ids(4)))).toHaveLength(6);
    });

    test('ring of n has n links; two endpoints one; one endpoint is refused', () => {
        expect(pairsOf(ring(ids(5)))).toEqual([[0, 1], [1, 2], [2, 3], [3, 4], [4, 0]]);
        expect(pairsOf(ring(ids(2)))).toEqual([[0, 1]]);
        expect(ring(ids(1))).toEqual({ ok: false, message: 'a ring needs at least 2 endpoints; this selection has 1' });
    });

    test('one-to-one pairs by position and needs equal sides', () => {
        expect(pairsOf(oneToOne([1, 2], [3, 4]))).toEqual([[1, 3], [2, 4]]);
        expect(oneToOne([1], [3, 4]).ok).toBe(false);
    });

    test('rails: local index k goes to rail k mod rails', () => {
        const local = [0, 1, 2, 3, 0, 1, 2, 3];
        expect(pairsOf(rails(ids(8), [100, 101], i => local[i]))).toEqual([[0, 100], [1, 101], [2, 100], [3, 101], [4, 100], [5, 101], [6, 100], [7, 101]]);
    });

    test.each([[[4], 4], [[3, 5], 30], [[4, 4, 4], 192], [[2, 3], 9], [[1, 5], 5]])('torus %j has the closed-form link count %i', (shape, expected) => {
        // per dimension of extent k: k links per line if k > 2, 1 if k = 2, 0 if k = 1
        const n = shape.reduce((a, b) => a * b, 1);
        const closed = shape.reduce((sum, k) => sum + (n / k) * (k > 2 ? k : k - 1), 0);
        expect(closed).toBe(expected);
        expect(pairsOf(grid(ids(n), { shape, wrap: true }))).toHaveLength(expected);
    });

    test('mesh drops the wrap-around links', () => {
        expect(pairsOf(grid(ids(64), { shape: [4, 4, 4], wrap: false }))).toHaveLength(3 * 16 * 3);
    });

    test('tiles split a torus into within-tile and across-tile links that add up', () => {
        const all = pairsOf(grid(ids(4096), { shape: [16, 16, 16], wrap: true, tiles: [4, 4, 4] }));
        const within = pairsOf(grid(ids(4096), { shape: [16, 16, 16], wrap: true, tiles: [4, 4, 4], edges: 'within' }));
        const across = pairsOf(grid(ids(4096), { shape: [16, 16, 16], wrap: true, tiles: [4, 4, 4], edges: 'across' }));
        expect(all).toHaveLength(3 * 4096);
        expect(within).toHaveLength(64 * 144);
        expect(across).toHaveLength(3 * 256 * 4);
        // tile t holds endpoints 64t..64t+63: within-tile links never leave it
        expect(within.every(([a, b]) => Math.floor(a / 64) === Math.floor(b / 64))).toBe(true);
        expect(across.every(([a, b]) => Math.floor(a / 64) !== Math.floor(b / 64))).toBe(true);
    });

    test('across-tile links of a tiled torus fall into planes: one per dimension and tile-face position', () => {
        const result = grid(ids(4096), { shape: [16, 16, 16], wrap: true, tiles: [4, 4, 4], edges: 'across' });
        if (!result.ok || !result.planes) throw new Error('expected planes');
        const pairsPerPlane = new Map<number, Array<[number, number]>>();
        result.pairs.forEach((pair, i) => pairsPerPlane.set(result.planes![i], [...(pairsPerPlane.get(result.planes![i]) ?? []), pair]));
        // 3 dimensions × 16 positions on a 4×4 face; each plane holds 16 lines × 4 crossings
        expect([...pairsPerPlane.keys()].sort((a, b) => a - b)).toEqual(ids(48));
        for (const pairs of pairsPerPlane.values()) expect(pairs).toHaveLength(64);
        // a plane's links all run along one dimension: endpoints differ in exactly one coordinate
        const coord = (slot: number) => {
            const tile = Math.floor(slot / 64), inner = slot % 64;
            const t = [Math.floor(tile / 16), Math.floor(tile / 4) % 4, tile % 4], w = [Math.floor(inner / 16), Math.floor(inner / 4) % 4, inner % 4];
            return t.map((x, d) => x * 4 + w[d]);
        };
        for (const [plane, pairs] of pairsPerPlane) {
            const dimension = Math.floor(plane / 16);
            for (const [a, b] of pairs) {
                const [ca, cb] = [coord(a), coord(b)];
                expect(ca.map((x, d) => (x !== cb[d] ? d : -1)).filter(d => d >= 0)).toEqual([dimension]);
            }
        }
    });

    test('unsatisfiable grids say why', () => {
        expect(grid(ids(10), { shape: [3, 3], wrap: true })).toEqual({ ok: false, message: 'a 3x3 torus needs 9 endpoints; this selection has 10' });
        expect(grid(ids(16), { shape: [4, 4], wrap: true, tiles: [3, 4] })).toEqual({ ok: false, message: 'tiles 3x4 must divide the shape 4x4 in every dimension' });
        expect(grid(ids(16), { shape: [4, 4], wrap: true, edges: 'within' }).ok).toBe(false);
    });
});
