import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CATALOG_DIR, createFabricServices, diagramFeed, DiagramFailures, DiagramScenes, loadFabricDocuments, readViewParams, type FabricServices } from '../../language/src/index.js';
import { failureImpact, prepareFabric, resolveFailureSelection } from '@fabric/simulator';
import { startHarness, type Harness } from '../dist/harness/browser-harness.js';
import { namedAtFit } from '../../diagram/test/named-at-fit.js';

/**
 * The webview in a real browser: the real bundle and page template, a fake host whose feeds are
 * recorded from the four examples (the server's own feed and failure code over the examples' models
 * and analyses), every message recorded.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = ['nvl72-copper', 'pod576-cpo', 'tpu-ocs-pod', 'vcsel-slow-wide'];
/** The rest of the gallery: drawn from the model alone (their analyses are not run here: the picture never waits for one). */
const GALLERY = readdirSync(`${ROOT}examples`).filter(f => f.endsWith('.fabric')).map(f => f.replace(/\.fabric$/, '')).filter(n => !EXAMPLES.includes(n)).sort();
/** Irregular explicit-link fabrics (laid out by elkjs in the worker). */
const FIXTURES = ['dgx1-hybrid-cube-mesh', 'mixed-island'];
const FIXTURE_DIR = `${fileURLToPath(new URL('../../diagram/test/fixtures/', import.meta.url))}`;
/** The race document: its feed is whatever `race.feed` holds when the webview asks. */
const RACE_URI = 'file:///race/race.fabric';
const race: { feed: unknown } = { feed: null };
const SHOTS = `${ROOT}artifacts/screenshots`;

let services: FabricServices;
const documents = new Map<string, LangiumDocument>();
const scenes = new DiagramScenes();
const failures = new DiagramFailures();
let harness: Harness;

async function fakeServer(method: string, params: Record<string, unknown>): Promise<unknown> {
    if (params.uri === RACE_URI) return method === 'fabric/diagram' ? race.feed : null;
    const document = documents.get(String(params.uri));
    if (!document) return null;
    const view = readViewParams(params);
    if (method === 'fabric/diagram') return diagramFeed(services, document, view, scenes);
    const model = services.elaboration.FabricElaboration.of(document).models[0];
    const scene = scenes.scene(model, services.analysis.FabricAnalyses.cached(model) ?? null, view, 64);
    const started = performance.now();
    const answer = await failures.evaluate(String(params.uri), model, scene, params.names as string[], (params.bundles as string[]) ?? [], Number(params.slowdownThreshold ?? 1.1));
    return { uri: params.uri, version: undefined, ...answer, milliseconds: performance.now() - started };
}

/** 100 accelerators, 300 links between random pairs (a fixed seed): irregular, and slow for elkjs. */
function slowFabric(): string {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pairs = new Set<string>();
    while (pairs.size < 300) { const a = Math.floor(next() * 100), b = Math.floor(next() * 100); if (a !== b) pairs.add(`${Math.min(a, b)} ${Math.max(a, b)}`); }
    const links = [...pairs].map(p => p.split(' ')).map(([a, b]) => `        connect R.x[${a}] to R.x[${b}] via L length 1 m`);
    return `fabric Slow {
    accelerator X { ports 64 port-rate 100 Gbps tdp 100 W }
    link L { kind dac lanes 1 x 100 Gbps per-direction reach 2 m energy 1 pJ/bit }
    rack R { accelerator x[0..99] : X }
    layer l {
${links.join('\n')}
    }
}
`;
}

