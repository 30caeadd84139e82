import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { failureEvaluator, prepareFabric, type FabricModel, type FailureIds, type FailureResult } from '@fabric/simulator';

/**
 * The click-to-fail worker: holds models (one per open diagram), prepares each one's failure
 * baseline once per slowdown threshold, and answers failure sets against it. Messages are handled
 * in order, so an evaluation asked right after its model waits for the preparation, never races it.
 *
 * Once a baseline is prepared, the worker prices, while idle, the single switches and OCS of the
 * model one by one (the parts a click fails most), so that the first click on one is answered from
 * what is already priced. A message arriving meanwhile is handled between two of those pricings; a
 * newer model or a drop ends them. They stop after `SPECULATION_BUDGET_MS` of work per model.
 */
export type FailureWorkerRequest =
    | { readonly type: 'model'; readonly key: number; readonly model: Uint8Array }
    | { readonly type: 'prepare'; readonly key: number; readonly threshold: number }
    | { readonly type: 'evaluate'; readonly id: number; readonly key: number; readonly threshold: number; readonly failure: FailureIds }
    | { readonly type: 'drop'; readonly key: number };

export type FailureWorkerReply =
    | { readonly type: 'prepared'; readonly key: number; readonly threshold: number; readonly milliseconds: number }
    | { readonly type: 'priced-ahead'; readonly key: number; readonly threshold: number; readonly parts: number; readonly milliseconds: number }
    | { readonly type: 'result'; readonly id: number; readonly result: FailureResult; readonly priced: 'ahead' | 'now' }
    | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Worker time spent pricing single parts ahead, per model and threshold. */
export const SPECULATION_BUDGET_MS = 60_000;

interface Held {
    readonly model: FabricModel;
    readonly evaluators: Map<number, (failure: FailureIds) => FailureResult>;
    /** Results by threshold and failure set (`setKey`). */
    readonly results: Map<number, Map<string, FailureResult>>;
}

const models = new Map<number, Held>();
/** The single parts still to price ahead: one queue at a time (the newest prepared baseline). */
let ahead: { key: number; threshold: number; queue: number[]; spentMs: number; parts: number } | null = null;

const setKey = (f: FailureIds) => [f.nodeIds, f.linkIds, f.laserSourceIds].map(ids => [...(ids ?? [])].sort((a, b) => a - b).join(',')).join('|');

function evaluator(key: number, threshold: number): (failure: FailureIds) => FailureResult {
    const held = models.get(key);
    if (!held) throw new Error(`the failure worker holds no model ${key}`);
    let evaluate = held.evaluators.get(threshold);
    if (!evaluate) {
        evaluate = failureEvaluator(prepareFabric(held.model, { slowdownThreshold: threshold }));
        held.evaluators.set(threshold, evaluate);
    }
    return evaluate;
}

/** The failure set's result, priced now or taken from what was priced ahead (renamed as asked). */
function price(key: number, threshold: number, failure: FailureIds): { result: FailureResult; priced: 'ahead' | 'now' } {
    const evaluate = evaluator(key, threshold);
    const held = models.get(key)!;
    const byThreshold = held.results.get(threshold) ?? held.results.set(threshold, new Map()).get(threshold)!;
    const k = setKey(failure);
    const known = byThreshold.get(k);
    if (known) return { result: failure.name === undefined ? known : { ...known, name: failure.name }, priced: 'ahead' };
    const result = evaluate(failure);
    byThreshold.set(k, result);
    return { result, priced: 'now' };
}

function priceAhead(): void {
    const job = ahead;
    if (!job || !models.has(job.key)) { ahead = null; return; }
    const id = job.queue.shift();
    if (id === undefined || job.spentMs > SPECULATION_BUDGET_MS) {
        ahead = null;
        reply({ type: 'priced-ahead', key: job.key, threshold: job.threshold, parts: job.parts, milliseconds: job.spentMs });
        return;
    }
    const started = performance.now();
    try {
        price(job.key, job.threshold, { nodeIds: [id] });
    } catch {
        // the click that asks for it reports the error
    }
    job.spentMs += performance.now() - started;
    job.parts++;
    setImmediate(priceAhead);
}

const reply = (message: FailureWorkerReply) => parentPort!.postMessage(message);

parentPort?.on('message', (request: FailureWorkerRequest) => {
    switch (request.type) {
        case 'model':
            models.set(request.key, { model: deserialize(request.model) as FabricModel, evaluators: new Map(), results: new Map() });
            break;
        case 'drop':
            models.delete(request.key);
            if (ahead?.key === request.key) ahead = null;
            break;
        case 'prepare': {
            const started = performance.now();
            try {
                evaluator(request.key, request.threshold);
            } catch {
                // The evaluation that needs it reports the error.
            }
            reply({ type: 'prepared', key: request.key, threshold: request.threshold, milliseconds: performance.now() - started });
            const model = models.get(request.key)?.model;
            if (model) {
                const running = ahead !== null;
                const switches = model.nodes.filter(n => n.kind === 'switch').map(n => n.id);
                const ocs = model.nodes.filter(n => n.kind === 'ocs').map(n => n.id);
                ahead = { key: request.key, threshold: request.threshold, queue: [...ocs, ...switches], spentMs: 0, parts: 0 };
                if (!running) setImmediate(priceAhead);
            }
            break;
        }
        case 'evaluate':
            try {
                reply({ type: 'result', id: request.id, ...price(request.key, request.threshold, request.failure) });
            } catch (error) {
                reply({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
            }
            break;
    }
});
