import {
    parseWebviewMessage, type DiagramCommand, type DiagramMethod, type DiagramSettings, type HostToWebview, type PersistedDiagramState,
    type Position, type Range, type WebviewToHost
} from '@fabric/webview/protocol';

/** What a diagram session needs from VS Code and the language client (the panel supplies them; tests fake them). */
export interface DiagramHostPorts {
    post(message: HostToWebview): void;
    request(method: DiagramMethod, params: Readonly<Record<string, unknown>>): Promise<unknown>;
    reveal(uri: string, range: Range): void;
    log(level: 'info' | 'warn' | 'error', message: string): void;
    settings(): DiagramSettings;
}

export type ExportFormat = 'svg' | 'png';

interface PendingExport {
    readonly format: ExportFormat;
    resolve(data: string): void;
    reject(error: Error): void;
}

/**
 * One diagram webview's side of the protocol, in the host: checks every message the webview posts
 * (it is untrusted), relays its server requests (only `DIAGRAM_METHODS`) to the language client and
 * answers with `response`, forwards editor events, and keeps what the serializer and the Show
 * Phase… picker need. No VS Code types, so it is tested without VS Code.
 */
export class DiagramSession {
    private ready = false;
    private nextExportId = 1;
    private readonly exports = new Map<number, PendingExport>();
    private phases: { readonly phases: readonly string[]; readonly current: string | null } = { phases: [], current: null };
    private viewState: PersistedDiagramState;
    private readonly reportedErrors: string[] = [];

    constructor(readonly uri: string, private readonly ports: DiagramHostPorts, restored?: PersistedDiagramState) {
        this.viewState = restored && restored.uri === uri ? restored : { uri };
    }

    /** The state to restore this panel from after a reload. */
    get state(): PersistedDiagramState { return this.viewState; }
    get availablePhases(): { readonly phases: readonly string[]; readonly current: string | null } { return this.phases; }
    get isReady(): boolean { return this.ready; }
    /** Errors the webview reported (a CSP violation among them). */
    get errors(): readonly string[] { return this.reportedErrors; }

    /** A message from the webview: validated, then acted on; anything malformed is logged and dropped. */
    async received(raw: unknown): Promise<void> {
        const message = parseWebviewMessage(raw);
        if (!message) {
            this.ports.log('warn', `Dropped a malformed message from the diagram webview: ${describe(raw)}`);
            return;
        }
        await this.act(message);
    }

    private async act(message: WebviewToHost): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.ports.log('info', `diagram of ${decodeURIComponent(this.uri.slice(this.uri.lastIndexOf('/') + 1))} is ready`);
                this.ports.post({ type: 'init', uri: this.uri, settings: this.ports.settings(), state: this.viewState });
                return;
            case 'request': {
                try {
                    const result = await this.ports.request(message.method, message.params);
                    this.ports.post({ type: 'response', id: message.id, result });
                } catch (error) {
                    const e = error as { code?: unknown; message?: unknown };
                    this.ports.post({ type: 'response', id: message.id, error: { code: typeof e.code === 'number' ? e.code : -32603, message: typeof e.message === 'string' ? e.message : String(error) } });
                }
                return;
            }
            case 'reveal':
                this.ports.reveal(message.uri, message.range);
                return;
            case 'exported': {
                const pending = this.exports.get(message.requestId);
                if (!pending) {
                    this.ports.log('warn', `The diagram answered export ${message.requestId}, which was not asked for.`);
                    return;
                }
                this.exports.delete(message.requestId);
                if (pending.format !== message.format) pending.reject(new Error(`The diagram exported ${message.format} where ${pending.format} was asked for.`));
                else pending.resolve(message.data);
                return;
            }
            case 'phases':
                this.phases = { phases: message.phases, current: message.current };
                return;
            case 'state':
                if (message.state.uri === this.uri) this.viewState = message.state;
                else this.ports.log('warn', `Ignored a diagram state for ${message.state.uri} in the panel of ${this.uri}.`);
                return;
            case 'log':
                if (message.level === 'error') this.reportedErrors.push(message.message);
                this.ports.log(message.level, `diagram: ${message.message}`);
                return;
        }
    }

    /** The server has a newer model or analysis of some document. */
    documentChanged(uri: string, version: number | null): void {
        if (uri === this.uri && this.ready) this.ports.post({ type: 'documentChanged', uri, version });
    }

    cursorMoved(uri: string, position: Position): void {
        if (uri === this.uri && this.ready) this.ports.post({ type: 'cursor', uri, position });
    }

    settingsChanged(): void {
        if (this.ready) this.ports.post({ type: 'settings', settings: this.ports.settings() });
    }

    command(command: Exclude<DiagramCommand, 'exportSvg' | 'exportPng'>): void {
        this.ports.post({ type: 'command', command });
    }

    showPhase(phase: string | null): void {
        this.ports.post({ type: 'showPhase', phase });
    }

    /** Asks the webview for what it shows, as SVG text or base64 PNG; rejects after `timeoutMs`. */
    export(format: ExportFormat, timeoutMs = 30_000): Promise<string> {
        if (!this.ready) return Promise.reject(new Error('The diagram has not loaded yet.'));
        const requestId = this.nextExportId++;
        return new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.exports.delete(requestId);
                reject(new Error(`The diagram did not answer the ${format.toUpperCase()} export within ${timeoutMs / 1000} s.`));
            }, timeoutMs);
            this.exports.set(requestId, {
                format,
                resolve: data => { clearTimeout(timer); resolve(data); },
                reject: error => { clearTimeout(timer); reject(error); }
            });
            this.ports.post({ type: 'command', command: format === 'svg' ? 'exportSvg' : 'exportPng', requestId });
        });
    }

    /** The panel closed: pending exports fail. */
    dispose(): void {
        for (const pending of this.exports.values()) pending.reject(new Error('The diagram was closed.'));
        this.exports.clear();
    }
}

function describe(raw: unknown): string {
    try {
        const text = JSON.stringify(raw) ?? String(raw);
        return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    } catch {
        return String(raw);
    }
}
