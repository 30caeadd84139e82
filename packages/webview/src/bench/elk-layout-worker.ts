/** Runs elkjs `layered` with default options on a graph in a worker thread (ended at the bench's time cap). */
import { parentPort, workerData } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';

const started = performance.now();
const elk = new (ELK as unknown as new () => { layout(graph: unknown, options?: unknown): Promise<unknown> })();
await elk.layout(workerData.graph, { layoutOptions: { 'elk.algorithm': 'layered' } });
parentPort?.postMessage({ ms: performance.now() - started });
