import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RACK_TEXT } from './rack-text.js';
import { testPath } from './fabric-test-services.js';
import { startInProcessServer, type InProcessServer } from './in-process-server.js';

/**
 * Issue 12, resilience: a provider that throws is logged and answered with an empty result, and
 * the server goes on answering. The server runs with a hover provider that throws and a document
 * symbol provider whose promise rejects.
 */
let server: InProcessServer;
const uri = pathToFileURL(testPath('lsp/resilience.fabric')).toString();

beforeAll(async () => {
    server = await startInProcessServer({
        module: {
            lsp: {
                HoverProvider: () => ({ getHoverContent: () => { throw new Error('hover exploded'); } }),
                DocumentSymbolProvider: () => ({ getSymbols: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading '$refText')")) })
            }
        }
    });
    // As an editor does, ask once the server has published the document's diagnostics (syntax, then analysis).
    await server.open(uri, RACK_TEXT, 2);
});

afterAll(() => server?.dispose());

describe('an exception in a provider', () => {
    test('is answered with an empty result and logged, again and again', async () => {
        for (let i = 0; i < 2; i++) {
            await expect(server.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } })).resolves.toBeNull();
            await expect(server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).resolves.toBeNull();
        }
        expect(server.logged.filter(m => m.includes('failed and was answered with an empty result') && m.includes('hover exploded'))).toHaveLength(2);
        expect(server.logged.filter(m => m.includes("reading '$refText'"))).toHaveLength(2);
    });

    test('leaves the other providers answering', async () => {
        const folding = await server.client.sendRequest<Array<{ startLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
        expect(folding.map(f => f.startLine)).toContain(2);
        const tokens = await server.client.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
        expect(tokens.data.length).toBeGreaterThan(0);
    });
});
