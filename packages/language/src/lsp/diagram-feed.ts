import { Cancellation, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';
import { DiagramChangedNotification, DiagramClosedNotification, DiagramRequest, type DiagramFeed } from './diagram-protocol.js';

/** The diagram model and analysis of a document, from the same cached Analysis diagnostics and hovers read. */
export async function diagramFeed(services: FabricServices, document: LangiumDocument, token = Cancellation.CancellationToken.None): Promise<DiagramFeed> {
    const analyses = services.analysis.FabricAnalyses;
    const fabrics = await Promise.all(services.elaboration.FabricElaboration.of(document).models.map(async model => {
        try {
            return { model, analysis: await analyses.analyse(model, token) };
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            return { model, analysis: null }; // the simulator reports problems instead of throwing; a defect must not take the feed down
        }
    }));
    return { uri: document.uri.toString(), version: document.textDocument.version, fabrics };
}

/** Serves `fabric/diagram`, tracks subscriptions, and announces `fabric/diagramChanged` after each analysis. */
export function registerDiagramFeed(connection: Connection, services: FabricServices, scheduler: AnalysisScheduler): void {
    const subscribed = new Set<string>();
    const builder = services.shared.workspace.DocumentBuilder;
    connection.onRequest(DiagramRequest, async (params, token) => {
        const uri = URI.parse(params.uri);
        await builder.waitUntil(DocumentState.Linked, uri, token);
        const document = services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!document) return null;
        subscribed.add(params.uri);
        return diagramFeed(services, document, token);
    });
    connection.onNotification(DiagramClosedNotification, params => { subscribed.delete(params.uri); });
    scheduler.onAnalysed(documents => {
        for (const document of documents) {
            if (subscribed.has(document.uri.toString())) void connection.sendNotification(DiagramChangedNotification, { uri: document.uri.toString(), version: document.textDocument.version });
        }
    });
}
