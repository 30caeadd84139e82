import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';
import { DiagramChangedNotification, DiagramClosedNotification, DiagramRequest, type DiagramFeed } from './diagram-protocol.js';

/** The diagram model and analysis of a document, from the same cached Analysis diagnostics and hovers read. */
export function diagramFeed(services: FabricServices, document: LangiumDocument): DiagramFeed {
    const analyses = services.analysis.FabricAnalyses;
    const fabrics = services.elaboration.FabricElaboration.of(document).models.map(model => {
        let analysis = null;
        try {
            analysis = analyses.full(model);
        } catch {
            analysis = null; // the simulator reports problems instead of throwing; never let a defect take the feed down
        }
        return { model, analysis };
    });
    return { uri: document.uri.toString(), version: document.textDocument.version, fabrics };
}

/** Serves `fabric/diagram`, tracks subscriptions, and pushes `fabric/diagramChanged` after each analysis. */
export function registerDiagramFeed(connection: Connection, services: FabricServices, scheduler: AnalysisScheduler): void {
    const subscribed = new Set<string>();
    const builder = services.shared.workspace.DocumentBuilder;
    connection.onRequest(DiagramRequest, async (params, token) => {
        const uri = URI.parse(params.uri);
        await builder.waitUntil(DocumentState.Linked, uri, token);
        const document = services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!document) return null;
        subscribed.add(params.uri);
        return diagramFeed(services, document);
    });
    connection.onNotification(DiagramClosedNotification, params => { subscribed.delete(params.uri); });
    scheduler.onAnalysed(documents => {
        for (const document of documents) {
            if (subscribed.has(document.uri.toString())) void connection.sendNotification(DiagramChangedNotification, diagramFeed(services, document));
        }
    });
}
