import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnalysisReportView } from './analysis-report-view.js';
import { registerCommands } from './commands.js';
import { DiagramPanels } from './diagram-panel.js';
import { createLanguageClient } from './language-client.js';
import { RestartPolicy } from './restart-policy.js';
import { affectsDiagram, diagramSettings, readSettings, SETTINGS_SECTION, type FabricSettings } from './settings.js';
import { FabricStatusBar } from './status-bar.js';

/**
 * The extension is a thin client: the language client for the bundled server, the commands, the
 * status bar and the diagram panel host. Every number it shows comes from the server.
 * Everything it starts is in `context.subscriptions`, which VS Code disposes on deactivation
 * (disposing the client stops the server).
 */
/** What `activate` returns: what the status bar and the diagram panels show, for the desktop end-to-end suite. */
export interface FabricExtensionApi {
    statusBar(): { readonly text: string; readonly visible: boolean };
    diagram(uri: string): ReturnType<DiagramPanels['describe']>;
}

export async function activate(context: vscode.ExtensionContext): Promise<FabricExtensionApi> {
    const output = vscode.window.createOutputChannel('Fabric', { log: true });
    const policy = new RestartPolicy();
    const client: LanguageClient = createLanguageClient(context, output, policy);
    const settings = liveSettings(output);
    const panels = new DiagramPanels(context, client, () => diagramSettings(settings.current()), output);
    const report = new AnalysisReportView(client);
    context.subscriptions.push(client, output, panels, report, ...registerCommands({ client, panels, report, policy }),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
            settings.reload();
            if (affectsDiagram(section => event.affectsConfiguration(section))) panels.settingsChanged();
        }));
    // Activation does not wait for the server: VS Code counts activation until this returns, and
    // the editor is usable at once; the status bar starts asking when the client runs.
    let statusBar: FabricStatusBar | undefined;
    client.start().then(() => {
        statusBar = new FabricStatusBar(client);
        context.subscriptions.push(statusBar);
    }, error => output.error(`The Fabric language server did not start: ${error instanceof Error ? error.message : String(error)}`));
    return { statusBar: () => statusBar?.snapshot() ?? { text: '', visible: false }, diagram: uri => panels.describe(uri) };
}

/** The settings as they are now; a bad value is named once, with its fix, in a warning. */
function liveSettings(output: vscode.LogOutputChannel): { current(): FabricSettings; reload(): void } {
    let current: FabricSettings;
    const reload = () => {
        const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
        const read = readSettings(key => config.get(key));
        current = read.settings;
        for (const problem of read.problems) {
            output.warn(problem);
            void vscode.window.showWarningMessage(problem);
        }
    };
    reload();
    return { current: () => current, reload };
}
