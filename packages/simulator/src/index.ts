export * from './units.js';
export { appendAll, minMax } from './arrays.js';
export * from './model/fabric-model.js';
export type { BenchCase } from './bench/bench-case.js';

// The analysis every view reads, and its entry points.
export type * from './analysis/analysis.js';
export * from './analysis/problems.js';
export { analyzeFabric, analyzeContext, failureImpact, failureEvaluator, fabricTotals, DEFAULT_SLOWDOWN_THRESHOLD, type FailureIds } from './analysis/analyze.js';
export { prepareFabric, type AnalysisOptions, type FabricContext } from './analysis/fabric-context.js';
export { estimatePhase, findPhase, type PhaseEstimate } from './collectives/phase-estimates.js';
export type { PhaseEntry } from './collectives/phase-requests.js';
export { linkMetrics, linkMetricsOf, linkBandwidthBytesPerSecond, latencyStack, linkPowerAtFullLoad, linksPerLaserSource } from './links/link-metrics.js';
export { powerAndPorts, type PowerAndPorts } from './power/power.js';
export * from './collectives/collective-closed-forms.js';
export * from './reliability/reliability.js';
export { reconfigurationSeconds } from './ocs/ocs-phases.js';
export type { FailureSpec } from './failures/failure-scenarios.js';
export * from './provenance/figure-fields.js';
export * from './provenance/provenance.js';
export { resolveFailureSelection, type FailureSelection, type ResolvedFailureSelection } from './failures/failure-selection.js';

// Reports.
export { analysisToJson, failureToJson, finiteJson, ANALYSIS_JSON_SCHEMA } from './report/analysis-json.js';
export { formatAnalysisText, formatTable, type TextOptions } from './report/analysis-text.js';
export { citationText, figureValue, formatFigureValue, sourcesCell, sourcesOf, standingLine, weakFigures } from './report/provenance-text.js';

// Generated fabrics for tests and benchmarks.
export * from './generate/model-builder.js';
export * from './generate/fabric-generators.js';
export * from './generate/direct-fabrics.js';
