/**
 * One phase priced on one network: the PhaseResult every view shows, and the problems it raises
 * (no path between participants, an algorithm that does not apply, latency asymmetry).
 */
import { formatQuantity } from '../units.js';
import type { PhaseResult } from '../analysis/analysis.js';
import { evaluateCollective, type CollectiveOutcome, type Network } from './collectives.js';
import { KIND_ACCELERATOR } from '../graph/fabric-graph.js';
import type { FabricContext } from '../analysis/fabric-context.js';
import type { PhaseEntry } from './phase-requests.js';
import { problem, type SimProblem } from '../analysis/problems.js';

export interface PhaseEstimate {
    readonly result: PhaseResult;
    readonly problems: SimProblem[];
}

function emptyResult(entry: PhaseEntry, failure: string): PhaseResult {
    const { workload, phase } = entry;
    return {
        workload: workload.name, name: phase.name, collective: phase.collective, participants: entry.request?.ranks.length ?? 0,
        bytes: Number.isFinite(phase.bytes) ? phase.bytes : 0, configuration: entry.configuration, configurationSource: entry.configurationSource, algorithm: null,
        fixedAlgorithm: phase.algorithm !== undefined, timeSeconds: null, algbwBytesPerSecond: null, busbwBytesPerSecond: null,
        energyJoules: null, picojoulesPerBit: null, trafficEnergyJoules: null, fixedEnergyJoules: null, energyAttribution: 'parts-used',
        bottleneck: null, latency: null, detail: null, protocol: null, overlap: null, alternatives: [], boundedAlternatives: [], failure, source: phase.source,
        linkLoads: null
    };
}

/** Prices the phase; `outcome` is the raw collective outcome for callers that compare states. */
export function estimateEntry(net: Network, entry: PhaseEntry, asymmetryThreshold = 1.5, request = entry.request): PhaseEstimate & { outcome: CollectiveOutcome | null } {
    const { phase } = entry;
    const path = `${entry.workload.name}.${phase.name}`;
    const ref = { kind: 'phase' as const, id: entry.index, path };
    if (!request) return { result: emptyResult(entry, entry.invalid ?? 'the phase is invalid'), problems: [], outcome: null };
    const outcome = evaluateCollective(net, request);
    const problems: SimProblem[] = [];
    if (outcome.unreachable) {
        const [s, t] = outcome.unreachable;
        const nodes = net.graph.model.nodes;
        const why = `no path from ${nodes[s].path} to ${nodes[t].path}${entry.configuration ? ` in configuration ${entry.configuration}` : ''}`
            + (forwardingWouldHelp(net, request.ranks) ? '; accelerators forward nothing unless their type says `forwarding yes`' : '');
        problems.push(problem('workload/no-path', 'error', `phase ${path} cannot run: ${why}`, ref, phase.source));
        return { result: emptyResult(entry, why), problems, outcome };
    }
    const chosen = outcome.chosen;
    if (!chosen) return { result: emptyResult(entry, 'no algorithm applies'), problems, outcome };
    if (phase.algorithm && chosen.algorithm !== phase.algorithm) {
        const why = outcome.notApplicable.get(phase.algorithm) ?? 'it does not apply';
        problems.push(problem('workload/algorithm-not-applicable', 'warning',
            `phase ${path} fixes algorithm ${phase.algorithm}, but ${why}; priced with ${chosen.algorithm} instead`, ref, phase.source));
    }
    if (outcome.latency && outcome.latency.asymmetry > asymmetryThreshold) {
        problems.push(problem('workload/latency-asymmetry', 'info',
            `phase ${path}: within one step the slowest path takes ${(outcome.latency.asymmetry).toPrecision(3)}× the fastest `
            + `(${formatQuantity(outcome.latency.maxSeconds, 'time')} vs ${formatQuantity(outcome.latency.minSeconds, 'time')}); every step waits for the slowest`,
            ref, phase.source));
    }
    const result: PhaseResult = {
        ...emptyResult(entry, ''), failure: null, participants: request.ranks.length, algorithm: chosen.algorithm,
        timeSeconds: chosen.timeSeconds, algbwBytesPerSecond: chosen.algbwBytesPerSecond, busbwBytesPerSecond: chosen.busbwBytesPerSecond,
        energyJoules: chosen.energyJoules, picojoulesPerBit: chosen.picojoulesPerBit, trafficEnergyJoules: chosen.trafficEnergyJoules,
        fixedEnergyJoules: chosen.fixedEnergyJoules, bottleneck: chosen.bottleneck, latency: outcome.latency,
        detail: chosen.detail, protocol: chosen.protocol, overlap: chosen.overlap, alternatives: outcome.results, boundedAlternatives: outcome.bounded,
        linkLoads: outcome.linkLoads
    };
    return { result, problems, outcome };
}

/** Whether some rank is an accelerator with direct accelerator links that does not forward (the hint of a no-path message). */
function forwardingWouldHelp(net: Network, ranks: readonly number[]): boolean {
    const g = net.graph;
    return ranks.some(r => {
        if (g.nodeForwards[r]) return false;
        for (let a = g.arcStart[r]; a < g.arcStart[r + 1]; a++) if (g.nodeKind[g.arcHead[a]] === KIND_ACCELERATOR) return true;
        return false;
    });
}

/** Finds a phase by `name` or `workload.name`. */
export function findPhase(context: FabricContext, name: string): PhaseEntry | undefined {
    return context.phases.find(e => e.phase.name === name || `${e.workload.name}.${e.phase.name}` === name);
}

/** Prices one phase with every part up: cheap enough for a hover. */
export function estimatePhase(context: FabricContext, name: string): PhaseEstimate | undefined {
    const entry = findPhase(context, name);
    if (!entry) return undefined;
    const { result, problems } = estimateEntry(context.network(entry.configuration), entry, context.options.latencyAsymmetryThreshold, context.request(entry));
    return { result, problems };
}
