import { parentPort } from 'node:worker_threads';
import { analyzeFabric, type AnalysisOptions, type FabricModel } from '@fabric/simulator';

/** The analysis worker: takes a FabricModel, answers its Analysis. Ended (not interrupted) when an edit makes it stale. */
parentPort?.on('message', (request: { id: number; model: FabricModel; options: AnalysisOptions }) => {
    try {
        parentPort!.postMessage({ id: request.id, analysis: analyzeFabric(request.model, request.options) });
    } catch (error) {
        parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
});
