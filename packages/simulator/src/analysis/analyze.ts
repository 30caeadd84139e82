/**
 * The full analysis of one FabricModel: links, parts, power, routed totals, every phase, OCS
 * reconfiguration, failure domains and requested single-part sweeps, reliability. Never throws on a
 * bad model: what cannot be computed comes back as typed problems and nulls.
 */
import { appendAll } from '../arrays.js';
import type { FabricModel } from '../model/fabric-model.js';
import type { Analysis, FabricTotals, FailureResult, PhaseResult } from './analysis.js';
import { prepareFabric, type AnalysisOptions, type FabricContext } from './fabric-context.js';
import { domainFailures, laserFailures, linkFailures, switchFailures, type FailureSpec } from '../failures/failure-scenarios.js';
import { failureSweep, type PhaseBaseline } from '../failures/failures.js';
import { ocsSchedule } from '../ocs/ocs-phases.js';
import { configurationTimes } from '../ocs/ocs-choice.js';
import { estimateEntry } from '../collectives/phase-estimates.js';
import type { PhaseEntry } from '../collectives/phase-requests.js';
import type { SimProblem } from './problems.js';
import { laserRate, linkRate, nodeRate, reliabilitySummary } from '../reliability/reliability.js';
import { topologyMetrics } from '../routing/topology-metrics.js';
import { figureProvenance } from '../provenance/provenance.js';

export const DEFAULT_SLOWDOWN_THRESHOLD = 1.1;

export function selectedPhases(context: FabricContext): PhaseEntry[] {
    const wanted = context.options.phases;
    if (!wanted) return [...context.phases];
    return context.phases.filter(e => wanted.includes(e.phase.name) || wanted.includes(`${e.workload.name}.${e.phase.name}`));
}

export function fabricTotals(context: FabricContext): FabricTotals {
    const model = context.model;
    const power = context.power();
    const topology = topologyMetrics(context.network(context.totalsConfiguration));
    const count = (kind: string) => model.nodes.filter(n => n.kind === kind).length;
    const networkPowerWatts = power.powerWatts - power.breakdown.acceleratorsWatts - power.breakdown.componentsWatts;
    const circuits = context.circuits().length;
    const acceleratorBandwidth = power.nodes.reduce((sum, n) => sum + (n.kind === 'accelerator' ? n.injectionBytesPerSecond : 0), 0);
    return {
        accelerators: count('accelerator'), switches: count('switch'), ocs: count('ocs'), links: model.links.length + circuits,
        staticLinks: model.links.length, circuits,
        powerWatts: power.powerWatts, networkPowerWatts, networkIdleWatts: power.fixedNetworkWatts, breakdown: power.breakdown,
        picojoulesPerBit: power.bitsPerSecondBothDirections > 0 ? networkPowerWatts / power.bitsPerSecondBothDirections * 1e12 : 0,
        picojoulesPerAcceleratorBit: topology.allToAllBytesPerSecond > 0 ? networkPowerWatts / (8 * topology.allToAllBytesPerSecond) * 1e12 : 0,
        acceleratorBandwidthBytesPerSecond: acceleratorBandwidth, acceleratorBandwidthBidirectionalBytesPerSecond: 2 * acceleratorBandwidth,
        bisectionBytesPerSecond: topology.bisectionBytesPerSecond, diameterHops: topology.diameterHops, latency: topology.latency,
        configuration: context.totalsConfiguration
    };
}

/** Prices the selected phases with every part up. */
export function estimatePhases(context: FabricContext, entries: readonly PhaseEntry[]): { results: PhaseResult[]; problems: SimProblem[] } {
    const problems: SimProblem[] = [];
    const results = entries.map(entry => {
        problems.push(...entry.problems);
        const estimate = estimateEntry(context.network(entry.configuration), entry, context.options.latencyAsymmetryThreshold, context.request(entry));
        problems.push(...estimate.problems);
        return estimate.result;
    });
    return { results, problems };
}

