import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { buildScene, ELK_LIMITS, irregularGroups, layoutScene, layoutWithEngine, sceneToSvg, type ElkEngine, type Layout, type Scene } from '../src/index.js';
import { example, exampleModels, ROOT } from './example-models.js';

/**
 * Layout: our placement for the regular structure (tiers by role, racks, grids), elkjs (the real
 * one, in Node) for the irregular groups by the documented rule, stability of both.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const elk = new (ELK as unknown as new () => ElkEngine)();
const { modelOf } = exampleModels('scratch-layout-test');
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}.fabric`, 'utf8');
const sceneOf = async (text: string, collapseThreshold = 64) => buildScene({ model: await modelOf(text), analysis: null, view: { collapseThreshold } });
const box = (scene: Scene, layout: Layout, key: string) => {
    const i = scene.boxes.findIndex(b => b.key === key);
    return { x: layout.x[i], y: layout.y[i], w: layout.w[i], h: layout.h[i] };
};

/** Does the segment (x1, y1)–(x2, y2) pass through the inside of the rectangle (shrunk by a pixel)? */
function crosses(r: { x: number; y: number; w: number; h: number }, x1: number, y1: number, x2: number, y2: number): boolean {
    const x0 = r.x + 1, y0 = r.y + 1, x3 = r.x + r.w - 1, y3 = r.y + r.h - 1;
    // Liang–Barsky clipping: any part of the segment inside the rectangle.
    let t0 = 0, t1 = 1;
    const dx = x2 - x1, dy = y2 - y1;
    for (const [p, q] of [[-dx, x1 - x0], [dx, x3 - x1], [-dy, y1 - y0], [dy, y3 - y1]]) {
        if (p === 0) { if (q < 0) return false; continue; }
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

describe('regular structure: our placement', () => {
    test('the NVL72 rack is drawn in tiers: switch trays above, compute trays side by side below, about as wide as tall', async () => {
        const scene = await sceneOf(example('nvl72-copper'));
        const layout = layoutScene(scene);
        const trays = (prefix: string) => scene.boxes.filter(b => b.key.startsWith(prefix) && b.kind === 'tray').map(b => box(scene, layout, b.key));
        const switches = trays('R.nvswitch['), compute = trays('R.compute[');
        expect(Math.max(...switches.map(t => t.y + t.h))).toBeLessThan(Math.min(...compute.map(t => t.y)));
        // Compute trays side by side: several columns, not one tall column.
        expect(new Set(compute.map(t => t.x)).size).toBeGreaterThan(1);
        expect(layout.width / layout.height).toBeGreaterThan(0.8);
        expect(layout.width / layout.height).toBeLessThan(2);
        expect(irregularGroups(scene)).toEqual([]);
    });

    test('the examples are regular: elkjs is given nothing, the layout is our placement exactly', async () => {
        for (const name of ['nvl72-copper', 'pod576-cpo', 'tpu-ocs-pod', 'vcsel-slow-wide']) {
            for (const threshold of [64, 1_000_000]) {
                const scene = await sceneOf(example(name), threshold);
                expect(irregularGroups(scene)).toEqual([]);
                const viaEngine = await layoutWithEngine(scene, { layout: () => Promise.reject(new Error('not to be called')) });
                expect(viaEngine).toEqual(layoutScene(scene));
            }
        }
    });

    test('a ring is drawn as a circle', async () => {
        const scene = await sceneOf(readFileSync(`${ROOT}packages/cli/test/fixtures/ring8.fabric`, 'utf8'));
        expect(scene.boxes.find(b => b.key === 'R')?.grid).toEqual([8]);
        const layout = layoutScene(scene);
        const chips = scene.boxes.filter(b => b.kind === 'accelerator').map(b => box(scene, layout, b.key));
        const cx = chips.reduce((s, c) => s + c.x + c.w / 2, 0) / 8, cy = chips.reduce((s, c) => s + c.y + c.h / 2, 0) / 8;
        const radii = chips.map(c => Math.hypot(c.x + c.w / 2 - cx, c.y + c.h / 2 - cy));
        for (const r of radii) expect(r).toBeCloseTo(radii[0], -0.5);
        expect(irregularGroups(scene)).toEqual([]);
    });
});

describe('irregular groups: elkjs', () => {
    test('the DGX-1 hybrid cube-mesh is irregular; elkjs places its GPUs and routes every link around the other boxes', async () => {
        const scene = await sceneOf(fixture('dgx1-hybrid-cube-mesh'));
        expect(scene.boxes.find(b => b.key === 'board')?.grid).toBeUndefined();
        const groups = irregularGroups(scene);
        expect(groups.map(g => g.key)).toEqual(['board']);
        expect(groups[0].edges).toHaveLength(16);
        const layout = await layoutWithEngine(scene, elk);
        expect(layout.engine).toEqual(['board']);
        expect(layout.routes?.size).toBe(16);
        const gpus = scene.boxes.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'accelerator');
        const rect = (i: number) => ({ x: layout.x[i], y: layout.y[i], w: layout.w[i], h: layout.h[i] });
        // No two GPUs overlap; every GPU inside the board's frame.
        const board = box(scene, layout, 'board');
        for (const { i } of gpus) {
            const r = rect(i);
            expect(r.x >= board.x && r.y >= board.y && r.x + r.w <= board.x + board.w && r.y + r.h <= board.y + board.h).toBe(true);
            for (const { i: j } of gpus) if (j !== i) expect(crosses(r, layout.x[j] + 2, layout.y[j] + 2, layout.x[j] + layout.w[j] - 2, layout.y[j] + layout.h[j] - 2)).toBe(false);
        }
        // Each route leaves one end and reaches the other without passing through a third GPU.
        scene.bundles.forEach((bundle, k) => {
            const route = layout.routes!.get(k)!;
            for (let p = 0; p + 3 < route.length; p += 2) {
                for (const { i } of gpus) if (i !== bundle.a && i !== bundle.b) expect(crosses(rect(i), route[p], route[p + 1], route[p + 2], route[p + 3])).toBe(false);
            }
        });
        // The SVG draws each route (16 bundles → more than 16 segments).
        const svg = sceneToSvg(scene, layout);
        expect((svg.match(/M[\d.-]+ [\d.-]+L/g) ?? []).length).toBeGreaterThan(16);
    });

    test('a heterogeneous explicit-link fabric: switch–switch in a tray, accelerator trays bridged, racks linked; deepest first', async () => {
        const scene = await sceneOf(fixture('mixed-island'));
        expect(irregularGroups(scene).map(g => g.key)).toEqual(['R.fabric_sw', 'R', '']);
        const layout = await layoutWithEngine(scene, elk);
        expect(layout.engine).toEqual(['R.fabric_sw', 'R', '']);
        // Siblings placed by elkjs never overlap, at every level.
        for (const parent of ['R.fabric_sw', 'R', '']) {
            const p = scene.boxes.findIndex(b => b.key === parent);
            const kids = scene.boxes.map((b, i) => ({ b, i })).filter(({ b }) => b.parent === p).map(({ b }) => box(scene, layout, b.key));
            for (const a of kids) for (const b of kids) {
                if (a === b) continue;
                expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
            }
        }
        // The nested groups are measured with their own placement: each child fits inside its parent.
        for (const b of scene.boxes) {
            if (b.parent < 0) continue;
            const r = box(scene, layout, b.key), q = box(scene, layout, scene.boxes[b.parent].key);
            expect(r.x >= q.x && r.y >= q.y && r.x + r.w <= q.x + q.w + 1e-6 && r.y + r.h <= q.y + q.h + 1e-6).toBe(true);
        }
    });

    test('stable: the same scene lays out the same; an edit of a number keeps every position; a change elsewhere keeps the irregular group as it was', async () => {
        const text = fixture('dgx1-hybrid-cube-mesh');
        const first = await layoutWithEngine(await sceneOf(text), elk);
        const again = await layoutWithEngine(await sceneOf(text), new (ELK as unknown as new () => ElkEngine)());
        expect(again).toEqual(first);
        const edited = await sceneOf(text.replace('length 0.4 m', 'length 0.45 m').replace('1 GiB', '2 GiB'));
        expect(await layoutWithEngine(edited, elk)).toEqual(first);
        // A new tray of its own beside the board: the board's GPUs keep their places relative to the board.
        const grown = await sceneOf(text.replace('tray board {', 'tray spare { accelerator gpu[0..1] : P100 }\n    tray board {'));
        const after = await layoutWithEngine(grown, elk);
        const before = await sceneOf(text);
        const relative = (scene: Scene, layout: Layout) => scene.boxes.filter(b => b.key.startsWith('board.')).map(b => {
            const r = box(scene, layout, b.key), g = box(scene, layout, 'board');
            return [b.key, r.x - g.x, r.y - g.y];
        });
        expect(relative(grown, after)).toEqual(relative(before, first));
    });

    test('an irregular group over the limits keeps our rows, and the layout says why', async () => {
        const n = ELK_LIMITS.children + 1;
        const links = Array.from({ length: n }, (_, i) => `        connect R.x[${i}] to R.x[${(i * 7 + 3) % n}] via L length 1 m`).filter((_, i) => (i * 7 + 3) % n !== i).join('\n');
        const text = `fabric Big {
    accelerator X { ports 8 port-rate 100 Gbps tdp 100 W }
    link L { kind dac lanes 1 x 100 Gbps per-direction reach 2 m energy 1 pJ/bit }
    rack R { accelerator x[0..${n - 1}] : X }
    layer l {
${links}
    }
}`;
        const scene = await sceneOf(text, 1_000_000);
        expect(irregularGroups(scene).map(g => g.key)).toEqual(['R']);
        const layout = await layoutWithEngine(scene, { layout: () => Promise.reject(new Error('not to be called')) });
        expect(layout.engine).toBeUndefined();
        expect(layout.notes?.[0]).toMatch(new RegExp(`^R: ${n} elements and \\d+ links between them are more than the layout engine is given \\(${ELK_LIMITS.children} / ${ELK_LIMITS.edges}\\)`));
        const fallback = layoutScene(scene);
        expect(layout.x).toEqual(fallback.x);
    });
});
