import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFabricServices } from './fabric-module.js';
import { AnalysisScheduler } from './lsp/analysis-scheduler.js';
import { budgetFromArguments, WorkerAnalysisRunner } from './lsp/analysis-runner.js';
import { registerDiagramFeed } from './lsp/diagram-feed.js';
import { registerEarlyDiagnostics } from './lsp/early-diagnostics.js';
import { registerHoverDuringBuild } from './lsp/hover-during-build.js';
import { registerServerStats } from './lsp/server-stats.js';

// The language server entry: speaks LSP over the process's stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared, Fabric } = createFabricServices({ connection, ...NodeFileSystem });
// Analyses run in a worker thread, staged and within a time budget: a failure sweep of any length never blocks the editor.
Fabric.analysis.FabricAnalyses.useRunner(new WorkerAnalysisRunner(undefined, budgetFromArguments(process.argv)));
// Created before the server starts: it puts analysis findings back into re-validated documents before they are published.
const scheduler = new AnalysisScheduler(Fabric);
// Analysis-backed views read only a finished analysis: ask the editor to fetch them again.
scheduler.onAnalysed(() => {
    void connection.languages.inlayHint.refresh();
    void connection.sendRequest('workspace/codeLens/refresh');
});
registerDiagramFeed(connection, Fabric, scheduler);
registerServerStats(connection, Fabric, scheduler);
registerEarlyDiagnostics(connection, Fabric);
startLanguageServer(shared);
registerHoverDuringBuild(connection, shared, Fabric);
