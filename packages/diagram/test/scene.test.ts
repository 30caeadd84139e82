import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeFabric, failureImpact, ocsPodFabric, prepareFabric, resolveFailureSelection, type FabricModel } from '@fabric/simulator';
import { blastAccelerators, boxOfNodes, buildScene, bundleOfLinks, failureOverlay, layoutScene, meshDimensions, sceneToSvg, viewScene, type Scene } from '../src/index.js';
import { example, exampleModels, ROOT } from './example-models.js';

const { modelOf } = exampleModels('scratch-scene-test');

/** The drawn box standing for a node path, found by walking the path up (independently of the scene builder). */
function standInOf(scene: Scene): (path: string) => string {
    const drawn = new Map(scene.boxes.map(b => [b.key, b]));
    return path => {
        let best = path;
        for (let p = path; p.includes('.'); ) {
            p = p.slice(0, p.lastIndexOf('.'));
            if (drawn.get(p)?.collapsed) best = p;
        }
        return best;
    };
}

/** Links per pair of drawn boxes, counted straight from the model by walking each node's path up. */
function independentBundleCounts(model: FabricModel, scene: Scene): Map<string, number> {
    const standIn = standInOf(scene);
    const counts = new Map<string, number>();
    for (const l of model.links) {
        const a = standIn(model.nodes[l.a].path), b = standIn(model.nodes[l.b].path);
        if (a === b) continue;
        const key = [a, b].sort().join('|');
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
}

/** Each bundle's load is the largest load of the model links it merges (links mapped to boxes by walking paths). */
function expectBundleLoads(model: FabricModel, scene: Scene, loads: ArrayLike<number>, graded = true): void {
    const standIn = standInOf(scene);
    const expected = new Map<string, number>();
    for (const l of model.links) {
        const a = standIn(model.nodes[l.a].path), b = standIn(model.nodes[l.b].path);
        if (a === b) continue;
        const key = [a, b].sort().join('|');
        expected.set(key, Math.max(expected.get(key) ?? 0, loads[l.id]));
    }
    let compared = 0;
    for (const b of scene.bundles) {
        if (b.links === 0) continue;
        const key = [scene.boxes[b.a].key, scene.boxes[b.b].key].sort().join('|');
        expect(b.load, key).toBeCloseTo(expected.get(key)!, 5);
        compared++;
    }
    expect(compared).toBe(expected.size);
    // Graded (where the phase loads tiers differently), and none beyond fully busy.
    if (graded) expect(new Set(scene.bundles.map(b => b.load)).size).toBeGreaterThan(1);
    expect(Math.max(...scene.bundles.map(b => b.load ?? 0))).toBeLessThanOrEqual(1);
}

describe('scene', () => {
    test.each(['nvl72-copper', 'pod576-cpo', 'tpu-ocs-pod', 'vcsel-slow-wide'])('%s: bundle counts equal the model\'s link counts, collapsed or expanded', async name => {
        const model = await modelOf(example(name));
        for (const collapseThreshold of [64, 1_000_000]) {
            const scene = buildScene({ model, analysis: null, view: { collapseThreshold } });
            const fromScene = new Map(scene.bundles.filter(b => b.links > 0).map(b => [[scene.boxes[b.a].key, scene.boxes[b.b].key].sort().join('|'), b.links]));
            expect(fromScene).toEqual(independentBundleCounts(model, scene));
        }
    });

    test('the TPU-style pod opens as 64 cubes and 48 OCS; a collapsed cube holds its 64 chips and 144 mesh links', async () => {
        const model = await modelOf(example('tpu-ocs-pod'));
        const scene = buildScene({ model, analysis: null, view: { collapseThreshold: 64 } });
        const cubes = scene.boxes.filter(b => b.collapsed);
        expect(cubes).toHaveLength(64);
        expect(scene.boxes.filter(b => b.kind === 'ocs')).toHaveLength(48);
        expect(scene.boxes.filter(b => b.kind === 'accelerator')).toHaveLength(0);
        for (const cube of cubes) {
            expect(cube.members).toEqual({ accelerators: 64, switches: 0, ocs: 0 });
            expect(cube.hiddenLinks).toBe(144);
        }
        // The circuits of the totals' configuration, each drawn as its two halves (chip side → OCS).
        expect(scene.configuration).toBe('cube_torus');
        expect(scene.bundles.reduce((n, b) => n + (b.circuits ?? 0), 0)).toBe(2 * model.ocsConfigurations[0].circuits.length);
        // Opening one cube draws its chips as a 4×4×4 mesh.
        const open = buildScene({ model, analysis: null, view: { collapseThreshold: 64, expanded: ['P.cube[5]'] } });
        expect(open.boxes.find(b => b.key === 'P.cube[5]')?.grid).toEqual([4, 4, 4]);
        expect(open.boxes.filter(b => b.kind === 'accelerator')).toHaveLength(64);
    });

    test('every drawn element maps back to a source range in the file', async () => {
        const model = await modelOf(example('pod576-cpo'));
        const scene = buildScene({ model, analysis: analyzeFabric(model), view: { collapseThreshold: 1_000_000 } });
        for (const element of [...scene.boxes, ...scene.bundles]) {
            expect(element.src.length).toBeGreaterThan(0);
            for (const i of element.src) expect(scene.sources[i]).toMatchObject({ uri: model.uri, range: { start: { line: expect.any(Number) } } });
        }
        const gpu = scene.boxes.find(b => b.key === 'rack[3].compute[2].gpu[1]')!;
        expect(scene.sources[gpu.src[0]]).toEqual(model.nodes[gpu.modelId].source);
    });

    test('numbers come from the analysis as they are', async () => {
        const model = await modelOf(example('nvl72-copper'));
        const analysis = analyzeFabric(model);
        const scene = buildScene({ model, analysis, view: { collapseThreshold: 64 } });
        expect(scene.totals?.powerWatts).toBe(analysis.totals.powerWatts);
        const sw = scene.boxes.find(b => b.key === 'R.nvswitch[0].sw[0]')!;
        expect(sw.watts).toBeCloseTo(analysis.nodes[sw.modelId].powerWatts, 3);
        const total = scene.bundles.reduce((w, b) => w + (b.watts ?? 0), 0);
        expect(total).toBeCloseTo(analysis.links.reduce((w, l) => w + l.power.totalWatts, 0), 0);
        expect(scene.phases.map(p => p.timeSeconds)).toEqual(analysis.phases.map(p => p.timeSeconds));
    });

    test('the shown phase defaults to the slowest the analysis priced; a bundle carries the largest of its links\' loads in it; null shows none', async () => {
        const model = await modelOf(example('vcsel-slow-wide'));
        const analysis = analyzeFabric(model);
        const slowest = analysis.phases.filter(p => p.timeSeconds !== null).reduce((a, b) => (b.timeSeconds! > a.timeSeconds! ? b : a));
        expect(slowest).not.toBe(analysis.phases[0]);
        const view = { collapseThreshold: 1_000_000 };
        const scene = viewScene(model, analysis, view);
        expect(scene.phase).toBe(`${slowest.workload}.${slowest.name}`);
        expectBundleLoads(model, scene, slowest.linkLoads!);
        // The bottleneck's bundles carry the phase's peak load.
        const peak = Math.max(...scene.bundles.map(b => b.load ?? 0));
        const box = new Map(scene.boxes.map((b, i) => [b.modelId >= 0 && !b.group ? b.modelId : -1, i]));
        const bottleneck = model.links.find(l => l.id === slowest.bottleneck!.linkIds[0])!;
        const at = scene.bundles.find(b => b.a === Math.min(box.get(bottleneck.a)!, box.get(bottleneck.b)!) && b.b === Math.max(box.get(bottleneck.a)!, box.get(bottleneck.b)!))!;
        expect(at.load).toBe(peak);
        // Without an analysis: the first phase, no loads. Chosen none: none.
        expect(viewScene(model, null, view).phase).toBe(`${model.workloads[0].name}.${model.workloads[0].phases[0].name}`);
        expect(viewScene(model, null, view).bundles.every(b => b.load === undefined)).toBe(true);
        const none = viewScene(model, analysis, { ...view, phase: null });
        expect(none.phase).toBeNull();
        expect(none.bundles.every(b => b.load === undefined)).toBe(true);
    });

    test('the 576 pod\'s bundles carry the largest load of the links they merge, collapsed (racks alike) and expanded (tiers graded), for each phase', async () => {
        const model = await modelOf(example('pod576-cpo'));
        const analysis = analyzeFabric(model, { skipFailureDomains: true });
        for (const p of analysis.phases) {
            const phase = `${p.workload}.${p.name}`;
            const collapsed = viewScene(model, analysis, { collapseThreshold: 64, phase });
            expect(collapsed.bundles.some(b => b.links > 1)).toBe(true);
            expectBundleLoads(model, collapsed, p.linkLoads!, false);
            expectBundleLoads(model, viewScene(model, analysis, { collapseThreshold: 1_000_000, phase }), p.linkLoads!);
        }
    });

    test('OCS circuit bundles carry the largest load of their circuits in the phase\'s configuration', () => {
        const model = ocsPodFabric({ cubes: 4, side: 2, ocs: 2 });
        const analysis = analyzeFabric(model, { skipFailureDomains: true });
        for (const p of analysis.phases) {
            const scene = viewScene(model, analysis, { collapseThreshold: 64, phase: `${p.workload}.${p.name}` });
            expect(scene.configuration).toBe(p.configuration);
            const standIn = standInOf(scene);
            const circuits = model.ocsConfigurations.find(c => c.name === p.configuration)!.circuits;
            const expected = new Map<string, number>();
            circuits.forEach((c, i) => {
                for (const end of [c.a, c.b]) {
                    const key = [standIn(model.nodes[end].path), standIn(model.nodes[c.ocs].path)].sort().join('|');
                    expected.set(key, Math.max(expected.get(key) ?? 0, p.linkLoads![model.links.length + i]));
                }
            });
            const drawn = scene.bundles.filter(b => b.circuits);
            expect(drawn.length).toBe(expected.size);
            for (const b of drawn) expect(b.load).toBeCloseTo(expected.get([scene.boxes[b.a].key, scene.boxes[b.b].key].sort().join('|'))!, 5);
            expect(Math.max(...drawn.map(b => b.load ?? 0))).toBeGreaterThan(0);
        }
    });

    test('meshes and tori are recognised from their links alone', () => {
        const mesh: Array<[number, number]> = [];
        const torus: Array<[number, number]> = [];
        const id = (x: number, y: number, z: number) => x + 4 * y + 16 * z;
        for (let z = 0; z < 4; z++) for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
            if (x < 3) mesh.push([id(x, y, z), id(x + 1, y, z)]);
            if (y < 3) mesh.push([id(x, y, z), id(x, y + 1, z)]);
            if (z < 3) mesh.push([id(x, y, z), id(x, y, z + 1)]);
            torus.push([id(x, y, z), id((x + 1) % 4, y, z)], [id(x, y, z), id(x, (y + 1) % 4, z)], [id(x, y, z), id(x, y, (z + 1) % 4)]);
        }
        expect(meshDimensions(64, mesh)).toEqual([4, 4, 4]);
        expect(meshDimensions(64, torus)).toEqual([4, 4, 4]);
        // A ring is one dimension (drawn as a circle).
        expect(meshDimensions(8, Array.from({ length: 8 }, (_, i) => [i, (i + 1) % 8] as [number, number]))).toEqual([8]);
        // Two fully connected quads joined pairwise (DGX-1's hybrid cube-mesh) have a grid's strides but are no grid.
        const quads: Array<[number, number]> = [];
        for (const q of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) quads.push([q + i, q + j]);
        for (let i = 0; i < 4; i++) quads.push([i, i + 4]);
        expect(meshDimensions(8, quads)).toBeNull();
        // A 4 × 2 mesh is one.
        expect(meshDimensions(8, [[0, 1], [1, 2], [2, 3], [4, 5], [5, 6], [6, 7], [0, 4], [1, 5], [2, 6], [3, 7]])).toEqual([4, 2]);
    });
});

