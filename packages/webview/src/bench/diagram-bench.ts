/**
 * Diagram benchmarks (`npm run bench`): edit → updated diagram in Chromium (the feed's scene,
 * layout and first frame of a changed model) for the four example sizes, each with elkjs `layered`
 * with default options on the same graph beside it (capped); frame times while panning and zooming
 * the 576-accelerator pod fully expanded; click-to-fail answers (a prepared baseline; the first click
 * on a newly shown model, with the server's worker having prepared it ahead).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NodeFileSystem } from 'langium/node';
import { fabric8192, type BenchCase, type FabricModel } from '@fabric/simulator';
import type { Scene } from '@fabric/diagram';
import { CATALOG_DIR, createFabricServices, DiagramFailures, DiagramScenes, loadFabricDocuments, readViewParams, WorkerFailureRunner } from '@fabric/language';
import { startHarness, type Harness } from '../harness/browser-harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ELK_CAP_MS = 30_000;

async function exampleModel(name: string): Promise<FabricModel> {
    const services = createFabricServices(NodeFileSystem).Fabric;
    await loadFabricDocuments(services, readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`));
    const [document] = await loadFabricDocuments(services, [`${ROOT}examples/${name}.fabric`]);
    return services.elaboration.FabricElaboration.of(document).models[0];
}

/** The drawn graph (nodes and collapsed groups, one edge per bundle) as ELK sees it, without our placement. */
function elkGraph(scene: Scene): unknown {
    const leaf = scene.boxes.map((b, i) => ({ b, i })).filter(({ b }) => !b.group || b.collapsed);
    return {
        id: 'root', children: leaf.map(({ i }) => ({ id: `n${i}`, width: 44, height: 24 })),
        edges: scene.bundles.map((b, i) => ({ id: `e${i}`, sources: [`n${b.a}`], targets: [`n${b.b}`] }))
    };
}

function elkTime(scene: Scene): Promise<string> {
    return new Promise(resolve => {
        const worker = new Worker(new URL('./elk-layout-worker.js', import.meta.url), { workerData: { graph: elkGraph(scene) } });
        const timer = setTimeout(() => { void worker.terminate(); resolve(`> ${ELK_CAP_MS / 1000} s (cap)`); }, ELK_CAP_MS);
        worker.on('message', (m: { ms: number }) => { clearTimeout(timer); void worker.terminate(); resolve(`${(m.ms / 1000).toFixed(2)} s`); });
        worker.on('error', e => { clearTimeout(timer); resolve(`failed: ${e.message}`); });
    });
}

interface EditBench { harness: Harness; holder: { model: FabricModel; serverMs: number }; base: FabricModel; edits: FabricModel[]; elk: string; scenes: DiagramScenes; sizes: string }

const URI = 'file:///bench/diagram.fabric';

async function prepareEdit(load: () => Promise<FabricModel> | FabricModel): Promise<EditBench> {
    const base = await load();
    const holder = { model: base, serverMs: 0 };
    const scenes = new DiagramScenes();
    const harness = await startHarness((method, params) => {
        if (method !== 'fabric/diagram') return null;
        const t0 = performance.now();
        const scene = scenes.scene(holder.model, null, readViewParams(params), 64);
        const json = JSON.stringify(scene);
        holder.serverMs = performance.now() - t0;
        return { uri: URI, version: 1, fabrics: [holder.model.name], scene: JSON.parse(json) };
    });
    await harness.open(URI);
    const scene = scenes.scene(base, null, {}, 64);
    const sizes = `collapsed feed ${(JSON.stringify(scene).length / 1024).toFixed(0)} KB, ${scene.boxes.length} boxes, ${scene.bundles.length} bundles`;
    // The models of the edits, made untimed: each a new object, as the server's next elaboration is.
    const edits = Array.from({ length: 6 }, () => structuredClone(base));
    return { harness, holder, base, edits, elk: await elkTime(scene), scenes, sizes };
}

/** An edit that keeps the structure: a new model object (the server's next elaboration), drawn before its analysis. */
async function runEdit(p: EditBench): Promise<{ note: string }> {
    p.holder.model = p.edits.pop() ?? structuredClone(p.base);
    const frames = Number(await p.harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.frames ?? '0'));
    await p.harness.post({ type: 'documentChanged', uri: URI, version: 2 });
    await p.harness.page.waitForFunction(n => Number(document.getElementById('fabric-diagram')!.dataset.frames ?? '0') > n, frames);
    const page = await p.harness.page.evaluate(() => {
        const d = (window as unknown as { __fabricDiagram: { frameTimes(): number[] } }).__fabricDiagram;
        return { show: document.getElementById('fabric-diagram')!.dataset.showMs, frame: d.frameTimes().slice(-1)[0] };
    });
    return {
        note: `server scene + JSON ${p.holder.serverMs.toFixed(0)} ms, webview scene + layout ${page.show} ms, first frame ${page.frame.toFixed(1)} ms (the rest: the fake host's relay through playwright); `
            + `elkjs layered (defaults) on the same graph: ${p.elk}; ${p.sizes}`
    };
}

