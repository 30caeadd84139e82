import type { Module } from 'langium';
import { startLanguageServer, type PartialLangiumServices } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import { createFabricServices, type FabricServices } from '../fabric-module.js';
import { AnalysisScheduler } from './analysis-scheduler.js';
import type { AnalysisRunner } from './analysis-runner.js';
import { registerAnalysisReport } from './analysis-report.js';
import { registerDiagramFeed } from './diagram-feed.js';
import { registerEarlyDiagnostics } from './early-diagnostics.js';
import { registerHoverDuringBuild } from './hover-during-build.js';
import { resilientConnection } from './provider-resilience.js';
import { registerServerStats } from './server-stats.js';
import { registerStatusSummary } from './status-summary.js';

export interface FabricServerOptions {
    /** Where analyses run (the server entry passes a worker thread, staged and within a time budget). */
    readonly runner?: AnalysisRunner;
    /** Overrides of language services, for tests. */
    readonly module?: Module<FabricServices, PartialLangiumServices>;
}

/**
 * Wires the language server on a connection: services over the file system, the per-document
 * analysis scheduler and its refresh requests, the diagram feed, the status-bar summary, the
 * analysis report, `fabric/serverStats`, early syntax diagnostics and hovers that never wait
 * behind the build of a large document; every handler guarded at the boundary.
 */
export function startFabricServer(raw: Connection, options: FabricServerOptions = {}): { shared: FabricServices['shared']; Fabric: FabricServices } {
    const connection = resilientConnection(raw);
    const { shared, Fabric } = createFabricServices({ connection, ...NodeFileSystem }, options.module);
    if (options.runner) Fabric.analysis.FabricAnalyses.useRunner(options.runner);
    // Created before the server starts: it puts analysis findings back into re-validated documents before they are published.
    const scheduler = new AnalysisScheduler(Fabric);
    // Analysis-backed views read only a finished analysis: ask the editor to fetch them again.
    scheduler.onAnalysed(() => {
        void connection.languages.inlayHint.refresh();
        void connection.sendRequest('workspace/codeLens/refresh');
    });
    registerDiagramFeed(connection, Fabric, scheduler);
    registerStatusSummary(connection, Fabric, scheduler);
    registerAnalysisReport(connection, Fabric);
    registerServerStats(connection, Fabric, scheduler);
    registerEarlyDiagnostics(connection, Fabric);
    startLanguageServer(shared);
    // In place of Langium's hover handler, so it is installed after the server starts.
    registerHoverDuringBuild(connection, shared, Fabric);
    return { shared, Fabric };
}
