import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DiagramChangedNotification, DiagramClosedNotification } from '@fabric/language/lsp/diagram-protocol';
import { diagramPageHtml, makeNonce } from '@fabric/webview/html';
import { parseWebviewMessage, type DiagramSettings, type PersistedDiagramState } from '@fabric/webview/protocol';
import { DiagramSession } from './diagram-session.js';
import { LANGUAGE_ID } from './language-client.js';

export const DIAGRAM_VIEW_TYPE = 'fabric.diagram';
/** Context key for the palette: some diagram is open. */
const DIAGRAM_OPEN_CONTEXT = 'fabric.diagramOpen';

/**
 * The diagram panels: one per document, each a webview running the diagram bundle
 * (`dist/webview/webview.js`) under a nonce CSP, with its resources limited to the extension's
 * folder, and a DiagramSession relaying between it and the language client.
 */
export class DiagramPanels implements vscode.Disposable {
    private readonly panels = new Map<string, { panel: vscode.WebviewPanel; session: DiagramSession }>();
    private lastActive: DiagramSession | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient,
        private readonly settings: () => DiagramSettings, private readonly output: vscode.LogOutputChannel) {
        this.subscriptions.push(
            client.onNotification(DiagramChangedNotification, params => {
                this.panels.get(params.uri)?.session.documentChanged(params.uri, params.version ?? null);
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                const uri = event.textEditor.document.uri.toString();
                const position = event.selections[0]?.active;
                if (position) this.panels.get(uri)?.session.cursorMoved(uri, { line: position.line, character: position.character });
            }),
            vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: unknown) => {
                    const restored = parseWebviewMessage({ type: 'state', state });
                    if (restored?.type !== 'state') {
                        panel.dispose(); // nothing says which document it showed
                        return;
                    }
                    this.adopt(panel, restored.state.uri, restored.state);
                }
            })
        );
    }

    /** Opens (or reveals) the diagram of a document. */
    open(uri: vscode.Uri, column: vscode.ViewColumn): DiagramSession {
        const key = uri.toString();
        const existing = this.panels.get(key);
        if (existing) {
            existing.panel.reveal(column, true);
            return existing.session;
        }
        const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, diagramTitle(key), { viewColumn: column, preserveFocus: true }, {
            enableScripts: true,
            retainContextWhenHidden: false,
            localResourceRoots: [this.context.extensionUri]
        });
        return this.adopt(panel, key);
    }

    /** The diagram the user last looked at, for the palette commands. */
    active(): DiagramSession | undefined {
        for (const { panel, session } of this.panels.values()) if (panel.active) return session;
        return this.lastActive && [...this.panels.values()].some(p => p.session === this.lastActive) ? this.lastActive : undefined;
    }

    /** Where a document's diagram panel is and what its webview reported (for the desktop end-to-end suite). */
    describe(uri: string): { readonly viewColumn: number | undefined; readonly ready: boolean; readonly errors: readonly string[] } | undefined {
        const open = this.panels.get(uri);
        return open && { viewColumn: open.panel.viewColumn, ready: open.session.isReady, errors: open.session.errors };
    }

    settingsChanged(): void {
        for (const { session } of this.panels.values()) session.settingsChanged();
    }

    private adopt(panel: vscode.WebviewPanel, uri: string, restored?: PersistedDiagramState): DiagramSession {
        const webview = panel.webview;
        webview.options = { enableScripts: true, localResourceRoots: [this.context.extensionUri] };
        panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'images', 'fabric-file.svg');
        const session = new DiagramSession(uri, {
            post: message => { void webview.postMessage(message); },
            request: (method, params) => this.client.sendRequest(method, params),
            reveal: (target, range) => void this.reveal(target, range),
            log: (level, message) => this.output[level](message),
            settings: this.settings
        }, restored);
        const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
        webview.html = diagramPageHtml({
            cspSource: webview.cspSource,
            nonce: makeNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
            title: diagramTitle(uri)
        });
        const subscriptions = [
            webview.onDidReceiveMessage(raw => session.received(raw)),
            panel.onDidChangeViewState(() => { if (panel.active) this.lastActive = session; })
        ];
        panel.onDidDispose(() => {
            subscriptions.forEach(s => s.dispose());
            session.dispose();
            this.panels.delete(uri);
            void this.client.sendNotification(DiagramClosedNotification, { uri });
            void vscode.commands.executeCommand('setContext', DIAGRAM_OPEN_CONTEXT, this.panels.size > 0);
        });
        this.panels.set(uri, { panel, session });
        this.lastActive = session;
        void vscode.commands.executeCommand('setContext', DIAGRAM_OPEN_CONTEXT, true);
        return session;
    }

    /** A click in the diagram: show the declaration, in the editor column that already shows the file if any. */
    private async reveal(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
        const target = vscode.Uri.parse(uri);
        if (!target.path.endsWith('.fabric')) {
            this.output.warn(`Not revealing ${uri}: only .fabric files are shown.`);
            return;
        }
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri);
        const document = visible?.document ?? await vscode.workspace.openTextDocument(target);
        if (document.languageId !== LANGUAGE_ID) return;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Selection(selection.start, selection.start), preserveFocus: false });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    dispose(): void {
        for (const { panel } of [...this.panels.values()]) panel.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

function diagramTitle(uri: string): string {
    return `Diagram: ${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}`;
}