const uriOf = (name: string) => [...documents.keys()].find(u => u.endsWith(`/${name}.fabric`))!;
const modelOf = (name: string) => services.elaboration.FabricElaboration.of(documents.get(uriOf(name))!).models[0];
const hook = <T>(fn: string, ...args: unknown[]) => harness.page.evaluate(([f, a]) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>).__fabricDiagram[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
const counts = () => hook<{ boxes: number; nodes: number; collapsed: number; bundles: number; links: number; circuits: number; topLevel: number; analysis: string }>('counts');

async function pulled(action: () => Promise<unknown>): Promise<void> {
    const from = harness.sent.length;
    await action();
    await harness.waitForSent(m => m.type === 'phases', from);
    await harness.page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
}

beforeAll(async () => {
    services = createFabricServices(NodeFileSystem).Fabric;
    const catalog = readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`);
    await loadFabricDocuments(services, catalog);
    for (const path of [...[...EXAMPLES, ...GALLERY].map(name => `${ROOT}examples/${name}.fabric`), ...FIXTURES.map(name => `${FIXTURE_DIR}${name}.fabric`)]) {
        const [document] = await loadFabricDocuments(services, [path]);
        documents.set(document.uri.toString(), document);
    }
    // The race test's slow scene: one irregular rack of 100 accelerators with 300 links between them (elkjs takes seconds).
    const slowPath = `${ROOT}examples/race-slow.fabric`;
    services.shared.workspace.LangiumDocuments.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString(slowFabric(), URI.file(slowPath)));
    const [slow] = await loadFabricDocuments(services, [slowPath]);
    documents.set(slow.uri.toString(), slow);
    // After every document is built (a build makes new models): the analyses the feeds read.
    const gallery = new Set(GALLERY.map(uriOf));
    for (const [uri, document] of documents) if (document !== slow && !gallery.has(uri)) services.analysis.FabricAnalyses.full(services.elaboration.FabricElaboration.of(document).models[0]);
    mkdirSync(SHOTS, { recursive: true });
    harness = await startHarness(fakeServer);
}, 240_000);

afterAll(async () => { await harness?.close(); });

describe('the diagram webview in Chromium', () => {
    test.each(EXAMPLES)('%s: the default level of detail draws every link once, in bundles; screenshot kept', async name => {
        await harness.open(uriOf(name));
        const model = modelOf(name);
        const c = await counts();
        const scene = diagramFeed(services, documents.get(uriOf(name))!, {}, scenes).scene!;
        const hidden = scene.boxes.reduce((n, b) => n + (b.hiddenLinks ?? 0), 0);
        // Independently of the scene: every link of the model is either in a drawn bundle or inside a collapsed group.
        expect(c.links + hidden).toBe(model.links.length);
        expect(c.analysis).toBe('ready');
        const expected: Record<string, Partial<typeof c>> = {
            'nvl72-copper': { nodes: 90, collapsed: 0, bundles: 1296 },
            'pod576-cpo': { nodes: 72, collapsed: 8, topLevel: 9, bundles: 576 },
            'tpu-ocs-pod': { nodes: 48, collapsed: 64, circuits: 6144 },
            'vcsel-slow-wide': { nodes: model.nodes.length, collapsed: 0 }
        };
        expect(c).toMatchObject(expected[name]);
        await harness.page.screenshot({ path: `${SHOTS}/${name}.png` });
        expect(harness.problems).toEqual([]);
    });

    test.each(FIXTURES)('%s: an irregular explicit-link fabric is laid out by elkjs in the worker, every link drawn along its route; screenshot kept', async name => {
        await harness.open(uriOf(name));
        const model = modelOf(name);
        const c = await counts();
        expect(c.links).toBe(model.links.length);
        const info = await hook<{ engine: string[]; notes: string[]; routes: number }>('layoutInfo');
        expect(info.engine).toEqual(name === 'mixed-island' ? ['R.fabric_sw', 'R', ''] : ['board']);
        expect(info.notes).toEqual([]);
        expect(info.routes).toBeGreaterThan(0);
        expect((await hook<{ landed: number }>('layoutStats')).landed).toBeGreaterThan(0);
        await harness.page.screenshot({ path: `${SHOTS}/${name}.png` });
        expect(harness.problems).toEqual([]);
    });

    test('a newer edit ends the running layout: the stale layout never lands', async () => {
        const feedOf = (name: string, version: number) => ({ ...diagramFeed(services, documents.get(uriOf(name))!, {}, new DiagramScenes()), uri: RACE_URI, version });
        const first = feedOf('nvl72-copper', 1);
        const stale = feedOf('race-slow', 2);
        const newest = feedOf('vcsel-slow-wide', 3);
        expect(stale.scene!.structureKey).not.toBe(newest.scene!.structureKey);
        race.feed = first;
        await harness.open(RACE_URI);
        race.feed = stale;
        await harness.post({ type: 'documentChanged', uri: RACE_URI, version: 2 });
        // The slow layout is running in the worker…
        await harness.page.waitForFunction(key => (window as unknown as { __fabricDiagram: { layoutStats(): { running: string | null } } }).__fabricDiagram.layoutStats().running === key, stale.scene!.structureKey);
        // …when the next edit arrives.
        race.feed = newest;
        await harness.post({ type: 'documentChanged', uri: RACE_URI, version: 3 });
        await harness.page.waitForFunction(() => document.getElementById('fabric-diagram')!.dataset.version === '3');
        const stats = await hook<{ started: number; terminated: number; landed: number; running: string | null }>('layoutStats');
        expect(stats.running).toBeNull();
        expect(stats.terminated).toBeGreaterThanOrEqual(1);
        expect(await hook('landed')).toEqual([1, 3]);
        expect((await counts()).boxes).toBe(newest.scene!.boxes.length);
        expect(harness.problems).toEqual([]);
    });

    test.each([...EXAMPLES, ...GALLERY])('%s: at the fit zoom the top-level elements and every collapsed box are labelled; screenshot kept', async name => {
        await harness.open(uriOf(name));
        const labels = new Set(await hook<string[]>('visibleLabels'));
        const scene = diagramFeed(services, documents.get(uriOf(name))!, {}, scenes).scene!;
        for (const b of namedAtFit(scene, labels)) expect(labels, b.key).toContain(b.label);
        if (name === 'pod576-cpo') for (const b of scene.boxes) if (!b.group) expect(labels, b.key).toContain(b.label);
        if (GALLERY.includes(name)) await harness.page.screenshot({ path: `${SHOTS}/${name}.png` });
        expect(harness.problems).toEqual([]);
    });

    test.each(['nvl72-copper', 'vcsel-slow-wide'])('%s: the first picture names its trays and nodes (labels readable at the fit zoom)', async name => {
        await harness.open(uriOf(name));
        const labels = await hook<string[]>('visibleLabels');
        const scene = diagramFeed(services, documents.get(uriOf(name))!, {}, scenes).scene!;
        const trays = scene.boxes.filter(b => b.kind === 'tray').map(b => b.label);
        const nodes = scene.boxes.filter(b => !b.group).map(b => b.label);
        for (const t of trays) expect(labels).toContain(t);
        for (const n of new Set(nodes)) expect(labels).toContain(n);
    });

    test('the phase selector starts at the slowest phase the analysis priced; (none) is a choice that holds across an update', async () => {
        const name = 'vcsel-slow-wide';
        const uri = uriOf(name);
        await harness.open(uri);
        const priced = services.analysis.FabricAnalyses.cached(modelOf(name))!.phases.filter(p => p.timeSeconds !== null);
        const slowest = priced.reduce((a, b) => (b.timeSeconds! > a.timeSeconds! ? b : a));
        const id = `${slowest.workload}.${slowest.name}`;
        // Not the first phase: the default is the one that paces the workload.
        expect(id).not.toBe(`${priced[0].workload}.${priced[0].name}`);
        expect(await harness.page.inputValue('select.phase')).toBe(id);
        expect(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.phase)).toBe(id);
        expect(harness.sent.filter(m => m.type === 'phases').pop()).toMatchObject({ current: id });
        await pulled(() => harness.page.selectOption('select.phase', ''));
        expect(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.phase)).toBe('');
        await pulled(() => harness.post({ type: 'documentChanged', uri, version: 3 }));
        expect(await harness.page.inputValue('select.phase')).toBe('');
        await pulled(() => harness.page.selectOption('select.phase', id));
        expect(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.phase)).toBe(id);
    });

    test('double-click opens a collapsed rack and closes it again', async () => {
        await harness.open(uriOf('pod576-cpo'));
        const before = await counts();
        const at = await hook<{ x: number; y: number }>('boxPoint', 'rack[0]');
        const canvas = await harness.page.locator('canvas').boundingBox();
        await pulled(() => harness.page.mouse.dblclick(canvas!.x + at.x, canvas!.y + at.y));
        const open = await counts();
        expect(open.collapsed).toBe(before.collapsed - 1);
        expect(open.nodes).toBe(before.nodes + 90);
        await harness.page.screenshot({ path: `${SHOTS}/pod576-cpo-rack0-open.png` });
        // Double-click the open rack's frame (its header) to close it.
        const frame = await hook<{ x: number; y: number; w: number; h: number }>('boxPoint', 'rack[0]');
        await pulled(() => harness.page.mouse.dblclick(canvas!.x + frame.x, canvas!.y + frame.y - frame.h / 2 + 3));
        expect((await counts()).collapsed).toBe(before.collapsed);
    });

    test('search by path opens the groups on the way, selects and centres the element', async () => {
        await harness.open(uriOf('pod576-cpo'));
        await harness.page.fill('input.search', 'rack[2].compute[5].gpu[1]');
        await pulled(() => harness.page.press('input.search', 'Enter'));
        await harness.page.waitForFunction(() => document.querySelector('.status')?.textContent?.startsWith('found'));
        expect(await hook('selectedKey')).toBe('rack[2].compute[5].gpu[1]');
        const at = await hook<{ x: number; y: number }>('boxPoint', 'rack[2].compute[5].gpu[1]');
        const canvas = await harness.page.locator('canvas').boundingBox();
        expect(Math.abs(at.x - canvas!.width / 2)).toBeLessThan(2);
        expect(Math.abs(at.y - canvas!.height / 2)).toBeLessThan(2);
    });

    test('a click reveals the declaration; a cursor message highlights the element declared there', async () => {
        await harness.open(uriOf('nvl72-copper'));
        const at = await hook<{ x: number; y: number }>('boxPoint', 'R.nvswitch[3].sw[1]');
        const canvas = await harness.page.locator('canvas').boundingBox();
        const from = harness.sent.length;
        await harness.page.mouse.click(canvas!.x + at.x, canvas!.y + at.y);
        const reveal = await harness.waitForSent(m => m.type === 'reveal', from);
        const node = modelOf('nvl72-copper').nodes.find(n => n.path === 'R.nvswitch[3].sw[1]')!;
        expect(reveal.range).toEqual(node.source.range);
        const gpu = modelOf('nvl72-copper').nodes.find(n => n.kind === 'accelerator')!;
        await harness.post({ type: 'cursor', uri: uriOf('nvl72-copper'), position: gpu.source.range.start });
        await harness.page.waitForFunction(() => document.getElementById('fabric-diagram')?.dataset.cursor !== undefined);
        expect(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.cursor)).toMatch(/^R\.compute\[\d+\]\.gpu\[\d+\]$/);
    });

    test('shift-click fails a spine switch: colours change, the panel shows the simulator slowdowns; Clear Failures restores', async () => {
        await harness.open(uriOf('pod576-cpo'));
        const coloursBefore = await hook<Array<{ stroke: string; count: number }>>('bundleColours');
        const path = 'spine.spine_rack[0].tray[0].sw[0]';
        const at = await hook<{ x: number; y: number }>('boxPoint', path);
        const canvas = await harness.page.locator('canvas').boundingBox();
        await harness.page.keyboard.down('Shift');
        await harness.page.mouse.click(canvas!.x + at.x, canvas!.y + at.y);
        await harness.page.keyboard.up('Shift');
        await harness.page.waitForSelector('.panel .slowdown');
        const model = modelOf('pod576-cpo');
        const expected = failureImpact(prepareFabric(model), resolveFailureSelection(model, [path]).selection);
        const shown = await harness.page.$$eval('.panel .slowdown', cells => cells.map(c => (c as HTMLElement).dataset.slowdown));
        expect(shown).toEqual(expected.phases.map(p => p.slowdown!.toFixed(4)));
        const coloursAfter = await hook<Array<{ stroke: string; count: number }>>('bundleColours');
        expect(coloursAfter).not.toEqual(coloursBefore);
        // The failed switch is filled with the failure colour.
        expect(await hook<string[]>('boxFills')).toContain('#d62728');
        // The panel shows the slowdowns whole: nothing clipped, no sideways scrolling.
        const fit = await harness.page.evaluate(() => {
            const panel = document.querySelector('.panel')!;
            const right = panel.getBoundingClientRect().right;
            return { overflow: panel.scrollWidth - panel.clientWidth, cells: [...panel.querySelectorAll('.slowdown, table.after td')].map(c => c.getBoundingClientRect().right - right) };
        });
        expect(fit.overflow).toBeLessThanOrEqual(0);
        for (const beyond of fit.cells) expect(beyond).toBeLessThanOrEqual(0);
        await harness.page.screenshot({ path: `${SHOTS}/pod576-cpo-spine-switch-failed.png` });
        await harness.page.click('button.clear');
        expect(await hook('bundleColours')).toEqual(coloursBefore);
    });

    test('a failure domain from the panel shows its blast radius on the TPU pod', async () => {
        await harness.open(uriOf('tpu-ocs-pod'));
        const name = await harness.page.getAttribute('.panel a[data-domain^="cube_power"]', 'data-domain');
        await harness.page.click(`.panel a[data-domain="${name}"]`);
        await harness.page.waitForSelector('.panel table.failure');
        const overlay = await hook<{ blastRadius: number; failedBoxes: Array<[number, number]> }>('overlay');
        const model = modelOf('tpu-ocs-pod');
        const domain = services.analysis.FabricAnalyses.cached(model)!.failureDomains.find(d => d.name === name)!;
        expect(overlay.blastRadius).toBe(domain.blastRadius);
        expect(overlay.failedBoxes).toEqual([[expect.any(Number), 64]]);
        await harness.page.screenshot({ path: `${SHOTS}/tpu-ocs-pod-cube-failed.png` });
    });

    test('colour by the phase load grades the bundles by the simulator\'s per-link loads; screenshot kept', async () => {
        const name = 'vcsel-slow-wide';
        await harness.open(uriOf(name));
        const scene = diagramFeed(services, documents.get(uriOf(name))!, {}, scenes).scene!;
        // Every bundle carries a load, and they differ (the phase loads its links unevenly).
        expect(scene.bundles.every(b => b.load !== undefined)).toBe(true);
        expect(new Set(scene.bundles.map(b => b.load)).size).toBeGreaterThan(1);
        const byKind = await hook<Array<{ stroke: string; count: number }>>('bundleColours');
        await harness.page.selectOption('select.colour', 'load');
        await harness.page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
        const byLoad = await hook<Array<{ stroke: string; count: number }>>('bundleColours');
        expect(byLoad).not.toEqual(byKind);
        expect(byLoad.reduce((n, c) => n + c.count, 0)).toBe(scene.bundles.length);
        // Graded colours of the load ramp, none the muted colour of a bundle without a load.
        expect(new Set(byLoad.map(c => c.stroke)).size).toBeGreaterThan(1);
        expect(byLoad.map(c => c.stroke)).not.toContain('#6e6e6e');
        await harness.page.screenshot({ path: `${SHOTS}/${name}-load.png` });
        await harness.page.selectOption('select.colour', 'kind');
    });

    test('a theme switch recolours in place', async () => {
        await harness.open(uriOf('vcsel-slow-wide'));
        const corner = () => harness.page.evaluate(() => Array.from(document.querySelector('canvas')!.getContext('2d')!.getImageData(2, 2, 1, 1).data.slice(0, 3)));
        expect(await corner()).toEqual([255, 255, 255]);
        await harness.page.evaluate(() => {
            document.body.style.setProperty('--vscode-editor-background', '#1e1e1e');
            document.body.style.setProperty('--vscode-editor-foreground', '#d4d4d4');
            document.body.className = 'vscode-dark';
        });
        await harness.page.waitForFunction(() => document.querySelector('canvas')!.getContext('2d')!.getImageData(2, 2, 1, 1).data[0] === 30);
        expect(await corner()).toEqual([30, 30, 30]);
        await harness.page.screenshot({ path: `${SHOTS}/vcsel-slow-wide-dark.png` });
    });

    test('the viewport is kept across an update', async () => {
        await harness.open(uriOf('nvl72-copper'));
        const canvas = await harness.page.locator('canvas').boundingBox();
        await harness.page.mouse.move(canvas!.x + 300, canvas!.y + 300);
        await harness.page.mouse.wheel(0, -400);
        await harness.page.mouse.down();
        await harness.page.mouse.move(canvas!.x + 250, canvas!.y + 200, { steps: 4 });
        await harness.page.mouse.up();
        const before = await hook('viewport');
        await pulled(() => harness.post({ type: 'documentChanged', uri: uriOf('nvl72-copper'), version: 2 }));
        expect(await hook('viewport')).toEqual(before);
        // …and across a reload (the state the webview saved).
        const state = harness.sent.filter(m => m.type === 'state').pop()!.state;
        await harness.open(uriOf('nvl72-copper'), undefined, state);
        expect(await hook('viewport')).toEqual(before);
    });

    test('when the camera rests after a pan, the full picture follows in slices and equals the one drawn in one go', async () => {
        await harness.open(uriOf('pod576-cpo'));
        // A digest of the canvas's pixels, and how many differ from the colour at the corner (not blank).
        const pixels = () => harness.page.evaluate(() => {
            const c = document.querySelector('canvas')!;
            const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let h = 0x811c9dc5, drawn = 0;
            for (let i = 0; i < d.length; i++) { h ^= d[i]; h = Math.imul(h, 0x01000193); }
            for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) drawn++;
            return { hash: h >>> 0, drawn };
        });
        const start = await hook<{ tx: number; ty: number; zoom: number }>('viewport');
        const frames = Number(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.frames));
        await hook('setCamera', { ...start, tx: start.tx - 40, zoom: start.zoom * 1.5 });
        await hook('setCamera', start);
        await harness.page.waitForFunction(() => document.getElementById('fabric-diagram')!.dataset.rest === 'done');
        // The moved pictures, then the rest's slices: more frames than the two moves.
        expect(Number(await harness.page.evaluate(() => document.getElementById('fabric-diagram')!.dataset.frames))).toBeGreaterThan(frames + 2);
        const sliced = await pixels();
        expect(sliced.drawn).toBeGreaterThan(10_000);
        await hook('timeFullPaint');
        expect(await pixels()).toEqual(sliced);
    });

    test('the SVG export draws what the canvas shows, pixel for pixel', async () => {
        await harness.open(uriOf('pod576-cpo'));
        const from = harness.sent.length;
        await harness.post({ type: 'command', command: 'exportSvg', requestId: 41 });
        const exported = await harness.waitForSent(m => m.type === 'exported', from);
        expect(exported).toMatchObject({ requestId: 41, format: 'svg' });
        writeFileSync(`${SHOTS}/pod576-cpo-export.svg`, String(exported.data));
        const diff = await harness.page.evaluate(async svg => {
            const canvas = document.querySelector('canvas')!;
            const w = canvas.width, h = canvas.height;
            const img = new Image();
            img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
            await img.decode();
            const other = document.createElement('canvas');
            other.width = w; other.height = h;
            const octx = other.getContext('2d')!;
            octx.drawImage(img, 0, 0, w, h);
            const a = canvas.getContext('2d')!.getImageData(0, 0, w, h).data, b = octx.getImageData(0, 0, w, h).data;
            let differing = 0;
            for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 96) differing++;
            return differing / (w * h);
        }, String(exported.data));
        await harness.page.screenshot({ path: `${SHOTS}/pod576-cpo-canvas-for-export.png` });
        // The two rasterisers smooth glyph edges differently: with every spine switch, tray and rack
        // named at this zoom, those edges are about 1.4 % of the pixels; a missing or moved element is far more.
        expect(diff).toBeLessThan(0.02);
        // The same labels, exactly: the SVG's texts are the canvas's visible labels.
        const texts = [...String(exported.data).matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(m => m[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))));
        expect(texts.sort()).toEqual((await hook<string[]>('visibleLabels')).sort());
        const png = await (async () => {
            const f = harness.sent.length;
            await harness.post({ type: 'command', command: 'exportPng', requestId: 42 });
            return harness.waitForSent(m => m.type === 'exported' && m.format === 'png', f);
        })();
        expect(Buffer.from(String(png.data), 'base64').subarray(1, 4).toString()).toBe('PNG');
        expect(harness.problems).toEqual([]);
    });
});
