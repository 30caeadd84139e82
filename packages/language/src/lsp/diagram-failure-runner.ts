import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { failureEvaluator, prepareFabric, type FabricModel, type FailureIds, type FailureResult } from '@fabric/simulator';
import type { FailureWorkerReply, FailureWorkerRequest } from './diagram-failure-worker.js';

/**
 * Where click-to-fail is priced. A failure set is evaluated against a baseline (every phase priced
 * with all parts up, the failure sweep's tables) that costs 1.5–3 s to prepare on the
 * 576-accelerator pod and 4–7 s on the TPU-style pod (this machine, loaded); one new failure set
 * after that costs 0.1–0.2 s on the 576 pod and 1–1.5 s on the TPU pod (the simulator's pricing).
 * `prepare` builds that baseline ahead (the server calls it when a diagram shows an analysed model)
 * and, in the worker, prices the single switches and OCS ahead too, so a first click on one is
 * answered from what is already priced.
 */
export interface FailureRunner {
    /** Start preparing the baseline of `model` at `threshold` (idempotent; returns at once). */
    prepare(document: string, model: FabricModel, threshold: number): void;
    evaluate(document: string, model: FabricModel, failure: FailureIds, threshold: number): Promise<FailureResult>;
    dispose(): void;
}

/** On the calling thread: for tests, benchmarks and the CLI. Baselines are kept per model object and threshold. */
export class InProcessFailureRunner implements FailureRunner {
    private readonly evaluators = new WeakMap<FabricModel, Map<number, (failure: FailureIds) => FailureResult>>();

    prepare(_document: string, model: FabricModel, threshold: number): void {
        this.evaluator(model, threshold);
    }

    async evaluate(_document: string, model: FabricModel, failure: FailureIds, threshold: number): Promise<FailureResult> {
        return this.evaluator(model, threshold)(failure);
    }

    dispose(): void { /* nothing held */ }

    private evaluator(model: FabricModel, threshold: number): (failure: FailureIds) => FailureResult {
        let byThreshold = this.evaluators.get(model);
        if (!byThreshold) { byThreshold = new Map(); this.evaluators.set(model, byThreshold); }
        let evaluate = byThreshold.get(threshold);
        if (!evaluate) {
            evaluate = failureEvaluator(prepareFabric(model, { slowdownThreshold: threshold }));
            byThreshold.set(threshold, evaluate);
        }
        return evaluate;
    }
}

interface Pending { resolve(result: FailureResult): void; reject(error: Error): void }

/**
 * In a worker thread, for the language server: the model goes over once (serialized with v8's
 * serializer, about 40 ms of the main thread for the 576 pod), the worker prepares its baseline and
 * keeps it for the next clicks; only the failure set and its result cross after that. Preparing a
 * document's newer model while the worker is still preparing an older one of the same document ends
 * the worker (an edit made the older one stale; a running preparation cannot be interrupted otherwise).
 * Without the compiled worker script beside this file (sources run by a test runner; a bundle that
 * does not ship `diagram-failure-worker.js` beside itself) it works on the calling thread, lazily.
 */
export class WorkerFailureRunner implements FailureRunner {
    private worker: Worker | undefined;
    private readonly fallback = new InProcessFailureRunner();
    private readonly ids = new WeakMap<FabricModel, number>();
    private nextModel = 1;
    private nextRequest = 1;
    /** Models the current worker holds (by id), and the thresholds prepared or asked for. */
    private readonly held = new Map<number, Set<number>>();
    /** Per document, the model id last sent, and whether its preparation is still running. */
    private readonly latest = new Map<string, { id: number; preparing: boolean }>();
    private readonly pending = new Map<number, Pending>();
    private readonly available: boolean;

    /** `onProgress`: told when the worker has prepared a baseline, and when it has priced the single parts ahead (for benchmarks and logs). */
    constructor(
        private readonly script = new URL('./diagram-failure-worker.js', import.meta.url),
        private readonly onProgress?: (event: { readonly type: 'prepared' | 'priced-ahead'; readonly milliseconds: number; readonly parts?: number }) => void
    ) {
        this.available = script.protocol !== 'file:' || existsSync(fileURLToPath(script));
    }

    prepare(document: string, model: FabricModel, threshold: number): void {
        // Without the worker, preparing ahead would hold the server's thread after every edit: the first click pays instead.
        if (!this.available) return;
        this.send(document, model, threshold);
    }

    evaluate(document: string, model: FabricModel, failure: FailureIds, threshold: number): Promise<FailureResult> {
        if (!this.available) return this.fallback.evaluate(document, model, failure, threshold);
        const key = this.send(document, model, threshold);
        const id = this.nextRequest++;
        return new Promise<FailureResult>((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.post({ type: 'evaluate', id, key, threshold, failure: { nodeIds: failure.nodeIds, linkIds: failure.linkIds, laserSourceIds: failure.laserSourceIds, name: failure.name } });
            // An answer awaited keeps the process alive; an idle worker does not.
            this.worker?.ref();
        });
    }

    dispose(): void {
        this.endWorker(new Error('failure runner disposed'));
    }

    /** The worker holds `model` prepared at `threshold` (or will, once the messages sent so far are handled): its id. */
    private send(document: string, model: FabricModel, threshold: number): number {
        let key = this.ids.get(model);
        if (key === undefined) { key = this.nextModel++; this.ids.set(model, key); }
        const last = this.latest.get(document);
        // Ids grow with first sight, so a larger id is a newer model of the document.
        if (last && key > last.id && last.preparing) this.endWorker(new Error('a newer model of the document replaced this one'));
        const thresholds = this.held.get(key);
        if (thresholds?.has(threshold)) return key;
        if (!thresholds) {
            // The previous model of this document is of no use any more: let the worker drop it.
            if (last && key > last.id && this.held.has(last.id)) { this.post({ type: 'drop', key: last.id }); this.held.delete(last.id); }
            this.post({ type: 'model', key, model: serialize(model) });
            this.held.set(key, new Set());
        }
        this.held.get(key)!.add(threshold);
        if (!last || key >= last.id) this.latest.set(document, { id: key, preparing: true });
        this.post({ type: 'prepare', key, threshold });
        return key;
    }

    private post(message: FailureWorkerRequest): void {
        this.ensureWorker().postMessage(message);
    }

    private ensureWorker(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.script);
        worker.on('message', (reply: FailureWorkerReply) => this.onReply(reply));
        worker.on('error', error => { if (this.worker === worker) this.endWorker(error); });
        worker.on('exit', () => { if (this.worker === worker) this.endWorker(new Error('the failure worker stopped')); });
        worker.unref();
        this.worker = worker;
        return worker;
    }

    private onReply(reply: FailureWorkerReply): void {
        if (reply.type === 'prepared') {
            for (const state of this.latest.values()) if (state.id === reply.key) state.preparing = false;
            this.onProgress?.({ type: 'prepared', milliseconds: reply.milliseconds });
            return;
        }
        if (reply.type === 'priced-ahead') {
            this.onProgress?.({ type: 'priced-ahead', milliseconds: reply.milliseconds, parts: reply.parts });
            return;
        }
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (this.pending.size === 0) this.worker?.unref();
        if (reply.type === 'result') waiting?.resolve(reply.result);
        else waiting?.reject(new Error(reply.message));
    }

    private endWorker(reason: Error): void {
        const worker = this.worker;
        this.worker = undefined;
        void worker?.terminate();
        this.held.clear();
        this.latest.clear();
        for (const waiting of this.pending.values()) waiting.reject(reason);
        this.pending.clear();
    }
}
