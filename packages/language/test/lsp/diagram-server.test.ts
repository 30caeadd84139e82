import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

/** The language server as the diagram view meets it: a process spoken to in JSON-RPC over stdio. */
const SERVER = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url));
const uri = pathToFileURL(EXAMPLE).toString();
const text = readFileSync(EXAMPLE, 'utf8');

let server: ChildProcess;
let connection: MessageConnection;
let version = 1;

beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const folder = pathToFileURL(fileURLToPath(new URL('../../../../examples/', import.meta.url))).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, capabilities: {}, workspaceFolders: [{ uri: folder, name: 'examples' }] });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version, text } });
});

afterAll(() => {
    connection?.dispose();
    server?.kill();
});

async function errorCode(promise: Promise<unknown>): Promise<number | string> {
    try {
        const r = await promise as { version?: number };
        return `answered ${r?.version} of ${version}`;
    } catch (error) {
        return error instanceof ResponseError ? error.code : -1;
    }
}

describe('fabric/diagram over JSON-RPC', () => {
    test('answers the scene at the default level of detail: 8 racks and 72 spine switches', async () => {
        const feed = await connection.sendRequest('fabric/diagram', { uri }) as { scene: { boxes: Array<{ kind: string; collapsed: boolean; group: boolean }> } };
        const racks = feed.scene.boxes.filter(b => b.kind === 'rack' && b.collapsed);
        expect(racks).toHaveLength(8);
        expect(feed.scene.boxes.filter(b => b.kind === 'switch')).toHaveLength(72);
    });

    test('a request the client cancels answers RequestCancelled (-32800), not an internal error', async () => {
        // The request and its cancellation are written to the server in one write, so the server reads the
        // cancellation before the request runs. (Sent apart, a request answered before its cancellation is read
        // legitimately answers its result: that race is not what this checks.) The answer is read off the raw
        // stream; the connection does not know the id.
        const id = 'cancelled-diagram-1';
        const frame = (message: object) => { const body = JSON.stringify({ jsonrpc: '2.0', ...message }); return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; };
        let seen = '';
        const answer = new Promise<{ error?: { code: number }; result?: unknown }>(resolve => {
            const onData = (chunk: Buffer) => {
                seen += chunk.toString('utf8');
                const at = seen.indexOf(`"id":"${id}"`);
                if (at < 0) return;
                const start = seen.lastIndexOf('Content-Length:', at);
                const headerEnd = seen.indexOf('\r\n\r\n', start);
                const length = Number(/Content-Length: (\d+)/.exec(seen.slice(start, headerEnd))![1]);
                const body = Buffer.from(seen.slice(headerEnd + 4), 'utf8');
                if (body.length < length) return;
                server.stdout!.off('data', onData);
                resolve(JSON.parse(body.subarray(0, length).toString('utf8')));
            };
            server.stdout!.on('data', onData);
        });
        server.stdin!.write(frame({ id, method: 'fabric/diagram', params: { uri, collapseThreshold: 1_000_000 } }) + frame({ method: '$/cancelRequest', params: { id } }));
        const reply = await answer;
        expect(reply.result).toBeUndefined();
        expect(reply.error?.code).toBe(-32800);
    });

    test('a request whose document is edited while it runs answers RequestCancelled or the feed of the text it was asked about, never an internal error', async () => {
        // An edit, the request and a second edit reach the server in one chunk. Whether the second edit is read
        // before the first one's build links depends on the scheduler: then the answer is RequestCancelled,
        // else a feed of the first edit. Never -32603, never a feed labelled with a text it was not built from.
        const edit = (racks: number) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: text.replace('rack rack[0..7]', `rack rack[0..${racks - 1}]`) }] });
        for (const racks of [32, 48, 64]) {
            server.stdin!.cork();
            const first = edit(racks);
            const asked = version;
            const pending = connection.sendRequest('fabric/diagram', { uri });
            const second = edit(8);
            process.nextTick(() => server.stdin!.uncork());
            await Promise.all([first, second]);
            const code = await errorCode(pending);
            if (code === -32800) continue;
            expect(code).toBe(`answered ${asked} of ${version}`);
            const feed = await connection.sendRequest('fabric/diagram', { uri }) as { scene: { boxes: Array<{ kind: string }> } };
            // The pull after the second edit draws 8 racks again, not the first edit's racks.
            expect(feed.scene.boxes.filter(b => b.kind === 'rack').length).toBe(8 + 4);
        }
        const feed = await connection.sendRequest('fabric/diagram', { uri }) as { version: number };
        expect(feed.version).toBe(version);
    });

    test('bad params are an invalid-params error naming the field', async () => {
        const pending = connection.sendRequest('fabric/diagram', { uri, expanded: 'rack[0]' });
        await expect(pending).rejects.toThrow('expanded');
        expect(await errorCode(connection.sendRequest('fabric/diagram', { uri, expanded: 'rack[0]' }))).toBe(-32602);
    });

    test('fabric/failure fails a switch tray by its domain name and answers the simulator result and its overlay', async () => {
        const answer = await connection.sendRequest('fabric/failure', { uri, names: ['rack[0].switch_tray[3]'] }) as {
            unknown: string[]; result: { nodeIds: number[]; cutOffAccelerators: number[]; phases: Array<{ slowdown: number }>; blastRadius: number };
            overlay: { failedBoxes: Array<[number, number]>; blastRadius: number };
        };
        expect(answer.unknown).toEqual([]);
        expect(answer.result.nodeIds).toHaveLength(2);
        expect(answer.result.cutOffAccelerators).toEqual([]);
        expect(answer.result.phases.every(p => p.slowdown > 1)).toBe(true);
        expect(answer.overlay.blastRadius).toBe(answer.result.blastRadius);
        // The two failed switches sit inside collapsed rack[0]: one box holds both.
        expect(answer.overlay.failedBoxes.map(([, n]) => n)).toEqual([2]);
    });
});