describe('layout', () => {
    const positions = (scene: Scene) => {
        const l = layoutScene(scene);
        return new Map(scene.boxes.map((b, i) => [b.key, [l.x[i], l.y[i], l.w[i], l.h[i]]]));
    };

    test('an edit of a number keeps every position and the structure key', async () => {
        const text = example('pod576-cpo');
        const before = buildScene({ model: await modelOf(text), analysis: null, view: { collapseThreshold: 1_000_000 } });
        const after = buildScene({ model: await modelOf(text.replace('length 20 m', 'length 35 m').replace('4 GiB', '16 GiB')), analysis: null, view: { collapseThreshold: 1_000_000 } });
        expect(after.structureKey).toBe(before.structureKey);
        expect(positions(after)).toEqual(positions(before));
    });

    test('adding a tray moves nothing else', async () => {
        const text = example('nvl72-copper');
        const before = positions(buildScene({ model: await modelOf(text), analysis: null, view: { collapseThreshold: 64 } }));
        const after = positions(buildScene({ model: await modelOf(text.replace('tray compute[0..17]', 'tray compute[0..18]')), analysis: null, view: { collapseThreshold: 64 } }));
        expect(after.has('R.compute[18]')).toBe(true);
        const moved = [...before].filter(([key, box]) => {
            const now = after.get(key)!;
            // Only the rack and the fabric around it grow; nothing inside them moves.
            return key === 'R' || key === '' ? now[0] !== box[0] || now[1] !== box[1] : JSON.stringify(now) !== JSON.stringify(box);
        });
        expect(moved).toEqual([]);
    });

    test('the SVG writer draws the laid-out scene in Node', async () => {
        const model = await modelOf(example('vcsel-slow-wide'));
        const scene = buildScene({ model, analysis: analyzeFabric(model), view: { collapseThreshold: 64 } });
        const svg = sceneToSvg(scene, layoutScene(scene));
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.match(/<rect /g)?.length).toBeGreaterThan(scene.boxes.length);
        expect(svg).toContain('>R.node[0]<'.replace('R.node[0]', scene.boxes.find(b => b.key === 'R.node[0]')!.label));
    });
});

