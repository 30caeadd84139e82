import { parentPort, workerData } from 'node:worker_threads';
import { analyzeContext, prepareFabric, type AnalysisOptions, type FabricModel } from '@fabric/simulator';
import type { WorkerStart } from './analysis-runner.js';

/** Thrown out of the simulator's progress callback when the runner asked this job to stop. */
class StopRequested extends Error { }

const stop = new Int32Array((workerData as WorkerStart).stop);

/**
 * The analysis worker: takes a FabricModel and answers its Analysis. Staged, it answers twice: first
 * without the failure sweep (totals, phases: cheap), then in full; both stages share one prepared
 * fabric (graphs, twin classes, schedules), so the second does not redo the first's preparation.
 * Asked to stop (the runner writes the job's id into `stop`), it gives up between stages or after
 * the failure evaluation in progress, answers `stopped`, and waits for the next job, warm; ended
 * when a stage runs past its budget or a stop takes longer than the runner's grace time.
 */
parentPort?.on('message', (request: { id: number; model: FabricModel; options: AnalysisOptions; staged?: boolean }) => {
    const checkStop = () => { if (Atomics.load(stop, 0) === request.id) throw new StopRequested(); };
    try {
        checkStop();
        const context = prepareFabric(request.model, { ...request.options, onFailureProgress: checkStop });
        const sweeps = !request.options.skipFailureDomains || (request.options.singleFailures?.length ?? 0) > 0;
        if (request.staged && sweeps) {
            const phasesOnly = analyzeContext({ ...context, options: { ...context.options, skipFailureDomains: true, singleFailures: [] } });
            parentPort!.postMessage({ id: request.id, stage: 'phases', analysis: phasesOnly });
            checkStop();
        }
        parentPort!.postMessage({ id: request.id, stage: 'full', analysis: analyzeContext(context) });
    } catch (error) {
        if (error instanceof StopRequested) parentPort!.postMessage({ id: request.id, stopped: true });
        else parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
});
