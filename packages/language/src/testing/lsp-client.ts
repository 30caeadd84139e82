import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection
} from 'vscode-languageserver/node';
import { SERVER_STATS_REQUEST, type ServerStats } from '../lsp/server-stats.js';
import type {
    CodeLens, Diagnostic, Hover, InlayHint, Location, Position, Range, WorkspaceEdit
} from 'vscode-languageserver';

/** The compiled language server, `packages/language/dist/main.js` (from this file in `src/` or in `dist/`). */
export const SERVER_SCRIPT = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface PublishedDiagnostics {
    readonly uri: string;
    readonly version?: number;
    readonly diagnostics: Diagnostic[];
    /** When it arrived (performance.now() of this process). */
    readonly at: number;
}

export interface LspClientOptions {
    /** The workspace folder (a path); none: a window without a folder. */
    readonly workspaceFolder?: string;
    /** The `fabric` settings section the client answers `workspace/configuration` with. */
    readonly settings?: Record<string, unknown>;
    /** Extra arguments for Node before the server script (e.g. `--expose-gc`). */
    readonly nodeArgs?: readonly string[];
    /** Extra arguments for the server after `--stdio` (e.g. `--analysis-budget=1000,1000`). */
    readonly serverArgs?: readonly string[];
    /** Where the server's stderr goes (default: ignored). */
    readonly stderr?: 'ignore' | 'inherit';
}

/**
 * A small language client that drives the real server process over JSON-RPC (stdio) the way an
 * editor does: full-text `didOpen` / `didChange` / `didClose`, requests by position, pull
 * configuration answered from `settings`, every `publishDiagnostics` recorded. For LSP-level
 * tests and the server benchmarks; timings are the caller's business.
 */
export class LspClient {
    private readonly versions = new Map<string, number>();
    private readonly published: PublishedDiagnostics[] = [];
    private readonly listeners: Array<(p: PublishedDiagnostics) => void> = [];
    /** Requests the server sent to the client, by method (refreshes, registrations). */
    readonly serverRequests: Array<{ method: string; at: number }> = [];
    private exited = false;

    private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, private settings: Record<string, unknown>) { }

    static async start(options: LspClientOptions = {}): Promise<LspClient> {
        const server = spawn(globalThis.process.execPath, [...(options.nodeArgs ?? []), SERVER_SCRIPT, '--stdio', ...(options.serverArgs ?? [])], {
            stdio: ['pipe', 'pipe', options.stderr ?? 'ignore']
        });
        const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        const client = new LspClient(server, connection, options.settings ?? {});
        server.on('exit', () => {
            client.exited = true;
            client.connection.dispose(); // pending requests fail instead of waiting forever
        });
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
            const entry = { ...params, at: performance.now() };
            client.published.push(entry);
            for (const listener of [...client.listeners]) listener(entry);
        });
        connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
            params.items.map(item => (item.section === 'fabric' ? client.settings : null)));
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh']) {
            connection.onRequest(method, () => { client.serverRequests.push({ method, at: performance.now() }); return null; });
        }
        connection.onNotification('window/logMessage', () => undefined);
        connection.listen();
        const folder = options.workspaceFolder ? pathToFileURL(options.workspaceFolder).toString() : null;
        await connection.sendRequest('initialize', {
            processId: globalThis.process.pid,
            rootUri: folder,
            workspaceFolders: folder ? [{ uri: folder, name: 'workspace' }] : null,
            capabilities: {
                workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
                textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown'] } }
            }
        });
        await connection.sendNotification('initialized', {});
        return client;
    }

    /** Opens a file with its text on disk (or `text`); returns its URI. */
    async open(path: string, text = readFileSync(path, 'utf8')): Promise<string> {
        const uri = pathToFileURL(path).toString();
        this.versions.set(uri, 1);
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version: 1, text } });
        return uri;
    }

    /** A new whole text for an open document (what a keystroke sends with full sync). */
    async change(uri: string, text: string): Promise<number> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        return version;
    }

    async save(uri: string): Promise<void> {
        await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    }

    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    /** New settings for the `fabric` section, announced as the editor does. */
    async configure(settings: Record<string, unknown>): Promise<void> {
        this.settings = settings;
        await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { fabric: settings } });
    }

    hover(uri: string, position: Position): Promise<Hover | null> {
        return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    }

    async inlayHints(uri: string, range: Range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } }): Promise<InlayHint[]> {
        return (await this.connection.sendRequest<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range })) ?? [];
    }

    async codeLenses(uri: string): Promise<CodeLens[]> {
        return (await this.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
    }

    async references(uri: string, position: Position): Promise<Location[]> {
        return (await this.connection.sendRequest<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } })) ?? [];
    }

    rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
        return this.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName });
    }

    /** What the server holds (`fabric/serverStats`; start the server with `--expose-gc` for retained figures). */
    stats(): Promise<ServerStats> {
        return this.connection.sendRequest(SERVER_STATS_REQUEST);
    }

    request<T>(method: string, params: unknown): Promise<T> {
        return this.connection.sendRequest(method, params);
    }

    /** Every diagnostics notification for `uri` so far, oldest first. */
    publications(uri: string): PublishedDiagnostics[] {
        return this.published.filter(p => p.uri === uri);
    }

    latest(uri: string): PublishedDiagnostics | undefined {
        return this.publications(uri).at(-1);
    }

    /**
     * Resolves with the first diagnostics notification for `uri` from now on that satisfies
     * `accept` (or, with `includeLatest`, the latest one already received if it does).
     */
    nextDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true, includeLatest = false): Promise<PublishedDiagnostics> {
        const latest = this.latest(uri);
        if (includeLatest && latest && accept(latest)) return Promise.resolve(latest);
        return new Promise(resolve => {
            const listener = (p: PublishedDiagnostics) => {
                if (p.uri !== uri || !accept(p)) return;
                this.listeners.splice(this.listeners.indexOf(listener), 1);
                resolve(p);
            };
            this.listeners.push(listener);
        });
    }

    /** Polls `probe` (a request, say) until it returns something `accept` takes; the test's timeout bounds it. */
    async until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, intervalMs = 100): Promise<T> {
        for (;;) {
            const value = await probe();
            if (accept(value)) return value;
            if (this.exited) throw new Error('the language server exited');
            await new Promise(resolve => setTimeout(resolve, intervalMs));
        }
    }

    /** The server process's resident memory now (VmRSS) and at its peak (VmHWM), in MB. */
    memory(): { rssMB: number; peakMB: number } {
        const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
        const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
        return { rssMB: field('VmRSS'), peakMB: field('VmHWM') };
    }

    get alive(): boolean {
        return !this.exited;
    }

    /** Shuts the server down as an editor does; ends the process by its id if it does not exit. */
    async stop(): Promise<void> {
        if (this.exited) return;
        const exited = new Promise<void>(resolve => this.process.once('exit', () => resolve()));
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            await this.connection.sendNotification('exit');
        } catch { /* the connection may already be gone */ }
        const timer = setTimeout(() => this.process.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
        this.connection.dispose();
    }
}