const editCase = (name: string, load: () => Promise<FabricModel> | FabricModel, target: number, runs = 5): BenchCase => ({
    name: `diagram, edit → updated diagram (scene, layout, first frame in Chromium), ${name}`,
    target,
    prepare: () => prepareEdit(load),
    async run(p) { return runEdit(p as EditBench); },
    async dispose(p) { await (p as EditBench).harness.close(); },
    runs
});

interface FrameTimes {
    /** Per camera move: the draw, raster included (a one-pixel read waits for it), measured in the page. */
    readonly draw: number[];
    /** Between the animation frames of those moves (headless Chromium paces them at its 60 Hz vsync). */
    readonly interval: number[];
    /** The full picture (every link) drawn in one go, raster included. */
    readonly full: number[];
    /** Per animation frame, the slices of the picture drawn once the camera rests (the frames of one rest). */
    readonly rest: number[];
}

/** 120 camera moves of a pan-and-zoom gesture, one per animation frame, then 20 full pictures at rest. */
async function panAndZoom(harness: Harness): Promise<FrameTimes> {
    return harness.page.evaluate(async () => {
        type Hooks = { viewport(): { tx: number; ty: number; zoom: number }; setCamera(c: unknown): void; rasterNow(): void; timeFullPaint(): number; frameTimes(): number[] };
        const d = (window as unknown as { __fabricDiagram: Hooks }).__fabricDiagram;
        const start = d.viewport();
        const draw: number[] = [], interval: number[] = [], full: number[] = [];
        let last = await new Promise<number>(r => requestAnimationFrame(r));
        for (let i = 0; i < 120; i++) {
            const zoom = start.zoom * (1 + 0.8 * Math.sin(i / 20) ** 2);
            const t0 = performance.now();
            d.setCamera({ zoom, tx: start.tx - i * 6, ty: start.ty - i * 2 });
            d.rasterNow();
            draw.push(performance.now() - t0);
            const now = await new Promise<number>(r => requestAnimationFrame(r));
            interval.push(now - last);
            last = now;
        }
        // The camera rests: the full picture follows in slices, one per animation frame.
        const root = document.getElementById('fabric-diagram')!;
        root.dataset.rest = '';
        const before = Number(root.dataset.frames);
        d.setCamera(start);
        while (root.dataset.rest !== 'done') await new Promise(r => requestAnimationFrame(r));
        // The frames counted since: the moved one, then the rest's slices.
        const rest = d.frameTimes().slice(-(Number(root.dataset.frames) - before - 1));
        for (let i = 0; i < 20; i++) {
            await new Promise(r => requestAnimationFrame(r));
            full.push(d.timeFullPaint());
        }
        return { draw, interval, full, rest };
    });
}

const quantile = (xs: readonly number[], q: number): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/**
 * Frame time while panning and zooming the 576 pod fully expanded (20,736 links). `draw`: the time to
 * produce a frame, measured inside the page (what the 16 ms target is about); `interval`: the time
 * between animation frames, which headless Chromium quantises to its 60 Hz vsync (16.7 ms), so it
 * cannot read below that however cheap the frame is.
 */
function frameCase(figure: 'draw' | 'interval', name: string, target?: number): BenchCase {
    return {
        name,
        ...(target !== undefined ? { target } : {}),
        async prepare() {
            const model = await exampleModel('pod576-cpo');
            const scenes = new DiagramScenes();
            const harness = await startHarness((method, params) => method === 'fabric/diagram'
                ? { uri: URI, version: 1, fabrics: [model.name], scene: scenes.scene(model, null, readViewParams(params), 1_000_000) } : null);
            await harness.open(URI, { collapseThreshold: 1_000_000, slowdownThreshold: 1.1 });
            return harness;
        },
        async dispose(prepared) { await (prepared as Harness).close(); },
        async run(prepared) {
            const t = await panAndZoom(prepared as Harness);
            const q = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} / p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
            return {
                value: quantile(t[figure], 0.95),
                note: `120 camera moves: draw per frame in the page (the last full picture moved; raster included) ${q(t.draw)}; `
                    + `interval between animation frames ${q(t.interval)} (quantised to headless Chromium's 60 Hz vsync); `
                    + `once the camera rests the full picture (20,736 links) follows in ${t.rest.length} frames of at most ${Math.max(...t.rest).toFixed(1)} ms each `
                    + `(drawn in one go it takes ${q(t.full)}); software raster`
            };
        },
        runs: 3
    };
}

