import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SummaryChangedNotification, SummaryRequest } from '@fabric/language/lsp/status-summary-protocol';
import { LANGUAGE_ID } from './language-client.js';
import { statusBarView } from './status-bar-text.js';

/**
 * The status-bar item of the active `.fabric` editor: its fabric's power against its budget and
 * the slowest phase, from the server's `fabric/summary`; refreshed when the server announces a
 * newer analysis; hidden for other editors; a click opens the diagram.
 */
export class FabricStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('fabric.summary', vscode.StatusBarAlignment.Left, 10);
    private readonly subscriptions: vscode.Disposable[] = [];
    private asked = 0;
    private visible = false;

    constructor(private readonly client: LanguageClient) {
        this.item.name = 'Fabric';
        this.item.command = 'fabric.openDiagram';
        this.subscriptions.push(
            vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
            client.onNotification(SummaryChangedNotification, params => {
                if (params.uri === this.activeUri()) this.refresh();
            })
        );
        this.refresh();
    }

    private activeUri(): string | undefined {
        const document = vscode.window.activeTextEditor?.document;
        return document?.languageId === LANGUAGE_ID ? document.uri.toString() : undefined;
    }

    refresh(): void {
        const uri = this.activeUri();
        const ask = ++this.asked;
        if (!uri) {
            this.hide();
            return;
        }
        this.client.sendRequest(SummaryRequest, { uri }).then(summary => {
            if (ask !== this.asked) return; // a newer question is on its way
            const view = summary ? statusBarView(summary) : undefined;
            if (!view) {
                this.hide();
                return;
            }
            this.item.text = view.text;
            this.item.tooltip = view.tooltip;
            this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
            this.item.show();
            this.visible = true;
        }, () => { if (ask === this.asked) this.hide(); });
    }

    private hide(): void {
        this.item.hide();
        this.visible = false;
    }

    /** What the item shows now (for the desktop end-to-end suite, through the extension's API). */
    snapshot(): { readonly text: string; readonly visible: boolean } {
        return { text: this.item.text, visible: this.visible };
    }

    dispose(): void {
        this.item.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}
