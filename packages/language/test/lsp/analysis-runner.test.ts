import { analyzeFabric } from '@fabric/simulator';
import { Cancellation, isOperationCancelled } from 'langium';
import { parseHelper } from 'langium/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkerAnalysisRunner, type FabricFile, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';
import { RACK_TEXT } from './rack-text.js';

/** The worker runs the compiled simulator (`npm test` builds first), exactly as the language server does. */
const WORKER = new URL('../../dist/lsp/analysis-worker.js', import.meta.url);
const TEXT = RACK_TEXT;

let services: FabricServices;
let runner: WorkerAnalysisRunner;
beforeAll(async () => { services = await createTestServices(); runner = new WorkerAnalysisRunner(WORKER); });
afterAll(() => runner.dispose());

async function model() {
    const document = await parseHelper<FabricFile>(services)(TEXT);
    return services.elaboration.FabricElaboration.of(document).models[0];
}

describe('analysis in a worker thread', () => {
    test('gives the same Analysis as the simulator on the calling thread', async () => {
        const m = await model();
        expect(await runner.analyze(m, {}, Cancellation.CancellationToken.None)).toEqual(analyzeFabric(m));
    });

    test('a cancelled analysis ends with OperationCancelled, and the next one still runs', async () => {
        const m = await model();
        const source = new Cancellation.CancellationTokenSource();
        const cancelled = runner.analyze(m, {}, source.token);
        source.cancel();
        await expect(cancelled).rejects.toSatisfy(isOperationCancelled);
        expect((await runner.analyze(m, {}, Cancellation.CancellationToken.None)).fabric).toBe('Rack');
    });
});
