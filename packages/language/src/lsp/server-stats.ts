import { DocumentState } from 'langium';
import { RequestType0 } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { FabricDocumentBuilder } from '../workspace/fabric-document-builder.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';

/**
 * `fabric/serverStats`: what the server holds, for tests and for diagnosing a server that grows —
 * the documents loaded and open, the documents with cached models, the analysis work in flight,
 * and the process's memory. With `--expose-gc` the server collects garbage first, so the figures
 * are what is really retained.
 */
export const SERVER_STATS_REQUEST = 'fabric/serverStats';

export interface ServerStats {
    /** URIs of every document the server has loaded (workspace files, the catalog, open files). */
    readonly documents: string[];
    /** URIs of the documents open in the editor. */
    readonly open: string[];
    /** URIs of the documents whose elaborated models (and so analyses) are cached. */
    readonly elaborations: string[];
    readonly analysis: { readonly pending: number; readonly analysing: number; readonly published: number };
    /** Documents whose previous version is kept while the next is built (DocumentSnapshots). */
    readonly snapshots: number;
    /** How many times each document was parsed since the server started. */
    readonly parses: Record<string, number>;
    /** How many times a large document's new text was syntax-checked before its parse (early diagnostics). */
    readonly syntaxChecks: number;
    /** How many times such a text was instead judged free of syntax errors from its edited statement alone (EditSyntaxCheck). */
    readonly statementChecks: number;
    readonly memory: { readonly rssMB: number; readonly heapUsedMB: number };
}

export const ServerStatsRequest = new RequestType0<ServerStats, void>(SERVER_STATS_REQUEST);

export function registerServerStats(connection: Connection, services: FabricServices, scheduler: AnalysisScheduler): void {
    const parses: Record<string, number> = {};
    services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, document => {
        const uri = document.uri.toString();
        parses[uri] = (parses[uri] ?? 0) + 1;
    });
    connection.onRequest(ServerStatsRequest, () => {
        (globalThis as { gc?: () => void }).gc?.();
        const memory = process.memoryUsage();
        const mb = (bytes: number) => Math.round(bytes / 2 ** 20 * 10) / 10;
        return {
            documents: services.shared.workspace.LangiumDocuments.all.map(d => d.uri.toString()).toArray(),
            open: services.shared.workspace.TextDocuments.keys(),
            elaborations: services.elaboration.FabricElaboration.cachedUris,
            analysis: scheduler.stats,
            parses: { ...parses },
            syntaxChecks: services.parser.FabricSyntaxCheck.checks,
            statementChecks: services.parser.EditSyntaxCheck.judged,
            snapshots: (services.shared.workspace.DocumentBuilder as FabricDocumentBuilder).snapshots.size,
            memory: { rssMB: mb(memory.rss), heapUsedMB: mb(memory.heapUsed) }
        };
    });
}
