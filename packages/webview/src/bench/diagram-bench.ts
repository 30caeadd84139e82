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

const editCase = (name: string, load: () => Promise<FabricModel> | FabricModel, runs = 5): BenchCase => ({
    name: `diagram, edit → updated diagram (scene, layout, first frame in Chromium), ${name}`,
    prepare: () => prepareEdit(load),
    async run(p) { return runEdit(p as EditBench); },
    async dispose(p) { await (p as EditBench).harness.close(); },
    runs
});

export const benchCases: BenchCase[] = [
    editCase('NVL72 example', () => exampleModel('nvl72-copper')),
    editCase('576-accelerator example', () => exampleModel('pod576-cpo')),
    editCase('TPU-style pod example', () => exampleModel('tpu-ocs-pod')),
    editCase('generated 8,192-accelerator fabric', () => fabric8192(), 3),
    {
        name: 'diagram, frame while panning and zooming, 576 example fully expanded (Chromium, p95)',
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
            const harness = prepared as Harness;
            // Frame time: from one animation frame to the next while the camera moves every frame
            // (script, painting and raster included), as a pan or zoom gesture drives it.
            const times = await harness.page.evaluate(async () => {
                const d = (window as unknown as { __fabricDiagram: { viewport(): { tx: number; ty: number; zoom: number }; setCamera(c: unknown): void } }).__fabricDiagram;
                const start = d.viewport();
                const out: number[] = [];
                let last = await new Promise<number>(r => requestAnimationFrame(r));
                for (let i = 0; i < 120; i++) {
                    const zoom = start.zoom * (1 + 0.8 * Math.sin(i / 20) ** 2);
                    d.setCamera({ zoom, tx: start.tx - i * 6, ty: start.ty - i * 2 });
                    const now = await new Promise<number>(r => requestAnimationFrame(r));
                    out.push(now - last);
                    last = now;
                }
                d.setCamera(start);
                return out.sort((a, b) => a - b);
            });
            const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
            // The runner times the whole pan; the figure reported is p95 via the note and the ms below.
            return { note: `frame p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms between animation frames over 120 camera moves (20,736 links; the moved last picture while the camera moves, the full one when it rests; headless Chromium, software raster)`, p95: p(0.95) };
        },
        runs: 3
    },
    {
        name: 'diagram, click-to-fail answer, 576 example (spine switch, prepared baseline)',
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
