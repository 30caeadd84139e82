/**
 * Per-link physics: bandwidth per direction, power at full load (both directions, fixed watts per
 * end, the link's share of its external laser source) and the latency stack of one traversal.
 * Invalid numbers become typed problems and safe zeros, never NaN.
 */
import type { FabricLink, FabricModel, OcsCircuit, OpticsType } from '../model/fabric-model.js';
import type { LatencyStack, LinkMetrics, LinkPower } from '../analysis/analysis.js';
import { problem, shownNumber, type SimProblem } from '../analysis/problems.js';

/** The endpoints' paths, `a ↔ b`; tolerant of dangling ids. */
export function linkPath(model: FabricModel, a: number, b: number): string {
    return `${model.nodes[a]?.path ?? `#${a}`} ↔ ${model.nodes[b]?.path ?? `#${b}`}`;
}

function nonNegative(value: number): number {
    return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Per-direction bytes/s of `lanes × lane rate`. */
export function linkBandwidthBytesPerSecond(lanes: number, laneRateBps: number): number {
    return nonNegative(lanes) * nonNegative(laneRateBps) / 8;
}

export function latencyStack(optics: OpticsType | undefined, lengthMeters: number, extraSeconds = 0): LatencyStack {
    const conversionSeconds = nonNegative(optics?.latencySeconds ?? 0) + nonNegative(extraSeconds);
    const propagationSeconds = nonNegative(lengthMeters) * nonNegative(optics?.propagationSecondsPerMeter ?? 0);
    return { conversionSeconds, propagationSeconds, totalSeconds: conversionSeconds + propagationSeconds };
}

/** Power of a link (or circuit) at full load, without any laser share. */
export function linkPowerAtFullLoad(optics: OpticsType | undefined, bandwidthBytesPerSecond: number): { dynamicWatts: number; fixedWatts: number } {
    const bitsPerSecond = bandwidthBytesPerSecond * 8;
    return {
        dynamicWatts: nonNegative(optics?.energyPerBitJoules ?? 0) * bitsPerSecond * 2,
        fixedWatts: nonNegative(optics?.wattsPerEnd ?? 0) * 2
    };
}

/** How many links each laser source feeds. */
export function linksPerLaserSource(model: FabricModel): Int32Array {
    const counts = new Int32Array(model.laserSources.length);
    for (const link of model.links) {
        if (link.laserSourceId !== undefined && link.laserSourceId >= 0 && link.laserSourceId < counts.length) counts[link.laserSourceId]++;
    }
    return counts;
}

export function laserSourcePowerWatts(model: FabricModel, laserSourceId: number): number {
    const source = model.laserSources[laserSourceId];
    return nonNegative(source ? model.types.lasers[source.type]?.powerWatts ?? 0 : 0);
}

/** Metrics of one static link; `fed` is linksPerLaserSource(model). */
export function linkMetrics(model: FabricModel, link: FabricLink, fed: Int32Array = linksPerLaserSource(model)): LinkMetrics {
    const optics = model.types.optics[link.optics];
    const bandwidthBytesPerSecond = linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps);
    const { dynamicWatts, fixedWatts } = linkPowerAtFullLoad(optics, bandwidthBytesPerSecond);
    const laserId = link.laserSourceId;
    const laserShareWatts = laserId !== undefined && fed[laserId] > 0 ? laserSourcePowerWatts(model, laserId) / fed[laserId] : 0;
    const power: LinkPower = { dynamicWatts, fixedWatts, laserShareWatts, totalWatts: dynamicWatts + fixedWatts + laserShareWatts };
    const lengthMeters = nonNegative(link.lengthMeters);
    const reachMeters = nonNegative(optics?.reachMeters ?? 0);
    return {
        id: link.id,
        a: link.a,
        b: link.b,
        optics: link.optics,
        kind: optics?.kind ?? 'unknown',
        lanes: link.lanes,
        spareLanes: nonNegative(link.spareLanes),
        bandwidthBytesPerSecond,
        energyPerBitJoules: nonNegative(optics?.energyPerBitJoules ?? 0),
        power,
        latency: latencyStack(optics, lengthMeters),
        lengthMeters,
        reachMeters,
        reachExceeded: optics !== undefined && reachMeters > 0 && lengthMeters > reachMeters,
        ...(laserId !== undefined ? { laserSourceId: laserId } : {}),
        source: link.source
    };
}

/** Metrics of the link with this id, or undefined (a hover on one link). */
export function linkMetricsOf(model: FabricModel, linkId: number): LinkMetrics | undefined {
    const link = model.links[linkId];
    return link ? linkMetrics(model, link) : undefined;
}

/** Problems of one link or circuit: dangling endpoints, unknown optics, zero bandwidth, bad length, reach. */
export function linkProblems(model: FabricModel, link: FabricLink | OcsCircuit, element: { kind: 'link' | 'circuit'; id: number }): SimProblem[] {
    const problems: SimProblem[] = [];
    const optics = model.types.optics[link.optics];
    const fine = model.nodes[link.a] !== undefined && model.nodes[link.b] !== undefined && link.a !== link.b && optics !== undefined
        && link.lanes > 0 && link.laneRateBps > 0 && Number.isFinite(link.lanes * link.laneRateBps)
        && link.lengthMeters >= 0 && Number.isFinite(link.lengthMeters) && !(optics.reachMeters > 0 && link.lengthMeters > optics.reachMeters);
    if (fine) return problems;
    const path = linkPath(model, link.a, link.b);
    const ref = { kind: element.kind, id: element.id, path };
    const what = element.kind === 'link' ? 'link' : 'circuit';
    if (!model.nodes[link.a] || !model.nodes[link.b] || link.a === link.b) {
        problems.push(problem('model/dangling-endpoint', 'error', `${what} ${path} does not join two distinct nodes of the fabric; it is left out`, ref, link.source));
        return problems;
    }
    if (!optics) {
        problems.push(problem('model/unknown-type', 'error', `${what} ${path} uses optics '${link.optics}', which the model does not define`, ref, link.source));
    }
    if (!(Number.isFinite(link.lanes) && link.lanes > 0 && Number.isFinite(link.laneRateBps) && link.laneRateBps > 0)) {
        problems.push(problem('link/zero-bandwidth', 'error',
            `${what} ${path} has no bandwidth (lanes ${shownNumber(link.lanes)} × lane rate ${shownNumber(link.laneRateBps, 'bps')}); it carries no traffic`, ref, link.source));
    }
    if (!Number.isFinite(link.lengthMeters) || link.lengthMeters < 0) {
        problems.push(problem('link/negative-length', 'error', `${what} ${path} has length ${shownNumber(link.lengthMeters, 'm')}; it is taken as 0 m`, ref, link.source));
    }
    if (optics && optics.reachMeters > 0 && link.lengthMeters > optics.reachMeters) {
        problems.push(problem('reach/exceeded', 'warning',
            `${what} ${path} is ${link.lengthMeters} m long but ${optics.name} (${optics.kind}) reaches ${optics.reachMeters} m`, ref, link.source));
    }
    return problems;
}

/** Whether a link or circuit can carry traffic at all. */
export function linkUsable(model: FabricModel, link: FabricLink | OcsCircuit): boolean {
    return model.nodes[link.a] !== undefined && model.nodes[link.b] !== undefined && link.a !== link.b
        && linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps) > 0;
}
