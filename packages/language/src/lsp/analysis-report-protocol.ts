import { RequestType } from 'vscode-languageserver';

/**
 * The analysis report between the language server and the extension, typed once for both sides:
 * the simulator's tables for each fabric of a document, the text `fabric simulate` prints.
 */
export const ANALYSIS_REPORT_REQUEST = 'fabric/analysisReport';

export interface AnalysisReportParams {
    readonly uri: string;
}

export interface AnalysisReport {
    readonly uri: string;
    readonly version: number | undefined;
    /** The report's text; says so when the document has no fabric to analyse. */
    readonly text: string;
}

export const AnalysisReportRequest = new RequestType<AnalysisReportParams, AnalysisReport | null, void>(ANALYSIS_REPORT_REQUEST);
