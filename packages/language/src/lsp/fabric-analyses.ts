import { analyzeFabric, type Analysis, type FabricModel } from '@fabric/simulator';
import type { Cancellation } from 'langium';
import { InProcessAnalysisRunner, type AnalysisRunner } from './analysis-runner.js';

/**
 * The one Analysis of each FabricModel, shared by diagnostics, hovers, inlay hints, code lenses
 * and the diagram feed. Keyed by the model object: elaboration makes new models when the
 * workspace changes, so stale analyses are dropped with their models and memory stays bounded.
 *
 * `analyse` runs the full analysis (failure sweep included) through the runner: in the language
 * server a worker thread, elsewhere the calling thread. `cached` never computes: what hovers,
 * inlay hints and code lenses read, so that asking for them never starts a simulation.
 */
export class FabricAnalyses {
    private readonly analyses = new WeakMap<FabricModel, Analysis>();
    private readonly running = new WeakMap<FabricModel, Promise<Analysis>>();
    private runner: AnalysisRunner = new InProcessAnalysisRunner();

    /** Where analyses run (the server passes a WorkerAnalysisRunner). */
    useRunner(runner: AnalysisRunner): void {
        this.runner.dispose();
        this.runner = runner;
    }

    async analyse(model: FabricModel, token: Cancellation.CancellationToken): Promise<Analysis> {
        const done = this.analyses.get(model);
        if (done) return done;
        let running = this.running.get(model);
        if (!running) {
            running = this.runner.analyze(model, {}, token).then(analysis => {
                this.analyses.set(model, analysis);
                return analysis;
            }).finally(() => this.running.delete(model));
            this.running.set(model, running);
        }
        return running;
    }

    /** The full analysis on the calling thread, cached: for callers that may wait (CLI, tests). */
    full(model: FabricModel): Analysis {
        let analysis = this.analyses.get(model);
        if (!analysis) {
            analysis = analyzeFabric(model);
            this.analyses.set(model, analysis);
        }
        return analysis;
    }

    cached(model: FabricModel): Analysis | undefined {
        return this.analyses.get(model);
    }
}
