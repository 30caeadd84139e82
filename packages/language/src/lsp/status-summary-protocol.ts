import { NotificationType, RequestType } from 'vscode-languageserver';

/**
 * The status-bar summary between the language server and the extension, typed once for both sides
 * (the extension imports this file alone). After each
 * analysis the server announces `fabric/summaryChanged` for the analysed documents; the client asks
 * `fabric/summary` for the document in the active editor. Everything is in base units (watts,
 * seconds); the client formats.
 */
export const SUMMARY_REQUEST = 'fabric/summary';
export const SUMMARY_CHANGED_NOTIFICATION = 'fabric/summaryChanged';

export interface SummaryParams {
    readonly uri: string;
}

/** The outermost group with a power budget (the fabric itself if it has one). */
export interface BudgetSummary {
    /** Model path of the group; '' for the fabric. */
    readonly path: string;
    readonly powerWatts: number;
    readonly budgetWatts: number;
    readonly overBudget: boolean;
    /** How many groups have a budget at that depth (8 racks of a pod); this one is the fullest. */
    readonly of: number;
}

export interface SlowestPhase {
    /** `workload.phase`. */
    readonly phase: string;
    /** Null when the phase cannot run. */
    readonly timeSeconds: number | null;
}

export interface FabricSummary {
    readonly name: string;
    /** Everything in the fabric, at full load. */
    readonly powerWatts: number;
    readonly budget: BudgetSummary | null;
    readonly slowestPhase: SlowestPhase | null;
}

export interface DocumentSummary {
    readonly uri: string;
    readonly version: number | undefined;
    /** One per `fabric` in the document, in source order; empty when none elaborates. */
    readonly fabrics: readonly FabricSummary[];
}

export interface SummaryChangedParams {
    readonly uri: string;
    readonly version: number | undefined;
}

export const SummaryRequest = new RequestType<SummaryParams, DocumentSummary | null, void>(SUMMARY_REQUEST);
export const SummaryChangedNotification = new NotificationType<SummaryChangedParams>(SUMMARY_CHANGED_NOTIFICATION);