/** Failure domains and the requested single-part sweeps against the phases' baseline. */
export function analyzeFailures(context: FabricContext, entries: readonly PhaseEntry[], results: readonly PhaseResult[]):
    { domains: FailureResult[]; singles: FailureResult[]; problems: SimProblem[] } {
    const options = context.options;
    const baseline: Array<PhaseBaseline | null> = results.map(r => r.timeSeconds !== null && r.algorithm !== null ? { timeSeconds: r.timeSeconds, algorithm: r.algorithm } : null);
    const sweep = failureSweep(context, entries, baseline, options.slowdownThreshold ?? DEFAULT_SLOWDOWN_THRESHOLD);
    const model = context.model;
    const domainSpecs = options.skipFailureDomains ? [] : domainFailures(model);
    const singleSpecs: FailureSpec[] = [];
    for (const kind of new Set(options.singleFailures ?? [])) {
        if (kind === 'switch') appendAll(singleSpecs, switchFailures(model));
        if (kind === 'link') appendAll(singleSpecs, linkFailures(model));
        if (kind === 'laser') appendAll(singleSpecs, laserFailures(model));
    }
    const total = domainSpecs.length + singleSpecs.length;
    let done = 0;
    const evaluate = (spec: FailureSpec) => {
        const result = sweep.evaluate(spec);
        options.onFailureProgress?.(++done, total);
        return result;
    };
    const domains = domainSpecs.map(evaluate);
    const singles = singleSpecs.map(evaluate);
    return { domains, singles, problems: sweep.problems };
}

/** A failure set by ids: the parts go down together. */
export interface FailureIds { name?: string; nodeIds?: number[]; linkIds?: number[]; laserSourceIds?: number[] }

/**
 * What failure sets do to one prepared fabric, against the selected phases priced once with every
 * part up: for answering one click after another (the diagram's "fail this part") without
 * re-pricing the baseline each time.
 */
export function failureEvaluator(context: FabricContext): (failure: FailureIds) => FailureResult {
    const entries = selectedPhases(context);
    const { results } = estimatePhases(context, entries);
    const baseline = results.map(r => (r.timeSeconds !== null && r.algorithm !== null ? { timeSeconds: r.timeSeconds, algorithm: r.algorithm } : null));
    const sweep = failureSweep(context, entries, baseline, context.options.slowdownThreshold ?? DEFAULT_SLOWDOWN_THRESHOLD);
    const model = context.model;
    return failure => {
        const nodeIds = failure.nodeIds ?? [], linkIds = failure.linkIds ?? [], laserSourceIds = failure.laserSourceIds ?? [];
        return sweep.evaluate({
            name: failure.name ?? [...nodeIds.map(id => model.nodes[id]?.path ?? `#${id}`), ...linkIds.map(id => `link ${id}`), ...laserSourceIds.map(id => model.laserSources[id]?.path ?? `#${id}`)].join(', '),
            kind: 'domain', origin: null, nodeIds, linkIds, laserSourceIds, derated: [], absorbedBySpare: false,
            rates: [
                ...nodeIds.filter(id => model.nodes[id]).map(id => nodeRate(model, id)),
                ...linkIds.filter(id => model.links[id]).map(id => linkRate(model, id)),
                ...laserSourceIds.filter(id => model.laserSources[id]).map(id => laserRate(model, id))
            ]
        });
    };
}

/**
 * What one failure does (the diagram's "fail this part"): the parts given go down together, against
 * the selected phases priced with every part up.
 */
export function failureImpact(context: FabricContext, failure: FailureIds): FailureResult {
    return failureEvaluator(context)(failure);
}

export function analyzeFabric(model: FabricModel, options: AnalysisOptions = {}): Analysis {
    const context = prepareFabric(model, options);
    return analyzeContext(context);
}

export function analyzeContext(context: FabricContext): Analysis {
    const model = context.model;
    const problems: SimProblem[] = [...context.problems];
    const power = context.power();
    problems.push(...power.problems);
    const entries = selectedPhases(context);
    const phases = estimatePhases(context, entries);
    problems.push(...phases.problems);
    const ocs = ocsSchedule(model, phases.results, configurationTimes(context, entries, phases.results.map(r => r.timeSeconds)));
    problems.push(...ocs.problems);
    const failures = analyzeFailures(context, entries, phases.results);
    problems.push(...failures.problems);
    return {
        fabric: model.name, uri: model.uri, problems, links: context.links(), circuits: context.circuits(), nodes: power.nodes, groups: power.groups,
        laserSources: power.laserSources, totals: fabricTotals(context), phases: phases.results, ocs: ocs.schedule,
        failureDomains: failures.domains, singleFailures: failures.singles, reliability: reliabilitySummary(model, context.circuits()),
        slowdownThreshold: context.options.slowdownThreshold ?? DEFAULT_SLOWDOWN_THRESHOLD,
        provenance: figureProvenance(model)
    };
}
