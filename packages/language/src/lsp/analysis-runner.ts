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
    /**
     * How long a cancelled run may take to stop by itself (it checks between failure evaluations
     * and between stages) before its worker is ended instead; default STOP_GRACE_MS.
     */
    readonly stopGraceMs?: number;
}

/**
 * A cancelled run usually stops within one failure evaluation (tens of milliseconds on the
 * examples); a worker that stops by itself stays warm (its compiled code and type feedback kept),
 * where a fresh one runs its first analysis about twice as slowly.
 */
export const STOP_GRACE_MS = 1000;

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

/** What the worker answers: one message per finished stage, an error, or that it stopped when asked. */
export interface WorkerReply {
    readonly id: number;
    readonly stage?: 'phases' | 'full';
    readonly analysis?: Analysis;
    readonly error?: string;
    readonly stopped?: true;
}

/** What the worker is started with: `stop[0]` holds the id of the job asked to stop (analysis-worker.ts polls it). */
export interface WorkerStart {
    readonly stop: SharedArrayBuffer;
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
 * answers it, then the failure sweep. Each stage has a time budget; a stage past its budget ends
 * the worker and the next job starts a fresh one. A cancelled run is asked to stop (the worker
 * checks between failure evaluations and between stages) and the worker is kept, warm, for the
 * next job; one that does not stop within the grace time is ended too. Jobs run one at a time, in
 * the order asked; a cancelled job waiting its turn is dropped.
 */
export class WorkerAnalysisRunner implements AnalysisRunner {
    private worker: Worker | undefined;
    private stopFlag: Int32Array | undefined;
    private nextId = 0;
    private running: Job | undefined;
    /** A cancelled job the worker has not yet answered for: the next job waits for it (or for its grace time). */
    private stopping: { readonly id: number; readonly timer: ReturnType<typeof setTimeout> } | undefined;
    private readonly queue: Job[] = [];
    /** How many worker threads this runner has started (a warm worker serves job after job). */
    workersStarted = 0;

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
        if (this.running || this.stopping) return;
        const job = this.queue.shift();
        if (!job) return;
        this.running = job;
        job.timer = setTimeout(() => this.budgetReached(job, 'phases', this.budget.phasesMs), this.budget.phasesMs);
        this.ensureWorker().postMessage({ id: job.id, model: job.model, options: job.options, staged: true });
    }

    private onReply(reply: WorkerReply): void {
        if (this.stopping?.id === reply.id) {
            // The cancelled job's last word (stopped, finished or failed): the worker is free again.
            if (reply.stage === 'phases') return;
            this.endStopping();
            this.startNext();
            return;
        }
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
            this.askToStop(job.id);
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

    /** Flags the running job to stop; a worker that does not answer for it within the grace time is ended. */
    private askToStop(id: number): void {
        if (!this.worker || !this.stopFlag) return;
        Atomics.store(this.stopFlag, 0, id);
        const timer = setTimeout(() => {
            if (this.stopping?.id !== id) return;
            this.endWorker();
            this.startNext();
        }, this.budget.stopGraceMs ?? STOP_GRACE_MS);
        this.stopping = { id, timer };
    }

    private endStopping(): void {
        if (this.stopping) clearTimeout(this.stopping.timer);
        this.stopping = undefined;
    }

    private ensureWorker(): Worker {
        if (!this.worker) {
            const stop = new SharedArrayBuffer(4);
            this.stopFlag = new Int32Array(stop);
            this.stopFlag[0] = -1;
            const worker = new Worker(this.script, { workerData: { stop } satisfies WorkerStart });
            worker.on('message', (reply: WorkerReply) => { if (this.worker === worker) this.onReply(reply); });
            worker.on('error', error => {
                if (this.worker !== worker) return;
                this.endWorker();
                if (this.running) this.settle(this.running, job => job.reject(error));
                this.startNext();
            });
            worker.unref();
            this.worker = worker;
            this.workersStarted++;
        }
        return this.worker;
    }

    private endWorker(): void {
        this.endStopping();
        void this.worker?.terminate();
        this.worker = undefined;
        this.stopFlag = undefined;
    }
}
