/**
 * The stable JSON of an Analysis (`fabric simulate --json`), in base units. Its shape is documented
 * in ANALYSIS-JSON.md; other tools read it, so fields are only ever added, never renamed.
 */
import type { Analysis, FailureResult, GroupReport, PhaseResult } from '../analysis/analysis.js';

export const ANALYSIS_JSON_SCHEMA = 'fabric-analysis/2';

/** One failure result as JSON (the shape of `failureDomains[]` entries). */
export function failureToJson(f: FailureResult) {
    return {
        name: f.name, kind: f.kind, origin: f.origin,
        blastRadius: f.blastRadius, partitions: f.partitions,
        cutOff: f.cutOffAccelerators.length, cutOffAccelerators: f.cutOffAccelerators,
        bandwidthLostBytesPerSecond: f.bandwidthLostBytesPerSecond, bandwidthLostFraction: f.bandwidthLostFraction,
        absorbedBySpare: f.absorbedBySpare, deratedLinkIds: f.deratedLinkIds,
        failuresPerDay: f.failuresPerDay, repairSeconds: f.repairSeconds, downtimeFraction: f.downtimeFraction,
        phases: f.phases.map(p => ({ workload: p.workload, phase: p.phase, slowdown: p.slowdown, timeSeconds: p.timeSeconds, failed: p.failed, pacing: p.pacing, continuesOn: p.continuesOn, recompositionSeconds: p.recompositionSeconds })),
        nodeIds: f.nodeIds, linkIds: f.linkIds, laserSourceIds: f.laserSourceIds
    };
}

function phaseJson(p: PhaseResult) {
    return {
        workload: p.workload, name: p.name, collective: p.collective, algorithm: p.algorithm, fixedAlgorithm: p.fixedAlgorithm,
        detail: p.detail, protocol: p.protocol, participants: p.participants, bytes: p.bytes, configuration: p.configuration,
        configurationSource: p.configurationSource,
        timeSeconds: p.timeSeconds, algbwBytesPerSecond: p.algbwBytesPerSecond, busbwBytesPerSecond: p.busbwBytesPerSecond,
        energyJoules: p.energyJoules, trafficEnergyJoules: p.trafficEnergyJoules, fixedEnergyJoules: p.fixedEnergyJoules,
        energyAttribution: p.energyAttribution, picojoulesPerBit: p.picojoulesPerBit, bottleneck: p.bottleneck, latency: p.latency,
        overlap: p.overlap, failure: p.failure,
        alternatives: p.alternatives.map(a => ({
            algorithm: a.algorithm, detail: a.detail, protocol: a.protocol, timeSeconds: a.timeSeconds, algbwBytesPerSecond: a.algbwBytesPerSecond,
            busbwBytesPerSecond: a.busbwBytesPerSecond, alphaSeconds: a.alphaSeconds, steps: a.steps, transferSeconds: a.transferSeconds,
            overheadSeconds: a.overheadSeconds, overlap: a.overlap, energyJoules: a.energyJoules, trafficEnergyJoules: a.trafficEnergyJoules,
            fixedEnergyJoules: a.fixedEnergyJoules, fixedWatts: a.fixedWatts, picojoulesPerBit: a.picojoulesPerBit, bytesMoved: a.bytesMoved,
            bottleneck: a.bottleneck
        })),
        boundedAlternatives: p.boundedAlternatives
    };
}

function groupJson(g: GroupReport) {
    return {
        path: g.path, kind: g.kind, accelerators: g.accelerators, powerWatts: g.powerWatts, budgetWatts: g.budgetWatts, overBudget: g.overBudget,
        breakdown: g.breakdown, downlinkBytesPerSecond: g.downlinkBytesPerSecond, uplinkBytesPerSecond: g.uplinkBytesPerSecond,
        oversubscription: g.oversubscription
    };
}

/** Links and circuits summed per optics type: a 100,000-link fabric stays a short document. */
function opticsSummary(analysis: Analysis) {
    const byOptics = new Map<string, { optics: string; kind: string; links: number; circuits: number; powerWatts: number; bandwidthBytesPerSecond: number; overReach: number }>();
    for (const l of [...analysis.links, ...analysis.circuits]) {
        let s = byOptics.get(l.optics);
        if (!s) { s = { optics: l.optics, kind: l.kind, links: 0, circuits: 0, powerWatts: 0, bandwidthBytesPerSecond: 0, overReach: 0 }; byOptics.set(l.optics, s); }
        s.links++;
        if ('configuration' in l) s.circuits++;
        s.powerWatts += l.power.totalWatts;
        s.bandwidthBytesPerSecond += l.bandwidthBytesPerSecond;
        if (l.reachExceeded) s.overReach++;
    }
    return [...byOptics.values()];
}

/** Replaces anything non-finite by null, so the document never carries NaN or Infinity. */
export function finiteJson(value: unknown): unknown {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (Array.isArray(value)) return value.map(finiteJson);
    if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = finiteJson(v);
        return out;
    }
    return value;
}

export function analysisToJson(analysis: Analysis): Record<string, unknown> {
    return finiteJson({
        schema: ANALYSIS_JSON_SCHEMA,
        fabric: analysis.fabric,
        uri: analysis.uri,
        units: { time: 's', size: 'B', bandwidth: 'B/s per direction', power: 'W', energy: 'J', energyPerBit: 'pJ/bit', rate: 'failures per day' },
        totals: analysis.totals,
        phases: analysis.phases.map(phaseJson),
        ocs: analysis.ocs,
        failureDomains: analysis.failureDomains.map(failureToJson),
        singleFailures: analysis.singleFailures.map(failureToJson),
        reliability: analysis.reliability,
        groups: analysis.groups.map(groupJson),
        ports: analysis.nodes.filter(n => n.portsExceeded).map(n => ({ path: n.path, kind: n.kind, portsUsed: n.portsUsed, portsAvailable: n.portsAvailable })),
        optics: opticsSummary(analysis),
        laserSources: analysis.laserSources,
        slowdownThreshold: analysis.slowdownThreshold,
        provenance: analysis.provenance,
        problems: analysis.problems
    }) as Record<string, unknown>;
}
