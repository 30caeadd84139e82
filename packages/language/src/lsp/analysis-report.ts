import { formatAnalysisText } from '@fabric/simulator';
import { Cancellation, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import { displayUri } from '../workspace/fabric-imports.js';
import { AnalysisReportRequest, type AnalysisReport } from './analysis-report-protocol.js';
import { linkedDocument } from './document-request.js';

/** The simulator's tables (as `fabric simulate` prints them) for every fabric of a document, from the one cached Analysis. */
export async function analysisReport(services: FabricServices, document: LangiumDocument, token = Cancellation.CancellationToken.None): Promise<AnalysisReport> {
    const models = services.elaboration.FabricElaboration.of(document).models;
    const sections: string[] = [];
    for (const model of models) {
        // The server's analysis is staged and budgeted: a stage its budget stopped is named, never left out silently.
        const { analysis, budgetReached } = await services.analysis.FabricAnalyses.run(model, token);
        const stopped = budgetReached && `${model.name}: the analysis stopped at its ${(budgetReached.budgetMs / 1000).toLocaleString('en-US')} s budget; ${budgetReached.stopped === 'phases' ? 'totals, phase times and the failure sweep were' : 'the failure sweep was'} not computed.\n`;
        sections.push([analysis ? formatAnalysisText(analysis) : '', stopped ?? ''].filter(Boolean).join('\n'));
    }
    const name = displayUri(document.uri.toString());
    const text = sections.length > 0
        ? sections.join('\n\n')
        : `${name} declares no fabric that elaborates: fix the errors in the Problems panel, or add a \`fabric Name { … }\`.\n`;
    return { uri: document.uri.toString(), version: document.textDocument.version, text };
}

export function registerAnalysisReport(connection: Connection, services: FabricServices): void {
    connection.onRequest(AnalysisReportRequest, async (params, token) => {
        const document = await linkedDocument(services, params.uri, token);
        return document ? analysisReport(services, document, token) : null;
    });
}
