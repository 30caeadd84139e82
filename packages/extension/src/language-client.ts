import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { RestartPolicy } from './restart-policy.js';

export const LANGUAGE_ID = 'fabric';

/**
 * The language client for the bundled server (`dist/server/main.js`), spoken to over Node IPC.
 * Its log and, with `fabric.trace.server`, its message trace go to the "Fabric" output channel
 * (the client reads `<id>.trace.server` itself, live). A server that dies is restarted once.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, policy: RestartPolicy): LanguageClient {
    const module = context.asAbsolutePath('dist/server/main.js');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: LANGUAGE_ID }],
        outputChannel: output,
        traceOutputChannel: output,
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.fabric') },
        errorHandler: {
            error: () => ({ action: ErrorAction.Continue }),
            closed: () => {
                const decision = policy.serverClosed();
                if (decision.restart) output.warn(decision.message); else output.error(decision.message);
                if (decision.restart) void vscode.window.showWarningMessage(decision.message);
                else void vscode.window.showErrorMessage(decision.message, 'Show Log').then(choice => { if (choice) output.show(true); });
                return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
            }
        }
    };
    return new LanguageClient(LANGUAGE_ID, 'Fabric', serverOptions, clientOptions);
}
