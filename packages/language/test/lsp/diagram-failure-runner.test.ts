import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { failureImpact, prepareFabric, resolveFailureSelection, type FabricModel } from '@fabric/simulator';
import { CATALOG_DIR, createFabricServices, loadFabricDocuments, WorkerFailureRunner } from '../../src/index.js';

/** The compiled worker (the server runs it from dist/; `npm run build` makes it). */
const WORKER = new URL('../../dist/lsp/diagram-failure-worker.js', import.meta.url);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let model: FabricModel;
const events: Array<{ type: string; parts?: number }> = [];
let runner: WorkerFailureRunner;

beforeAll(async () => {
    const services = createFabricServices(NodeFileSystem).Fabric;
    await loadFabricDocuments(services, readdirSync(CATALOG_DIR.fsPath).filter(f => f.endsWith('.fabric')).map(f => `${CATALOG_DIR.fsPath}/${f}`));
    const [document] = await loadFabricDocuments(services, [`${ROOT}examples/nvl72-copper.fabric`]);
    model = services.elaboration.FabricElaboration.of(document).models[0];
    runner = new WorkerFailureRunner(WORKER, e => events.push(e));
}, 60_000);

afterAll(() => runner?.dispose());

const until = async (type: string) => { while (!events.some(e => e.type === type)) await new Promise(r => setTimeout(r, 10)); };
const selection = (names: string[]) => resolveFailureSelection(model, names).selection;

describe('click-to-fail in a worker thread', () => {
    test('prepared ahead, the worker prices every switch ahead; a click answers exactly what the simulator answers', async () => {
        runner.prepare('doc', model, 1.1);
        await until('prepared');
        await until('priced-ahead');
        expect(events.find(e => e.type === 'priced-ahead')!.parts).toBe(model.nodes.filter(n => n.kind === 'switch' || n.kind === 'ocs').length);
        const context = prepareFabric(model, { slowdownThreshold: 1.1 });
        for (const name of ['R.nvswitch[3].sw[1]', 'R.nvswitch[0].sw[0]']) {
            const answer = await runner.evaluate('doc', model, { ...selection([name]), name: `clicked ${name}` }, 1.1);
            expect(answer).toEqual(failureImpact(context, { ...selection([name]), name: `clicked ${name}` }));
        }
        // A set never priced ahead (a whole tray and a GPU) is priced on the click, the same way.
        const tray = { ...selection(['R.compute[2]', 'R.nvswitch[1].sw[0]']), name: 'two parts' };
        expect(await runner.evaluate('doc', model, tray, 1.1)).toEqual(failureImpact(context, tray));
    }, 120_000);

    test('another threshold is another baseline; an edit (a newer model) replaces the older one', async () => {
        const name = 'R.nvswitch[2].sw[0]';
        const strict = await runner.evaluate('doc', model, { ...selection([name]), name }, 1.0001);
        expect(strict).toEqual(failureImpact(prepareFabric(model, { slowdownThreshold: 1.0001 }), { ...selection([name]), name }));
        const edited = structuredClone(model);
        const answer = await runner.evaluate('doc', edited, { ...selection([name]), name }, 1.1);
        expect(answer).toEqual(failureImpact(prepareFabric(edited, { slowdownThreshold: 1.1 }), { ...selection([name]), name }));
    }, 120_000);
});
