import { Worker } from 'node:worker_threads';
import { analyzeFabric, type Analysis, type AnalysisOptions, type FabricModel } from '@fabric/simulator';
import { OperationCancelled, type Cancellation } from 'langium';

/**
 * How far an analysis got. `phases`: links, parts, power, totals, every phase and the OCS schedule,
 * without the failure sweep; `full`: everything. A budget reached ends the run where it was: the
 * stage it was in is named, and `analysis` is what the stages before it computed (if any).
 */
export interface AnalysisOutcome {
    readonly analysis: Analysis | undefined;
    readonly stage: 'phases' | 'full';
    readonly budgetReached?: BudgetReached;
}

export interface BudgetReached {
    /** The stage that was stopped: `phases` (totals and phases) or `failures` (the failure sweep). */
    readonly stopped: 'phases' | 'failures';
    readonly budgetMs: number;
}

/** Time budgets per stage; a stage that runs longer is ended (its worker terminated). */
export interface AnalysisBudget {
    readonly phasesMs: number;
    readonly failuresMs: number;
}

/**
 * The editor's budget: totals and phases within 30 s, the failure sweep within another 60 s.
 * On a 2-core machine the 576-accelerator example needs well under a second for both, the TPU-style
 * pod example about 6 s and 10 s; after a one-word edit (its all-to-all made an all-reduce) that
 * pod's sweep takes about 90 s, and is reported as not computed instead.
 */
export const DEFAULT_ANALYSIS_BUDGET: AnalysisBudget = { phasesMs: 30_000, failuresMs: 60_000 };

/**
 * The budget a server command line asks for (`--analysis-budget=<phases ms>,<failures ms>`, for
 * tests and measurements), else the default.
 */
export function budgetFromArguments(argv: readonly string[]): AnalysisBudget {
    const value = argv.find(a => a.startsWith('--analysis-budget='))?.slice('--analysis-budget='.length);
    const [phasesMs, failuresMs] = (value ?? '').split(',').map(Number);
    const valid = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;
    return valid(phasesMs) && valid(failuresMs) ? { phasesMs, failuresMs } : DEFAULT_ANALYSIS_BUDGET;
}

/** Runs the simulator on a model. Cancelling the token abandons (and, in a worker, ends) the run. */
export interface AnalysisRunner {
    /**
     * The analysis of `model`; `onStage` receives the phases-only analysis first when the runner
     * stages its work (the full one is the promise's).
     */
    analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken, onStage?: (outcome: AnalysisOutcome) => void): Promise<AnalysisOutcome>;
    dispose(): void;
}

/** On the calling thread, in one go and without a budget: for the CLI, tests and benchmarks, where nothing else waits. */
export class InProcessAnalysisRunner implements AnalysisRunner {
    async analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken): Promise<AnalysisOutcome> {
        if (token.isCancellationRequested) throw OperationCancelled;
        return { analysis: analyzeFabric(model, options), stage: 'full' };
    }

    dispose(): void { /* nothing held */ }
}

/** What the worker answers: one message per finished stage, or an error. */
export interface WorkerReply {
    readonly id: number;
    readonly stage?: 'phases' | 'full';
    readonly analysis?: Analysis;
    readonly error?: string;
}

interface Job {
    readonly id: number;
    readonly model: FabricModel;
    readonly options: AnalysisOptions;
    readonly token: Cancellation.CancellationToken;
    readonly onStage?: (outcome: AnalysisOutcome) => void;
    readonly resolve: (outcome: AnalysisOutcome) => void;
    readonly reject: (error: unknown) => void;
    phases?: Analysis;
    timer?: ReturnType<typeof setTimeout>;
    cancellation?: { dispose(): void };
}

