import { parentPort } from 'node:worker_threads';
import { analyzeContext, prepareFabric, type AnalysisOptions, type FabricModel } from '@fabric/simulator';

/**
 * The analysis worker: takes a FabricModel and answers its Analysis. Staged, it answers twice: first
 * without the failure sweep (totals, phases: cheap), then in full; both stages share one prepared
 * fabric (graphs, twin classes, schedules), so the second does not redo the first's preparation.
 * Ended (not interrupted) when an edit makes the run stale or a stage runs past its budget.
 */
parentPort?.on('message', (request: { id: number; model: FabricModel; options: AnalysisOptions; staged?: boolean }) => {
    try {
        const context = prepareFabric(request.model, request.options);
        const sweeps = !request.options.skipFailureDomains || (request.options.singleFailures?.length ?? 0) > 0;
        if (request.staged && sweeps) {
            const phasesOnly = analyzeContext({ ...context, options: { ...context.options, skipFailureDomains: true, singleFailures: [] } });
            parentPort!.postMessage({ id: request.id, stage: 'phases', analysis: phasesOnly });
        }
        parentPort!.postMessage({ id: request.id, stage: 'full', analysis: analyzeContext(context) });
    } catch (error) {
        parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
});
