import type { Analysis, FabricModel } from '@fabric/simulator';
import { Cancellation, isOperationCancelled, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';
import { linkedDocument } from './document-request.js';
import { SummaryChangedNotification, SummaryRequest, type BudgetSummary, type DocumentSummary, type FabricSummary, type SlowestPhase } from './status-summary-protocol.js';

/**
 * What the editor's status bar shows for a document: per fabric, its power against its outermost
 * budget and its slowest phase. It picks numbers out of the one cached Analysis; nothing is computed.
 */
export async function documentSummary(services: FabricServices, document: LangiumDocument, token = Cancellation.CancellationToken.None): Promise<DocumentSummary> {
    const analyses = services.analysis.FabricAnalyses;
    const fabrics: FabricSummary[] = [];
    for (const model of services.elaboration.FabricElaboration.of(document).models) {
        let analysis: Analysis;
        try {
            analysis = await analyses.analyse(model, token);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            continue; // the simulator reports problems instead of throwing; a defect must not take the status bar down
        }
        fabrics.push(fabricSummary(model, analysis));
    }
    return { uri: document.uri.toString(), version: document.textDocument.version, fabrics };
}

export function fabricSummary(model: FabricModel, analysis: Analysis): FabricSummary {
    return { name: model.name, powerWatts: analysis.totals.powerWatts, budget: outermostBudget(model, analysis), slowestPhase: slowestPhase(analysis) };
}

/** The budgeted groups nearest the fabric; of several at that depth, the fullest. */
function outermostBudget(model: FabricModel, analysis: Analysis): BudgetSummary | null {
    let level = [0];
    while (level.length > 0) {
        const budgeted = level.map(id => analysis.groups[id]).filter(g => g !== undefined && g.budgetWatts !== null);
        if (budgeted.length > 0) {
            const fullest = budgeted.reduce((a, b) => (b.powerWatts / b.budgetWatts! > a.powerWatts / a.budgetWatts! ? b : a));
            return { path: fullest.path, powerWatts: fullest.powerWatts, budgetWatts: fullest.budgetWatts!, overBudget: fullest.overBudget, of: budgeted.length };
        }
        level = level.flatMap(id => model.groups[id]?.childGroupIds ?? []);
    }
    return null;
}

/** The phase that takes longest; one that cannot run counts as slowest of all. */
function slowestPhase(analysis: Analysis): SlowestPhase | null {
    let slowest: SlowestPhase | null = null;
    for (const phase of analysis.phases) {
        const candidate = { phase: `${phase.workload}.${phase.name}`, timeSeconds: phase.timeSeconds };
        if (slowest === null || candidate.timeSeconds === null || (slowest.timeSeconds !== null && candidate.timeSeconds > slowest.timeSeconds)) {
            slowest = candidate;
            if (candidate.timeSeconds === null) break;
        }
    }
    return slowest;
}

/** Serves `fabric/summary` and announces `fabric/summaryChanged` after each analysis of an open document. */
export function registerStatusSummary(connection: Connection, services: FabricServices, scheduler: AnalysisScheduler): void {
    connection.onRequest(SummaryRequest, async (params, token) => {
        const document = await linkedDocument(services, params.uri, token);
        return document ? documentSummary(services, document, token) : null;
    });
    scheduler.onAnalysed(documents => {
        for (const document of documents) {
            void connection.sendNotification(SummaryChangedNotification, { uri: document.uri.toString(), version: document.textDocument.version });
        }
    });
}
