import { PassThrough } from 'node:stream';
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import { createConnection, createMessageConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver';
import type { FabricServices } from '../../src/index.js';
import { InProcessAnalysisRunner } from '../../src/lsp/analysis-runner.js';
import { startFabricServer } from '../../src/lsp/fabric-server.js';

/** The language server wired exactly as its entry wires it, in this process, spoken to over JSON-RPC streams. */
export interface InProcessServer {
    readonly client: MessageConnection;
    /** `window/logMessage` texts, in order. */
    readonly logged: string[];
    /** Opens a document and resolves with the diagnostics of its `count`-th publication (1: syntax and linking, 2: with the analysis). */
    open(uri: string, text: string, count?: number): Promise<Diagnostic[]>;
    dispose(): void;
}

export async function startInProcessServer(options: { module?: Module<FabricServices, PartialLangiumServices>; workspaceFolder?: string } = {}): Promise<InProcessServer> {
    const toServer = new PassThrough(), toClient = new PassThrough();
    const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startFabricServer(server, { runner: new InProcessAnalysisRunner(), module: options.module });
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const logged: string[] = [];
    const waiting = new Map<string, Array<(diagnostics: Diagnostic[]) => void>>();
    client.onNotification('window/logMessage', (params: { message: string }) => { logged.push(params.message); });
    client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => { waiting.get(params.uri)?.shift()?.(params.diagnostics); });
    client.onRequest('workspace/configuration', () => [{}]);
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('workspace/inlayHint/refresh', () => null);
    client.onRequest('workspace/codeLens/refresh', () => null);
    client.listen();
    const folders = options.workspaceFolder ? [{ uri: options.workspaceFolder, name: 'workspace' }] : null;
    await client.sendRequest('initialize', { processId: null, rootUri: options.workspaceFolder ?? null, capabilities: {}, workspaceFolders: folders });
    await client.sendNotification('initialized', {});
    return {
        client, logged,
        open(uri, text, count = 1) {
            const published = new Promise<Diagnostic[]>(resolve => {
                const list = waiting.get(uri) ?? [];
                for (let i = 1; i < count; i++) list.push(() => undefined);
                list.push(resolve);
                waiting.set(uri, list);
            });
            void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version: 1, text } });
            return published;
        },
        dispose: () => client.dispose()
    };
}
