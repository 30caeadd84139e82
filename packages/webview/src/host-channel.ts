/**
 * The webview's side of the host relay: typed messages out, validated messages in, and server
 * requests as promises (answered by `response` messages with the same id).
 */
import { parseHostMessage, type DiagramMethod, type HostToWebview, type WebviewToHost } from './protocol.js';

export interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostChannel {
    readonly api: VsCodeApi;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error & { code?: number }): void }>();

    constructor(private readonly onMessage: (message: HostToWebview) => void) {
        this.api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage() { /* no host */ }, getState: () => undefined, setState() { /* no host */ } };
        window.addEventListener('message', event => {
            const message = parseHostMessage(event.data);
            if (!message) return;
            if (message.type === 'response') {
                const p = this.pending.get(message.id);
                if (!p) return;
                this.pending.delete(message.id);
                if (message.error) p.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
                else p.resolve(message.result);
                return;
            }
            this.onMessage(message);
        });
    }

    post(message: WebviewToHost): void {
        this.api.postMessage(message);
    }

    request<T>(method: DiagramMethod, params: Record<string, unknown>): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: v => resolve(v as T), reject });
            this.post({ type: 'request', id, method, params });
        });
    }
}
