/**
 * The layout worker: lays out a scene off the UI thread, elkjs included (for the irregular groups,
 * see `@fabric/diagram`'s irregular-layout.ts). The webview starts it from a Blob URL of this
 * bundle's text (`worker-src blob:`), keeps it while it is idle (elkjs warmed up, placements of
 * unchanged groups cached), and ends it when a newer scene of another structure arrives while it
 * works: a running elkjs layout cannot be interrupted otherwise.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWithEngine, type ElkEngine, type PlacementCache, type Scene } from '@fabric/diagram';

interface WorkerScope {
    onmessage: ((e: MessageEvent) => void) | null;
    addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
    postMessage(m: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const elk = new (ELK as unknown as new () => ElkEngine)();
// elkjs, loaded in a worker, takes the worker's onmessage for its own protocol; this worker speaks its own.
scope.onmessage = null;
const cache: PlacementCache = new Map();

export type LayoutRequest = { readonly id: number; readonly scene: Pick<Scene, 'boxes' | 'bundles' | 'structureKey'> };

scope.addEventListener('message', event => {
    const { id, scene } = event.data as LayoutRequest;
    void layoutWithEngine(scene, elk, cache).then(
        layout => scope.postMessage({ id, layout }, [layout.x.buffer, layout.y.buffer, layout.w.buffer, layout.h.buffer]),
        error => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
    );
});
