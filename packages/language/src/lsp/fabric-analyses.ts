import { analyzeFabric, type Analysis, type AnalysisOptions, type FabricModel } from '@fabric/simulator';
import { Cancellation, Disposable, OperationCancelled } from 'langium';
import { InProcessAnalysisRunner, type AnalysisOutcome, type AnalysisRunner } from './analysis-runner.js';

interface Stored {
    readonly key: string;
    readonly outcome: AnalysisOutcome;
}

interface Run {
    readonly key: string;
    readonly promise: Promise<AnalysisOutcome>;
    readonly source: Cancellation.CancellationTokenSource;
    interested: number;
}

/**
 * The one Analysis of each FabricModel, shared by diagnostics, hovers, inlay hints, code lenses
 * and the diagram feed. Keyed by the model object: FabricElaboration keeps a document's models
 * until its text or an import changes, so an analysis lives exactly as long as the models it
 * describes, and a closed document's analyses go with its models.
 *
 * `run` computes through the runner (in the language server a worker thread with a time budget,
 * staged so totals and phases arrive before the failure sweep; elsewhere the calling thread). One
 * run per model is shared by everyone who asks; it is cancelled when all of them have cancelled.
 * `cached` and `outcome` never compute: what hovers, inlay hints and code lenses read, so that
 * asking for them never starts a simulation. The analysis options (the blast-radius threshold
 * from the settings) are set with `configure`; a change makes the stored outcomes stale.
 */
export class FabricAnalyses {
    private readonly stored = new WeakMap<FabricModel, Stored>();
    private readonly runs = new WeakMap<FabricModel, Run>();
    private readonly listeners: Array<(model: FabricModel, outcome: AnalysisOutcome) => void> = [];
    private runner: AnalysisRunner = new InProcessAnalysisRunner();
    private options: AnalysisOptions = {};
    private optionsKey = '{}';

    /** Where analyses run (the server passes a WorkerAnalysisRunner). */
    useRunner(runner: AnalysisRunner): void {
        this.runner.dispose();
        this.runner = runner;
    }

    /** Sets the analysis options; answers whether they changed (and every stored outcome is stale). */
    configure(options: AnalysisOptions): boolean {
        const key = JSON.stringify(options);
        if (key === this.optionsKey) return false;
        this.options = options;
        this.optionsKey = key;
        return true;
    }

    get analysisOptions(): AnalysisOptions {
        return this.options;
    }

    /** Called with each stage's outcome as it arrives (the phases-only one, then the final one). */
    onOutcome(listener: (model: FabricModel, outcome: AnalysisOutcome) => void): Disposable {
        this.listeners.push(listener);
        return Disposable.create(() => this.listeners.splice(this.listeners.indexOf(listener), 1));
    }

    /** The final outcome for the current options: full, or where the budget stopped it. */
    run(model: FabricModel, token: Cancellation.CancellationToken): Promise<AnalysisOutcome> {
        const done = this.outcome(model);
        if (done && isFinal(done)) return Promise.resolve(done);
        if (token.isCancellationRequested) return Promise.reject(OperationCancelled);
        let run = this.runs.get(model);
        if (run && run.key !== this.optionsKey) {
            this.runs.delete(model);
            run.source.cancel();
            run = undefined;
        }
        if (!run) run = this.start(model);
        const shared = run;
        shared.interested++;
        return new Promise<AnalysisOutcome>((resolve, reject) => {
            const subscription = token.onCancellationRequested(() => {
                subscription.dispose();
                if (--shared.interested === 0 && this.runs.get(model) === shared) {
                    this.runs.delete(model);
                    shared.source.cancel();
                }
                reject(OperationCancelled);
            });
            shared.promise.then(
                outcome => { subscription.dispose(); resolve(outcome); },
                error => { subscription.dispose(); reject(error); });
        });
    }

    /** The final analysis (for the diagram feed and callers that want numbers, not stages); rejects if the budget left none. */
    async analyse(model: FabricModel, token: Cancellation.CancellationToken): Promise<Analysis> {
        const outcome = await this.run(model, token);
        if (!outcome.analysis) throw new Error(`the analysis of ${model.name} ran out of its time budget`);
        return outcome.analysis;
    }

    /** The full analysis on the calling thread, cached: for callers that may wait (CLI, tests). */
    full(model: FabricModel): Analysis {
        const done = this.outcome(model);
        if (done?.stage === 'full' && done.analysis) return done.analysis;
        const analysis = analyzeFabric(model, this.options);
        this.store(model, this.optionsKey, { analysis, stage: 'full' });
        return analysis;
    }

    /** The latest analysis of the model (any stage, any options): what views show until a newer one arrives. */
    cached(model: FabricModel): Analysis | undefined {
        return this.stored.get(model)?.outcome.analysis;
    }

    /** The latest outcome for the current options (a phases-only one while the sweep runs). */
    outcome(model: FabricModel): AnalysisOutcome | undefined {
        const stored = this.stored.get(model);
        return stored?.key === this.optionsKey ? stored.outcome : undefined;
    }

    private start(model: FabricModel): Run {
        const key = this.optionsKey;
        const source = new Cancellation.CancellationTokenSource();
        const promise = this.runner.analyze(model, this.options, source.token, partial => this.store(model, key, partial))
            .then(outcome => {
                this.store(model, key, outcome);
                return outcome;
            })
            .finally(() => {
                if (this.runs.get(model) === run) this.runs.delete(model);
            });
        promise.catch(() => undefined); // callers see the rejection through their own promise
        const run: Run = { key, promise, source, interested: 0 };
        this.runs.set(model, run);
        return run;
    }

    private store(model: FabricModel, key: string, outcome: AnalysisOutcome): void {
        this.stored.set(model, { key, outcome });
        if (key === this.optionsKey) this.listeners.forEach(listener => listener(model, outcome));
    }
}

/** Nothing more will come for these options: the full analysis, or a budget reached. */
export function isFinal(outcome: AnalysisOutcome): boolean {
    return outcome.stage === 'full' || outcome.budgetReached !== undefined;
}
