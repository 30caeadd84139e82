import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { InProcessAnalysisRunner } from '../../src/lsp/analysis-runner.js';
import { startFabricServer } from '../../src/lsp/fabric-server.js';
import { RACK_TEXT } from './rack-text.js';
import { testPath } from './fabric-test-services.js';

/**
 * Issue 12, resilience: a provider that throws is logged and answered with an empty result, and
 * the server goes on answering. The server runs in-process, wired exactly as its entry wires it,
 * with a hover provider that throws and a document symbol provider whose promise rejects.
 */
let client: MessageConnection;
const logged: string[] = [];
const uri = pathToFileURL(testPath('lsp/resilience.fabric')).toString();

beforeAll(async () => {
    const toServer = new PassThrough(), toClient = new PassThrough();
    const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startFabricServer(server, {
        runner: new InProcessAnalysisRunner(),
        module: {
            lsp: {
                HoverProvider: () => ({ getHoverContent: () => { throw new Error('hover exploded'); } }),
                DocumentSymbolProvider: () => ({ getSymbols: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading '$refText')")) })
            }
        }
    });
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification('window/logMessage', (params: { message: string }) => { logged.push(params.message); });
    // As an editor does, ask once the server has published the document's diagnostics (syntax, then analysis).
    let published = 0;
    const analysed = new Promise<void>(resolve => client.onNotification('textDocument/publishDiagnostics', () => { if (++published === 2) resolve(); }));
    client.onRequest('workspace/configuration', () => [{}]);
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('workspace/inlayHint/refresh', () => null);
    client.onRequest('workspace/codeLens/refresh', () => null);
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version: 1, text: RACK_TEXT } });
    await analysed;
});

afterAll(() => client?.dispose());

describe('an exception in a provider', () => {
    test('is answered with an empty result and logged, again and again', async () => {
        for (let i = 0; i < 2; i++) {
            await expect(client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } })).resolves.toBeNull();
            await expect(client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).resolves.toBeNull();
        }
        expect(logged.filter(m => m.includes('failed and was answered with an empty result') && m.includes('hover exploded'))).toHaveLength(2);
        expect(logged.filter(m => m.includes("reading '$refText'"))).toHaveLength(2);
    });

    test('leaves the other providers answering', async () => {
        const folding = await client.sendRequest<Array<{ startLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
        expect(folding.map(f => f.startLine)).toContain(2);
        const tokens = await client.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
        expect(tokens.data.length).toBeGreaterThan(0);
    });
});