describe('failure overlay', () => {
    test.each([
        ['pod576-cpo', 'rack[0].switch_tray[3]', 64],
        ['pod576-cpo', 'spine.spine_rack[1]', 1_000_000],
        ['pod576-cpo', 'rack_power[2]', 64],
        ['tpu-ocs-pod', 'optical.ocs[7]', 64],
        ['nvl72-copper', 'R.compute[4]', 64]
    ])('%s, %s failed (threshold %i): the overlay equals the simulator\'s FailureResult', async (name, part, collapseThreshold) => {
        const model = await modelOf(example(name));
        const scene = buildScene({ model, analysis: null, view: { collapseThreshold } });
        const result = failureImpact(prepareFabric(model), resolveFailureSelection(model, [part]).selection);
        const overlay = failureOverlay(model, scene, result, 1.1);
        const boxOf = boxOfNodes(model, scene);
        const sum = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.reduce((n, [, c]) => n + c, 0);
        expect(sum(overlay.failedBoxes)).toBe(result.nodeIds.length);
        expect(sum(overlay.cutOffBoxes)).toBe(result.cutOffAccelerators.length);
        expect(overlay.blastRadius).toBe(result.blastRadius);
        expect(sum(overlay.blastBoxes)).toBe(result.blastRadius);
        for (const [box, n] of overlay.failedBoxes) expect(result.nodeIds.filter(id => boxOf[id] === box)).toHaveLength(n);
        expect(blastAccelerators(model, result, 1.1).size).toBe(result.blastRadius);
        // Dropped links: those the result lists plus those touching a failed node, each in the bundle drawing it.
        const bundleOf = bundleOfLinks(model, scene, boxOf);
        const failed = new Set(result.nodeIds);
        const dropped = model.links.filter(l => result.linkIds.includes(l.id) || failed.has(l.a) || failed.has(l.b)).filter(l => bundleOf[l.id] >= 0);
        expect(sum(overlay.droppedBundles)).toBe(dropped.length);
    });
});
