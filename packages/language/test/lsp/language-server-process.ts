import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

/** The built language server (`dist/main.js`) in its own process, spoken to over JSON-RPC on stdio as an editor would. */
export class LanguageServerProcess {
    private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) { }

    static async start(workspaceFolder: string): Promise<LanguageServerProcess> {
        const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
        const child = spawn(process.execPath, [main, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], cwd: dirname(main) });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('workspace/inlayHint/refresh', () => null);
        connection.onRequest('workspace/codeLens/refresh', () => null);
        connection.listen();
        const folder = pathToFileURL(workspaceFolder).toString();
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, capabilities: {}, workspaceFolders: [{ uri: folder, name: 'test' }] });
        await connection.sendNotification('initialized', {});
        return new LanguageServerProcess(child, connection);
    }

    async open(path: string, text: string): Promise<string> {
        const uri = pathToFileURL(path).toString();
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fabric', version: 1, text } });
        return uri;
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } finally {
            this.connection.dispose();
            this.process.kill();
        }
    }
}
