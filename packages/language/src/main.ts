import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { budgetFromArguments, WorkerAnalysisRunner } from './lsp/analysis-runner.js';
import { startFabricServer } from './lsp/fabric-server.js';
import { logUnhandledRejections } from './lsp/provider-resilience.js';

// The language server entry: speaks LSP over the process's stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
logUnhandledRejections(message => connection.console.error(message));
// Analyses run in a worker thread, staged and within a time budget: a failure sweep of any length never blocks the editor.
startFabricServer(connection, { runner: new WorkerAnalysisRunner(undefined, budgetFromArguments(process.argv)) });
