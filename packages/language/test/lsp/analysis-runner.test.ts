import { analyzeFabric, type FabricModel } from '@fabric/simulator';
import { fileURLToPath } from 'node:url';
import { Cancellation, isOperationCancelled } from 'langium';
import { parseHelper } from 'langium/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadFabricDocuments, WorkerAnalysisRunner, type AnalysisOutcome, type FabricFile, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';
import { RACK_TEXT } from './rack-text.js';

/** The worker runs the compiled simulator (`npm test` builds first), exactly as the language server does. */
const WORKER = new URL('../../dist/lsp/analysis-worker.js', import.meta.url);
const NONE = Cancellation.CancellationToken.None;

let services: FabricServices;
let runner: WorkerAnalysisRunner;
let pod: FabricModel;
beforeAll(async () => {
    services = await createTestServices();
    runner = new WorkerAnalysisRunner(WORKER);
    const [document] = await loadFabricDocuments(services, [fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url))]);
    pod = services.elaboration.FabricElaboration.of(document).models[0];
});
afterAll(() => runner.dispose());

async function rack(): Promise<FabricModel> {
    const document = await parseHelper<FabricFile>(services)(RACK_TEXT);
    return services.elaboration.FabricElaboration.of(document).models[0];
}

describe('analysis in a worker thread', () => {
    test('gives the same Analysis as the simulator on the calling thread', async () => {
        const m = await rack();
        const outcome = await runner.analyze(m, {}, NONE);
        expect(outcome.stage).toBe('full');
        expect(outcome.analysis).toEqual(analyzeFabric(m));
    });

    test('staged: totals and phases arrive first, without the failure sweep, then the full analysis', async () => {
        const stages: AnalysisOutcome[] = [];
        const outcome = await runner.analyze(pod, {}, NONE, stage => stages.push(stage));
        expect(stages.map(s => s.stage)).toEqual(['phases']);
        expect(stages[0].analysis!.phases.map(p => p.name)).toEqual(['grads', 'experts']);
        expect(stages[0].analysis!.failureDomains).toEqual([]);
        expect(outcome.analysis!.failureDomains.length).toBe(pod.failureDomains.length);
        expect(outcome.analysis!.phases).toEqual(stages[0].analysis!.phases);
    });

    test('per-link phase loads cross the worker boundary as typed arrays, equal to the calling thread\'s (the diagram colours by them)', async () => {
        const outcome = await runner.analyze(pod, { skipFailureDomains: true }, NONE);
        const here = analyzeFabric(pod, { skipFailureDomains: true });
        for (const [i, phase] of outcome.analysis!.phases.entries()) {
            expect(phase.linkLoads).toBeInstanceOf(Float32Array);
            expect(phase.linkLoads!.length).toBe(pod.links.length);
            expect(Array.from(phase.linkLoads!)).toEqual(Array.from(here.phases[i].linkLoads!));
            expect(Math.max(...phase.linkLoads!)).toBeGreaterThan(0.5);
        }
    });

    test('a cancelled analysis ends with OperationCancelled, and the next one still runs', async () => {
        const m = await rack();
        const source = new Cancellation.CancellationTokenSource();
        const cancelled = runner.analyze(m, {}, source.token);
        source.cancel();
        await expect(cancelled).rejects.toSatisfy(isOperationCancelled);
        expect((await runner.analyze(m, {}, NONE)).analysis!.fabric).toBe('Rack');
    });

    test('a run cancelled during its failure sweep stops by itself: the same warm worker answers the next job', async () => {
        await runner.analyze(pod, {}, NONE);
        const started = runner.workersStarted;
        const source = new Cancellation.CancellationTokenSource();
        // Cancelled as its phases arrive, i.e. while the sweep (pod576's 10 failure domains) runs.
        const cancelled = runner.analyze(pod, {}, source.token, () => source.cancel());
        await expect(cancelled).rejects.toSatisfy(isOperationCancelled);
        const next = await runner.analyze(pod, {}, NONE);
        expect(next.stage).toBe('full');
        expect(next.analysis).toEqual(analyzeFabric(pod));
        expect(runner.workersStarted).toBe(started);
    });

    test('a cancelled run that does not stop within the grace time has its worker ended; the next job gets a fresh one', async () => {
        const impatient = new WorkerAnalysisRunner(WORKER, { phasesMs: 60_000, failuresMs: 60_000, stopGraceMs: 0 });
        try {
            // The TPU-style pod's first failure evaluation in a fresh worker takes far longer than no grace at all.
            const [document] = await loadFabricDocuments(services, [fileURLToPath(new URL('../../../../examples/tpu-ocs-pod.fabric', import.meta.url))]);
            const tpu = services.elaboration.FabricElaboration.of(document).models[0];
            const source = new Cancellation.CancellationTokenSource();
            const cancelled = impatient.analyze(tpu, {}, source.token, () => source.cancel());
            await expect(cancelled).rejects.toSatisfy(isOperationCancelled);
            const m = await rack();
            expect((await impatient.analyze(m, {}, NONE)).analysis).toEqual(analyzeFabric(m));
            expect(impatient.workersStarted).toBe(2);
        } finally {
            impatient.dispose();
        }
    });

    test('one job at a time, in order; a cancelled job waiting its turn is dropped without disturbing the others', async () => {
        const m = await rack();
        const order: string[] = [];
        const waiting = new Cancellation.CancellationTokenSource();
        const first = runner.analyze(pod, {}, NONE).then(() => order.push('pod'));
        const dropped = runner.analyze(m, {}, waiting.token);
        const third = runner.analyze(m, {}, NONE).then(() => order.push('rack'));
        waiting.cancel();
        await expect(dropped).rejects.toSatisfy(isOperationCancelled);
        await Promise.all([first, third]);
        expect(order).toEqual(['pod', 'rack']);
    });
});

describe('the analysis budget', () => {
    test('totals and phases past their budget: the worker is ended and the outcome says what was not computed', async () => {
        const tight = new WorkerAnalysisRunner(WORKER, { phasesMs: 1, failuresMs: 60_000 });
        try {
            const outcome = await tight.analyze(pod, {}, NONE);
            expect(outcome).toEqual({ analysis: undefined, stage: 'phases', budgetReached: { stopped: 'phases', budgetMs: 1 } });
        } finally {
            tight.dispose();
        }
    });

    test('the failure sweep past its budget: the phases stand, the sweep is reported as not computed, and the next run works', async () => {
        const tight = new WorkerAnalysisRunner(WORKER, { phasesMs: 60_000, failuresMs: 1 });
        try {
            const outcome = await tight.analyze(pod, {}, NONE);
            expect(outcome.budgetReached).toEqual({ stopped: 'failures', budgetMs: 1 });
            expect(outcome.analysis!.phases.map(p => p.name)).toEqual(['grads', 'experts']);
            expect(outcome.analysis!.failureDomains).toEqual([]);
            const next = await tight.analyze(await rack(), { skipFailureDomains: true }, NONE);
            expect(next.stage).toBe('full');
        } finally {
            tight.dispose();
        }
    });
});
