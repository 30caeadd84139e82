import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnalysisReportRequest } from '@fabric/language/lsp/analysis-report-protocol';
import { SummaryChangedNotification } from '@fabric/language/lsp/status-summary-protocol';

export const REPORT_SCHEME = 'fabric-report';

/** The report's address: the document's URI rides in the query, the path gives the tab its name. */
export function reportUri(document: vscode.Uri): vscode.Uri {
    const name = document.path.slice(document.path.lastIndexOf('/') + 1);
    return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name} (analysis)`, query: document.toString() });
}

/**
 * Show Analysis Report: the simulator's tables for a document (the text `fabric simulate`
 * prints) in a read-only editor, refreshed when the server announces a newer analysis.
 */
export class AnalysisReportView implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly client: LanguageClient) {
        this.subscriptions = [
            vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
            client.onNotification(SummaryChangedNotification, params => {
                for (const document of vscode.workspace.textDocuments) {
                    if (document.uri.scheme === REPORT_SCHEME && document.uri.query === params.uri) this.changed.fire(document.uri);
                }
            })
        ];
    }

    async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
        const report = await this.client.sendRequest(AnalysisReportRequest, { uri: uri.query }, token);
        return report?.text ?? `${uri.query} is not a Fabric document the language server knows.\n`;
    }

    async show(document: vscode.Uri): Promise<void> {
        const report = await vscode.workspace.openTextDocument(reportUri(document));
        await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }

    dispose(): void {
        this.changed.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}