/**
 * In a worker thread: for the language server, so that an analysis of any length never blocks
 * keystrokes, hovers or diagnostics. The worker computes the cheap stage (totals, phases) and
 * answers it, then the failure sweep. Each stage has a time budget; a stage past its budget, or a
 * cancelled run, ends the worker (a running analysis cannot be interrupted) and the next job
 * starts a fresh one. Jobs run one at a time, in the order asked; a cancelled job waiting its turn
 * is dropped.
 */
export class WorkerAnalysisRunner implements AnalysisRunner {
    private worker: Worker | undefined;
    private nextId = 0;
    private running: Job | undefined;
    private readonly queue: Job[] = [];

    constructor(private readonly script = new URL('./analysis-worker.js', import.meta.url), private readonly budget: AnalysisBudget = DEFAULT_ANALYSIS_BUDGET) { }

    analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken, onStage?: (outcome: AnalysisOutcome) => void): Promise<AnalysisOutcome> {
        if (token.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise<AnalysisOutcome>((resolve, reject) => {
            const job: Job = { id: this.nextId++, model, options, token, onStage, resolve, reject };
            job.cancellation = token.onCancellationRequested(() => this.cancel(job));
            this.queue.push(job);
            this.startNext();
        });
    }

    dispose(): void {
        const error = new Error('analysis runner disposed');
        for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(error));
        if (this.running) this.settle(this.running, job => job.reject(error));
        this.endWorker();
    }

    private startNext(): void {
        if (this.running) return;
        const job = this.queue.shift();
        if (!job) return;
        this.running = job;
        job.timer = setTimeout(() => this.budgetReached(job, 'phases', this.budget.phasesMs), this.budget.phasesMs);
        this.ensureWorker().postMessage({ id: job.id, model: job.model, options: job.options, staged: true });
    }

    private onReply(reply: WorkerReply): void {
        const job = this.running;
        if (!job || job.id !== reply.id) return; // a reply from a job already ended
        if (reply.error !== undefined || !reply.analysis) {
            this.settle(job, j => j.reject(new Error(reply.error ?? 'the analysis worker answered nothing')));
            this.startNext();
            return;
        }
        if (reply.stage === 'phases') {
            clearTimeout(job.timer);
            job.phases = reply.analysis;
            job.onStage?.({ analysis: reply.analysis, stage: 'phases' });
            job.timer = setTimeout(() => this.budgetReached(job, 'failures', this.budget.failuresMs), this.budget.failuresMs);
            return;
        }
        this.settle(job, j => j.resolve({ analysis: reply.analysis, stage: 'full' }));
        this.startNext();
    }

    /** The stage ran past its budget: end the worker; what the earlier stage computed is the outcome. */
    private budgetReached(job: Job, stopped: BudgetReached['stopped'], budgetMs: number): void {
        if (this.running !== job) return;
        this.endWorker();
        this.settle(job, j => j.resolve({ analysis: j.phases, stage: 'phases', budgetReached: { stopped, budgetMs } }));
        this.startNext();
    }

    private cancel(job: Job): void {
        if (this.running === job) {
            this.endWorker();
            this.settle(job, j => j.reject(OperationCancelled));
            this.startNext();
        } else {
            const index = this.queue.indexOf(job);
            if (index >= 0) this.queue.splice(index, 1);
            this.settle(job, j => j.reject(OperationCancelled));
        }
    }

    private settle(job: Job, how: (job: Job) => void): void {
        clearTimeout(job.timer);
        job.cancellation?.dispose();
        if (this.running === job) this.running = undefined;
        how(job);
    }

    private ensureWorker(): Worker {
        if (!this.worker) {
            const worker = new Worker(this.script);
            worker.on('message', (reply: WorkerReply) => { if (this.worker === worker) this.onReply(reply); });
            worker.on('error', error => {
                if (this.worker !== worker) return;
                this.endWorker();
                if (this.running) this.settle(this.running, job => job.reject(error));
                this.startNext();
            });
            worker.unref();
            this.worker = worker;
        }
        return this.worker;
    }

    private endWorker(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }
}
