import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFabricServices } from './fabric-module.js';
import { AnalysisScheduler } from './lsp/analysis-scheduler.js';
import { WorkerAnalysisRunner } from './lsp/analysis-runner.js';
import { registerDiagramFeed } from './lsp/diagram-feed.js';
import { registerStatusSummary } from './lsp/status-summary.js';
import { registerAnalysisReport } from './lsp/analysis-report.js';

// The language server entry: speaks LSP over the process's stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared, Fabric } = createFabricServices({ connection, ...NodeFileSystem });
// Analyses run in a worker thread: a failure sweep of any length never blocks the editor.
Fabric.analysis.FabricAnalyses.useRunner(new WorkerAnalysisRunner());
const scheduler = new AnalysisScheduler(shared, shared.workspace.TextDocuments);
// Analysis-backed views read only a finished analysis: ask the editor to fetch them again.
scheduler.onAnalysed(() => {
    void connection.languages.inlayHint.refresh();
    void connection.sendRequest('workspace/codeLens/refresh');
});
registerDiagramFeed(connection, Fabric, scheduler);
registerStatusSummary(connection, Fabric, scheduler);
registerAnalysisReport(connection, Fabric);
startLanguageServer(shared);