export const benchCases: BenchCase[] = [
    // Issue 8's targets: 300 ms, 1 s, 2 s and 2 s; a frame under 16 ms; click-to-fail under 100 ms.
    editCase('NVL72 example', () => exampleModel('nvl72-copper'), 300),
    editCase('576-accelerator example', () => exampleModel('pod576-cpo'), 1000),
    editCase('TPU-style pod example', () => exampleModel('tpu-ocs-pod'), 2000),
    editCase('generated 8,192-accelerator fabric', () => fabric8192(), 2000, 3),
    frameCase('draw', 'diagram, frame while panning and zooming, 576 example fully expanded: draw per frame in the page (Chromium, p95)', 16),
    frameCase('interval', 'diagram, frame while panning and zooming, 576 example fully expanded: interval between animation frames (Chromium, p95)'),
    {
        name: 'diagram, click-to-fail answer, 576 example (spine switch, prepared baseline)',
        target: 100,
        async prepare() {
            const model = await exampleModel('pod576-cpo');
            const scenes = new DiagramScenes();
            const failures = new DiagramFailures();
            const scene = scenes.scene(model, null, {}, 64);
            const t0 = performance.now();
            await failures.evaluate('bench', model, scene, ['rack[0].nvswitch[0].sw[0]'], [], 1.1);
            const cold = performance.now() - t0;
            return { model, scene, failures, cold, i: 0 };
        },
        async run(prepared) {
            const p = prepared as { model: FabricModel; scene: Scene; failures: DiagramFailures; cold: number; i: number };
            // A different spine switch each time: no cached outcome of the same failure.
            const name = `spine.spine_rack[${p.i % 4}].tray[${(p.i >> 2) % 9}].sw[${(p.i >> 5) % 2}]`;
            p.i++;
            await p.failures.evaluate('bench', p.model, p.scene, [name], [], 1.1);
            return { note: `first click on a model without a baseline prepared ahead (priced then, in-process) ${p.cold.toFixed(0)} ms` };
        },
        runs: 9
    },
    firstClickCase('576 example', 'pod576-cpo', ['spine.spine_rack[1].tray[2].sw[0]', 'rack[3].nvswitch[4].sw[1]']),
    firstClickCase('TPU-style pod example', 'tpu-ocs-pod', ['optical.ocs[7]', 'optical.ocs[30]'])
];

interface FirstClick { model: FabricModel; scenes: DiagramScenes; failures: DiagramFailures; events: Array<{ type: string; milliseconds: number; parts?: number }>; parts: readonly [string, string]; main: number[]; early: number[] }

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The server's path: a diagram shows an analysed model, the server hands it to the failure worker
 * (v8-serialized: the server thread's cost), the worker prepares its baseline, then prices the
 * single switches and OCS ahead. Each run is a new model object (an edit); it clicks once right
 * after the baseline is ready (the worst case: that part not yet priced) and once, on another part,
 * after the worker has priced ahead (the figure reported).
 */
function firstClickCase(label: string, example: string, parts: readonly [string, string]): BenchCase {
    return {
        name: `diagram, click-to-fail first answer on a newly shown model (worker prepared ahead), ${label}`,
        target: 100,
        async prepare(): Promise<FirstClick> {
            const model = await exampleModel(example);
            const events: FirstClick['events'] = [];
            const failures = new DiagramFailures(new WorkerFailureRunner(undefined, e => events.push(e)));
            return { model, scenes: new DiagramScenes(), failures, events, parts, main: [], early: [] };
        },
        async run(prepared) {
            const p = prepared as FirstClick;
            const model = structuredClone(p.model);
            const scene = p.scenes.scene(model, null, {}, 64);
            const until = async (type: string, from: number) => { while (!p.events.slice(from).some(e => e.type === type)) await new Promise(r => setTimeout(r, 5)); };
            const from = p.events.length;
            const t0 = performance.now();
            p.failures.prepare('bench', model, 1.1);
            p.failures.mapsOf(model, scene);
            p.main.push(performance.now() - t0);
            await until('prepared', from);
            const click = async (part: string) => {
                const t = performance.now();
                const answer = await p.failures.evaluate('bench', model, scene, [part], [], 1.1);
                if (answer.unknown.length) throw new Error(`not found: ${answer.unknown.join(', ')}`);
                return performance.now() - t;
            };
            p.early.push(await click(p.parts[0]));
            await until('priced-ahead', from);
            const ms = await click(p.parts[1]);
            const took = (type: string) => median(p.events.filter(e => e.type === type).map(e => e.milliseconds));
            const ahead = p.events.filter(e => e.type === 'priced-ahead').pop()!;
            return {
                ms,
                note: `a click after the worker priced ahead (${p.parts[1]}); right after the baseline is ready, before that: ${median(p.early).toFixed(0)} ms (${p.parts[0]}); `
                    + `off the click: the worker's preparation ${took('prepared').toFixed(0)} ms, pricing ${ahead.parts} parts ahead ${(took('priced-ahead') / 1000).toFixed(1)} s, the server thread's hand-over ${median(p.main).toFixed(0)} ms`
            };
        },
        async dispose(prepared) { (prepared as FirstClick).failures.dispose(); },
        runs: 3
    };
}
