/**
 * Layouts off the UI thread, in one worker started from a Blob URL of the worker bundle (inlined
 * into this bundle at build time). The worker is kept while idle (elkjs stays warm, its placements
 * cached); a newer scene of another structure ends a running layout by terminating the worker (an
 * elkjs layout cannot be interrupted otherwise), and the stale layout never lands: its promise
 * resolves to null. A newer scene of the same structure shares the running layout. Where no worker
 * can start, our own placement runs here (linear, no elkjs: the irregular groups are drawn in rows).
 */
import { layoutScene, type Layout, type Scene } from '@fabric/diagram';
import type { LayoutRequest } from './layout-worker.js';

declare const LAYOUT_WORKER_SOURCE: string;

/** A layout running longer than this is ended and the scene drawn with our placement alone (elkjs within its limits stays well under it). */
export const LAYOUT_BUDGET_MS = 10_000;

interface Job {
    readonly id: number;
    readonly structureKey: string;
    readonly promise: Promise<Layout | null>;
    resolve(layout: Layout | null): void;
}

export interface LayoutStats {
    /** Layouts started in the worker, ended by a newer scene before they finished, and delivered. */
    readonly started: number;
    readonly terminated: number;
    readonly landed: number;
    /** The structure being laid out now, or null when idle. */
    readonly running: string | null;
}

export class LayoutRunner {
    private url: string | null = null;
    private worker: Worker | null = null;
    private job: Job | null = null;
    private seq = 0;
    private stats = { started: 0, terminated: 0, landed: 0 };

    constructor(private readonly onError: (message: string) => void) { }

    /** The layout of a scene; null when a newer scene of another structure took over before it finished. */
    layout(scene: Scene): Promise<Layout | null> {
        if (this.job?.structureKey === scene.structureKey) return this.job.promise;
        this.supersede(scene.structureKey);
        const worker = this.ensureWorker();
        if (!worker) return Promise.resolve(this.onPage(scene));
        let resolve!: (layout: Layout | null) => void;
        const promise = new Promise<Layout | null>(r => { resolve = r; });
        const job: Job = { id: ++this.seq, structureKey: scene.structureKey, promise, resolve };
        this.job = job;
        this.stats.started++;
        const request: LayoutRequest = { id: job.id, scene: { boxes: scene.boxes, bundles: scene.bundles.map(b => ({ a: b.a, b: b.b })) as unknown as Scene['bundles'], structureKey: scene.structureKey } };
        worker.onmessage = event => {
            const reply = event.data as { id: number; layout?: Layout; error?: string };
            if (this.job?.id !== reply.id) return;
            this.job = null;
            if (reply.layout) { this.stats.landed++; job.resolve(reply.layout); return; }
            this.onError(`layout worker failed: ${reply.error}`);
            job.resolve(this.onPage(scene));
        };
        worker.onerror = event => {
            event.preventDefault();
            this.onError(`layout worker failed: ${event.message}`);
            this.endWorker();
            if (this.job === job) { this.job = null; job.resolve(this.onPage(scene)); }
        };
        const timer = setTimeout(() => {
            if (this.job !== job) return;
            this.job = null;
            this.endWorker();
            this.stats.terminated++;
            job.resolve(layoutScene(scene, new Map(), { notes: [`the layout engine took longer than ${LAYOUT_BUDGET_MS / 1000} s: irregular groups are drawn in rows`] }));
        }, LAYOUT_BUDGET_MS);
        void promise.then(() => clearTimeout(timer));
        worker.postMessage(request);
        return promise;
    }

    /** A scene of `structureKey` is shown (laid out or from a cache): a running layout of another structure is stale; end it. */
    supersede(structureKey: string): void {
        const job = this.job;
        if (!job || job.structureKey === structureKey) return;
        this.job = null;
        this.endWorker();
        this.stats.terminated++;
        job.resolve(null);
    }

    counts(): LayoutStats {
        return { ...this.stats, running: this.job?.structureKey ?? null };
    }

    private onPage(scene: Scene): Layout {
        return layoutScene(scene, new Map(), { notes: ['the layout worker is unavailable: irregular groups are drawn in rows'] });
    }

    private ensureWorker(): Worker | null {
        if (this.worker) return this.worker;
        try {
            this.url ??= URL.createObjectURL(new Blob([LAYOUT_WORKER_SOURCE], { type: 'text/javascript' }));
            this.worker = new Worker(this.url);
        } catch (error) {
            this.onError(`layout worker unavailable, laying out on the page: ${(error as Error).message}`);
            this.worker = null;
        }
        return this.worker;
    }

    private endWorker(): void {
        this.worker?.terminate();
        this.worker = null;
    }
}
