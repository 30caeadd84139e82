// fabric export --format svg, run as a subprocess: the diagram the editor shows on opening, drawn by
// the diagram package — compared with the scene the language server feeds the webview, laid out and
// written in-process through the public entry points.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import ELK from 'elkjs/lib/elk.bundled.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { layoutScene, layoutWithEngine, sceneToSvg, type ElkEngine } from '@fabric/diagram';
import { CATALOG_DIR, createFabricServices, diagramFeed, loadFabricDocuments, type FabricServices } from '../../language/src/index.js';
import { fabric, tempFile } from './run-fabric.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DGX1 = 'packages/diagram/test/fixtures/dgx1-hybrid-cube-mesh.fabric';
let services: FabricServices;

beforeAll(async () => {
    services = createFabricServices(NodeFileSystem).Fabric;
    await loadFabricDocuments(services, readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`));
}, 60_000);

/** What the webview draws first for `path`: the server's feed at the default view, laid out with elkjs as the layout worker does. */
async function webviewSvg(path: string): Promise<{ svg: string; rows: string }> {
    const [document] = await loadFabricDocuments(services, [`${ROOT}${path}`]);
    services.analysis.FabricAnalyses.full(services.elaboration.FabricElaboration.of(document).models[0]);
    const scene = diagramFeed(services, document).scene!;
    return {
        svg: sceneToSvg(scene, await layoutWithEngine(scene, new (ELK as unknown as new () => ElkEngine)())),
        // our placement alone (irregular groups in rows), for telling the two apart
        rows: sceneToSvg(scene, layoutScene(scene))
    };
}

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(m => m[1]);

describe('fabric export --format svg', () => {
    test('pod576-cpo: the SVG is the webview\'s first picture (same scene, same layout, same writer); racks and spine named', async () => {
        const run = fabric(['export', 'examples/pod576-cpo.fabric', '--format', 'svg']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
        expect(run.stdout).toContain('<title>Pod576</title>');
        expect(run.stdout).toBe((await webviewSvg('examples/pod576-cpo.fabric')).svg);
        const labels = texts(run.stdout);
        for (let r = 0; r < 8; r++) expect(labels).toContain(`rack[${r}]`);
        expect(labels).toContain('spine');
    }, 120_000);

    test('an irregular explicit-link fabric (DGX-1 hybrid cube-mesh) is laid out by elkjs as in the webview: routed links, same picture', async () => {
        const run = fabric(['export', DGX1, '--format', 'svg']);
        expect(run.code).toBe(0);
        const webview = await webviewSvg(DGX1);
        expect(run.stdout).toBe(webview.svg);
        // elkjs placed it: not our rows.
        expect(run.stdout).not.toBe(webview.rows);
    }, 120_000);

    test('-o writes the file and prints the summary; a fabric with errors writes nothing and says where', () => {
        const out = `${tempFile('x.txt', '')}.svg`;
        const run = fabric(['export', 'examples/nvl72-copper.fabric', '--format', 'svg', '-o', out]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^wrote .*\.svg \(svg, \d+ KiB\)/);
        expect(readFileSync(out, 'utf8')).toContain('<title>NVL72</title>');
        const broken = tempFile('broken.fabric', 'fabric B {\n    rack R { accelerator x[0..3] : Nope }\n}\n');
        const bad = fabric(['export', broken, '--format', 'svg']);
        expect(bad.code).toBe(2);
        expect(bad.stdout).toBe('');
        expect(bad.stderr).toMatch(/broken\.fabric:2:/);
    });
});
