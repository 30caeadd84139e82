import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AnalysisReportView } from './analysis-report-view.js';
import type { DiagramPanels } from './diagram-panel.js';
import type { DiagramSession } from './diagram-session.js';
import { chooseExportTarget, exportBytes } from './export-file.js';
import { LANGUAGE_ID } from './language-client.js';
import type { RestartPolicy } from './restart-policy.js';

/** What the commands act on. */
export interface CommandContext {
    readonly client: LanguageClient;
    readonly panels: DiagramPanels;
    readonly report: AnalysisReportView;
    readonly policy: RestartPolicy;
}

/** Every command is a small function here, registered in one place (`registerCommands`). */
type Command = (ctx: CommandContext, resource?: unknown) => Promise<void>;

/** The `.fabric` document a command is about: the one it was invoked on, or the active editor's. */
function fabricDocument(resource: unknown): vscode.Uri | undefined {
    if (resource instanceof vscode.Uri) return resource;
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === LANGUAGE_ID ? document.uri : undefined;
}

function diagramOf(ctx: CommandContext): DiagramSession | undefined {
    const session = ctx.panels.active();
    if (!session) void vscode.window.showInformationMessage('Open a Fabric diagram first (Fabric: Open Diagram).');
    return session;
}

function openDiagramIn(column: (editor: vscode.TextEditor | undefined) => vscode.ViewColumn): Command {
    return async (ctx, resource) => {
        const document = fabricDocument(resource) ?? (ctx.panels.active() ? vscode.Uri.parse(ctx.panels.active()!.uri) : undefined);
        if (!document) {
            void vscode.window.showInformationMessage('Open a .fabric file to see its diagram.');
            return;
        }
        ctx.panels.open(document, column(vscode.window.activeTextEditor));
    };
}

function exportDiagram(format: 'svg' | 'png'): Command {
    return async ctx => {
        const session = diagramOf(ctx);
        if (!session) return;
        try {
            const data = await session.export(format);
            const target = await chooseExportTarget(vscode.Uri.parse(session.uri), format);
            if (!target) return;
            await vscode.workspace.fs.writeFile(target, exportBytes(format, data));
            void vscode.window.showInformationMessage(`Exported the diagram to ${vscode.workspace.asRelativePath(target)}.`);
        } catch (error) {
            void vscode.window.showErrorMessage(`Export Diagram as ${format.toUpperCase()} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    };
}

const COMMANDS: Record<string, Command> = {
    'fabric.openDiagram': openDiagramIn(editor => editor?.viewColumn ?? vscode.ViewColumn.Active),
    'fabric.openDiagramToSide': openDiagramIn(() => vscode.ViewColumn.Beside),
    'fabric.exportSvg': exportDiagram('svg'),
    'fabric.exportPng': exportDiagram('png'),
    'fabric.failSelection': async ctx => { diagramOf(ctx)?.command('failSelection'); },
    'fabric.clearFailures': async ctx => { diagramOf(ctx)?.command('clearFailures'); },
    'fabric.showPhase': async ctx => {
        const session = diagramOf(ctx);
        if (!session) return;
        const { phases, current } = session.availablePhases;
        if (phases.length === 0) {
            void vscode.window.showInformationMessage('This fabric declares no workload phases.');
            return;
        }
        const none = '(no phase: show watts)';
        const picked = await vscode.window.showQuickPick([...phases, none].map(label => ({ label, description: label === current ? 'shown' : undefined })), { title: 'Show the load of a phase' });
        if (picked) session.showPhase(picked.label === none ? null : picked.label);
    },
    'fabric.showAnalysisReport': async (ctx, resource) => {
        const document = fabricDocument(resource);
        if (!document) {
            void vscode.window.showInformationMessage('Open a .fabric file to see its analysis.');
            return;
        }
        await ctx.report.show(document);
    },
    'fabric.restartServer': async ctx => {
        ctx.policy.userRestarted();
        await ctx.client.restart();
        void vscode.window.setStatusBarMessage('Fabric language server restarted', 3000);
    }
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
    return Object.entries(COMMANDS).map(([id, run]) => vscode.commands.registerCommand(id, (resource?: unknown) => run(ctx, resource)));
}

/** The command ids, for the manifest test. */
export const COMMAND_IDS = Object.keys(COMMANDS);
