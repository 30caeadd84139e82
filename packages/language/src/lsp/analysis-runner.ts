import { Worker } from 'node:worker_threads';
import { analyzeFabric, type Analysis, type AnalysisOptions, type FabricModel } from '@fabric/simulator';
import { OperationCancelled, type Cancellation } from 'langium';

/** Runs the simulator on a model. Cancelling the token abandons (and, in a worker, ends) the run. */
export interface AnalysisRunner {
    analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken): Promise<Analysis>;
    dispose(): void;
}

/** On the calling thread: for the CLI, tests and benchmarks, where nothing else waits. */
export class InProcessAnalysisRunner implements AnalysisRunner {
    async analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken): Promise<Analysis> {
        if (token.isCancellationRequested) throw OperationCancelled;
        return analyzeFabric(model, options);
    }

    dispose(): void { /* nothing held */ }
}

/**
 * In a worker thread: for the language server, so that an analysis of any length (a failure sweep
 * of a 4,096-chip pod takes minutes) never blocks keystrokes, hovers or diagnostics. One analysis
 * at a time; a cancelled one ends its worker, since a running analysis cannot be interrupted.
 */
export class WorkerAnalysisRunner implements AnalysisRunner {
    private worker: Worker | undefined;
    private nextId = 0;
    private readonly pending = new Map<number, { resolve: (a: Analysis) => void; reject: (e: unknown) => void }>();

    constructor(private readonly script = new URL('./analysis-worker.js', import.meta.url)) { }

    analyze(model: FabricModel, options: AnalysisOptions, token: Cancellation.CancellationToken): Promise<Analysis> {
        if (token.isCancellationRequested) return Promise.reject(OperationCancelled);
        const worker = this.ensureWorker();
        const id = this.nextId++;
        return new Promise<Analysis>((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            const subscription = token.onCancellationRequested(() => {
                subscription.dispose();
                this.endWorker(OperationCancelled);
            });
            const settle = <T>(f: (v: T) => void) => (v: T) => { subscription.dispose(); f(v); };
            this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
            worker.postMessage({ id, model, options });
        });
    }

    dispose(): void {
        this.endWorker(new Error('analysis runner disposed'));
    }

    private ensureWorker(): Worker {
        if (!this.worker) {
            const worker = new Worker(this.script);
            worker.on('message', (reply: { id: number; analysis?: Analysis; error?: string }) => {
                const waiting = this.pending.get(reply.id);
                this.pending.delete(reply.id);
                if (reply.analysis) waiting?.resolve(reply.analysis); else waiting?.reject(new Error(reply.error));
            });
            worker.on('error', error => this.endWorker(error));
            worker.unref();
            this.worker = worker;
        }
        return this.worker;
    }

    private endWorker(reason: unknown): void {
        void this.worker?.terminate();
        this.worker = undefined;
        for (const waiting of this.pending.values()) waiting.reject(reason);
        this.pending.clear();
    }
}
