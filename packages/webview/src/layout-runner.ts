/**
 * Layouts off the UI thread: one worker at a time, started from a Blob URL of the worker bundle
 * (inlined into this bundle at build time); a newer scene terminates the running one (a layout cannot
 * be interrupted otherwise). Where no worker can start, the layout runs here (it is linear in the boxes).
 */
import { layoutScene, type Layout, type Scene } from '@fabric/diagram';

declare const LAYOUT_WORKER_SOURCE: string;

export class LayoutRunner {
    private url: string | null = null;
    private worker: Worker | null = null;
    private seq = 0;

    constructor(private readonly onError: (message: string) => void) { }

    layout(scene: Scene): Promise<Layout | null> {
        const id = ++this.seq;
        this.worker?.terminate();
        this.worker = null;
        let worker: Worker;
        try {
            this.url ??= URL.createObjectURL(new Blob([LAYOUT_WORKER_SOURCE], { type: 'text/javascript' }));
            worker = new Worker(this.url);
        } catch (error) {
            this.onError(`layout worker unavailable, laying out on the page: ${(error as Error).message}`);
            return Promise.resolve(layoutScene(scene));
        }
        this.worker = worker;
        return new Promise(resolve => {
            worker.onmessage = event => {
                worker.terminate();
                if (this.worker === worker) this.worker = null;
                resolve(id === this.seq ? (event.data as { layout: Layout }).layout : null);
            };
            worker.onerror = event => {
                this.onError(`layout worker failed: ${event.message}`);
                resolve(id === this.seq ? layoutScene(scene) : null);
            };
            worker.postMessage({ id, scene: { boxes: scene.boxes, structureKey: scene.structureKey } });
        });
    }
}
