import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DiagramView, EditorDriver } from '../e2e/editor-driver.js';
import type { FabricExtensionApi } from '../src/extension.js';

export const EXTENSION_ID = 'fabric-tools.fabric';

/**
 * The scenarios' driver inside a desktop VS Code's extension host (`@vscode/test-electron`): the
 * same actions through the VS Code API, and what the editor shows read from the same sources the
 * workbench draws from (diagnostics, hover and completion providers, the extension's status-bar
 * item and diagram panels). It cannot take screenshots from inside the window.
 */
export class VsCodeApiDriver implements EditorDriver {
    /** The webview's page is not reachable from the extension host. */
    readonly seesWebview = false;
    constructor(private readonly workspace: string) { }

    private editor(): vscode.TextEditor {
        const editor = vscode.window.activeTextEditor;
        if (!editor) throw new Error('no active editor');
        return editor;
    }

    private api(): FabricExtensionApi {
        const extension = vscode.extensions.getExtension<FabricExtensionApi>(EXTENSION_ID);
        if (!extension?.isActive) throw new Error(`${EXTENSION_ID} is not active`);
        return extension.exports;
    }

    private find(text: string): vscode.Range {
        const document = this.editor().document;
        const offset = document.getText().indexOf(text);
        if (offset < 0) throw new Error(`"${text}" is not in ${document.uri.fsPath}`);
        return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
    }

    async open(file: string): Promise<void> {
        const document = await vscode.workspace.openTextDocument(join(this.workspace, file));
        await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    }

    async languageMode(): Promise<string> {
        const id = this.editor().document.languageId;
        const language = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.languages as Array<{ id: string; aliases: string[] }>).find(l => l.id === id);
        return language?.aliases[0] ?? id;
    }

    async syntaxColoured(): Promise<boolean> {
        const grammar = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.grammars as Array<{ language: string }>).some(g => g.language === this.editor().document.languageId);
        const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', this.editor().document.uri);
        return grammar && (tokens?.data.length ?? 0) > 0;
    }

    async errorSquiggles(): Promise<string[]> {
        const document = this.editor().document;
        return vscode.languages.getDiagnostics(document.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error).map(d => document.getText(d.range));
    }

    async problems(): Promise<string[]> {
        return vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) => diagnostics.map(d => {
            const code = typeof d.code === 'object' ? d.code.value : d.code;
            return `${d.message} ${d.source ?? ''} ${code ?? ''} [Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}] ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`;
        }));
    }

    async replace(find: string, replacement: string): Promise<void> {
        const range = this.find(find);
        await this.editor().edit(edit => edit.replace(range, replacement));
    }

    async applyQuickFix(text: string): Promise<string> {
        const range = this.find(text);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', this.editor().document.uri, range, vscode.CodeActionKind.QuickFix.value);
        const fix = actions.find(a => a.isPreferred) ?? actions[0];
        if (!fix) throw new Error(`no quick fix on "${text}"`);
        if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
        if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        return fix.title;
    }

    async hover(line: string, token: string): Promise<string> {
        const lineRange = this.find(line);
        const position = lineRange.start.translate(0, this.editor().document.lineAt(lineRange.start.line).text.slice(lineRange.start.character).indexOf(token) + 1);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', this.editor().document.uri, position);
        return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    }

    async completionsAfter(prefix: string): Promise<string[]> {
        const position = this.find(prefix).end;
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', this.editor().document.uri, position);
        return list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    }

    async formatDocument(): Promise<void> {
        await vscode.commands.executeCommand('editor.action.formatDocument');
        await new Promise(r => setTimeout(r, 1000));
    }

    async documentState(): Promise<{ text: string; dirty: boolean }> {
        const document = this.editor().document;
        return { text: document.getText(), dirty: document.isDirty };
    }

    async fabricStatusBar(): Promise<string | undefined> {
        const item = this.api().statusBar();
        return item.visible ? item.text : undefined;
    }

    async runFabricCommand(title: string): Promise<void> {
        const commands = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.commands as Array<{ command: string; title: string }>;
        const command = commands.find(c => c.title === title);
        if (!command) throw new Error(`no Fabric command titled "${title}"`);
        await vscode.commands.executeCommand(command.command);
    }

    async diagramPanel(): Promise<{ beside: boolean; ready: boolean; cspViolations: string[] }> {
        const editor = this.editor();
        const panel = this.api().diagram(editor.document.uri.toString());
        if (!panel) return { beside: false, ready: false, cspViolations: [] };
        return { beside: panel.viewColumn !== undefined && panel.viewColumn !== editor.viewColumn, ready: panel.ready, cspViolations: panel.errors.filter(e => /Content[- ]Security[- ]Policy/i.test(e)) };
    }

    async cursor(): Promise<{ file: string; line: number; column: number }> {
        const editor = this.editor();
        const path = editor.document.uri.path;
        return { file: path.slice(path.lastIndexOf('/') + 1), line: editor.selection.active.line + 1, column: editor.selection.active.character + 1 };
    }

    diagramView(): Promise<DiagramView> { return Promise.reject(new Error('the extension host cannot see inside the diagram webview')); }
    clickInDiagram(): Promise<void> { return Promise.reject(new Error('the extension host cannot click inside the diagram webview')); }
    moveDiagramCamera(): Promise<void> { return Promise.reject(new Error('the extension host cannot move the diagram webview\'s camera')); }

    async screenshot(): Promise<void> { /* the extension host cannot capture its own window */ }
}
