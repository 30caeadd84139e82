import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from '@fabric/simulator';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { generateFabric } from './generated-fabric.js';

/**
 * The language server as the editor sees it: a separate process spoken to in JSON-RPC over stdio.
 * Each edit is a `didChange` with the whole new text; the first `publishDiagnostics` after it
 * carries the syntax, linking and model diagnostics, the second the simulator's (the analysis
 * runs in the server's worker thread). Hovers are `textDocument/hover` round trips.
 */
const SERVER = fileURLToPath(new URL('../main.js', import.meta.url));

class ServerSession {
    private readonly waiting: Array<() => void> = [];
    private version = 1;

    private constructor(readonly server: ChildProcess, readonly connection: MessageConnection, readonly uri: string, readonly text: string,
        private readonly edit: (text: string, i: number) => string, readonly hoverAt: { line: number; character: number }) { }

    static async open(path: string, edit: (text: string, i: number) => string): Promise<ServerSession> {
        const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
        const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        const uri = pathToFileURL(path).toString();
        const text = readFileSync(path, 'utf8');
        const before = text.slice(0, text.indexOf('connect') + 'connect'.length + 1).split('\n');
        const session = new ServerSession(server, connection, uri, text, edit, { line: before.length - 1, character: before[before.length - 1].length });
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
            if (params.uri === uri) session.waiting.shift()?.();
        });
        connection.onRequest('workspace/configuration', () => [{}]);
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('workspace/inlayHint/refresh', () => null);
        connection.onRequest('workspace/codeLens/refresh', () => null);
        connection.listen();
        const folder = pathToFileURL(join(path, '..')).toString();
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, capabilities: {}, workspaceFolders: [{ uri: folder, name: 'bench' }] });
        await connection.sendNotification('initialized', {});
        const published = session.publishes(2);
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version: 1, text } });
        await published;
        session.idle();
        return session;
    }

    /**
     * Between requests the server process and its pipes do not keep the benchmark alive, so the
     * benchmark process ends after its last run (and the server, which watches its client's
     * process id, ends with it).
     */
    private idle(): void {
        this.server.unref();
        (this.server.stdin as unknown as { unref(): void }).unref();
        (this.server.stdout as unknown as { unref(): void }).unref();
    }

    private async busy<T>(work: () => Promise<T>): Promise<T> {
        (this.server.stdin as unknown as { ref(): void }).ref();
        (this.server.stdout as unknown as { ref(): void }).ref();
        try {
            return await work();
        } finally {
            this.idle();
        }
    }

    /** Resolves after `count` more diagnostics notifications for the document. */
    publishes(count: number): Promise<void> {
        return new Promise(resolve => {
            let left = count;
            const next = () => { if (--left === 0) resolve(); else this.waiting.push(next); };
            this.waiting.push(next);
        });
    }

    type(i: number, waitFor: 'syntax' | 'analysis'): Promise<void> {
        return this.busy(async () => {
            const published = this.publishes(waitFor === 'syntax' ? 1 : 2);
            await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: ++this.version }, contentChanges: [{ text: this.edit(this.text, i) }] });
            await published;
        });
    }

    hover(): Promise<string> {
        return this.busy(async () => {
            const result = await this.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: this.uri }, position: this.hoverAt });
            return result?.contents.value ?? '';
        });
    }

    /** Peak resident memory of the server process. */
    peakMegabytes(): number {
        const status = readFileSync(`/proc/${this.server.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    }
}

interface Subject {
    readonly label: string;
    open(): Promise<ServerSession>;
}

const pod576: Subject = {
    label: 'pod576 example',
    open: () => ServerSession.open(fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url)),
        (t, i) => t.replace('length 20 m', `length ${20 + (i % 7)} m`))
};

const explicit10k: Subject = {
    label: 'generated 10k explicit links',
    open: () => {
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-server-bench-')), 'generated-10k-links.fabric');
        writeFileSync(path, generateFabric(Math.round(10_000 * 41 / 32) + 12).text);
        return ServerSession.open(path, (t, i) => t.replace('length 1.5 m', `length ${(1.5 + (i % 5) / 10).toFixed(1)} m`));
    }
};

function casesFor(subject: Subject): BenchCase[] {
    let counter = 0;
    const note = (session: ServerSession) => ({ note: `server peak ${session.peakMegabytes().toFixed(0)} MB` });
    return [
        {
            name: `lsp server (JSON-RPC): edit → syntax and model diagnostics, ${subject.label}`,
            runs: 7,
            prepare: () => subject.open(),
            async run(prepared) {
                const session = prepared as ServerSession;
                await session.type(++counter, 'syntax');
                return note(session);
            }
        },
        {
            name: `lsp server (JSON-RPC): edit → full analysis diagnostics, ${subject.label}`,
            runs: 5,
            prepare: () => subject.open(),
            async run(prepared) {
                const session = prepared as ServerSession;
                await session.type(++counter, 'analysis');
                return note(session);
            }
        },
        {
            name: `lsp server (JSON-RPC): hover on a connect statement, ${subject.label}`,
            runs: 20,
            prepare: () => subject.open(),
            async run(prepared) {
                const session = prepared as ServerSession;
                if (!(await session.hover()).includes('links')) throw new Error('the hover shows no link table');
                return note(session);
            }
        }
    ];
}

export const benchCases: BenchCase[] = [...casesFor(pod576), ...casesFor(explicit10k)];
