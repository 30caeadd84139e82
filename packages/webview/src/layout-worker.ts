/**
 * The layout worker: lays out a scene's boxes off the UI thread. The webview starts it from a Blob
 * URL of this bundle's text (`worker-src blob:`), and ends it when a newer scene arrives.
 */
import { layoutScene, type Scene } from '@fabric/diagram';

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: unknown, transfer: Transferable[]): void };
scope.onmessage = event => {
    const { id, scene } = event.data as { id: number; scene: Pick<Scene, 'boxes' | 'structureKey'> };
    const layout = layoutScene(scene);
    scope.postMessage({ id, layout }, [layout.x.buffer, layout.y.buffer, layout.w.buffer, layout.h.buffer]);
};
