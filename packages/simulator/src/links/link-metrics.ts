/**
 * Per-link physics: bandwidth per direction, power at full load (both directions, fixed watts per
 * end, the link's share of its external laser source) and the latency stack of one traversal.
 * Invalid numbers become typed problems and safe zeros, never NaN.
 */
import type { FabricLink, FabricModel, OcsCircuit, OpticsType } from '../model/fabric-model.js';
import type { CircuitMetrics, LatencyStack, LinkMetrics, LinkPower } from '../analysis/analysis.js';
import { problem, shownNumber, type SimProblem } from '../analysis/problems.js';
import { linkTrafficShare } from './link-defaults.js';

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

export interface LinkPowerParts {
    /** Energy per bit × bit rate, both directions at full load. */
    readonly dynamicWatts: number;
    /** Fixed watts at both ends. */
    readonly fixedWatts: number;
    /** What the link draws whenever it is up: the fixed watts and the idle share of the dynamic. */
    readonly idleWatts: number;
    /** What traffic adds at full load: the traffic share of the dynamic. */
    readonly trafficWatts: number;
}

/** Power of a link (or circuit) at full load, without any laser share, split into idle and traffic parts. */
export function linkPowerAtFullLoad(optics: OpticsType | undefined, bandwidthBytesPerSecond: number): LinkPowerParts {
    const bitsPerSecond = bandwidthBytesPerSecond * 8;
    const dynamicWatts = nonNegative(optics?.energyPerBitJoules ?? 0) * bitsPerSecond * 2;
    const fixedWatts = nonNegative(optics?.wattsPerEnd ?? 0) * 2;
    const trafficWatts = dynamicWatts * linkTrafficShare(optics);
    return { dynamicWatts, fixedWatts, idleWatts: fixedWatts + dynamicWatts - trafficWatts, trafficWatts };
}

/** Joules per byte moved over one direction of the link: the traffic share of its energy per bit. */
export function linkTrafficJoulesPerByte(optics: OpticsType | undefined): number {
    return nonNegative(optics?.energyPerBitJoules ?? 0) * 8 * linkTrafficShare(optics);
}

/** How many link ends each laser source feeds (a link fed at both ends by one source counts twice). */
export function linksPerLaserSource(model: FabricModel): Int32Array {
    const counts = new Int32Array(model.laserSources.length);
    for (const link of model.links) {
        for (const id of [link.laserSourceId, link.laserSourceIdB]) if (id !== undefined && id >= 0 && id < counts.length) counts[id]++;
    }
    return counts;
}

/** The links each laser source feeds (at either end), by source id. */
export function linksFedBy(model: FabricModel): Map<number, number[]> {
    const fed = new Map<number, number[]>();
    for (const link of model.links) {
        for (const id of new Set([link.laserSourceId, link.laserSourceIdB])) {
            if (id !== undefined) (fed.get(id) ?? fed.set(id, []).get(id)!).push(link.id);
        }
    }
    return fed;
}

export function laserSourcePowerWatts(model: FabricModel, laserSourceId: number): number {
    const source = model.laserSources[laserSourceId];
    return nonNegative(source ? model.types.lasers[source.type]?.powerWatts ?? 0 : 0);
}

/** Metrics of one static link; `fed` is linksPerLaserSource(model). */
export function linkMetrics(model: FabricModel, link: FabricLink, fed: Int32Array = linksPerLaserSource(model)): LinkMetrics {
    const optics = model.types.optics[link.optics];
    const bandwidthBytesPerSecond = linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps);
    const { dynamicWatts, fixedWatts, idleWatts, trafficWatts } = linkPowerAtFullLoad(optics, bandwidthBytesPerSecond);
    const laserId = link.laserSourceId;
    const share = (id: number | undefined) => (id !== undefined && fed[id] > 0 ? laserSourcePowerWatts(model, id) / fed[id] : 0);
    const laserShareWatts = share(laserId) + share(link.laserSourceIdB);
    const power: LinkPower = { dynamicWatts, fixedWatts, laserShareWatts, totalWatts: dynamicWatts + fixedWatts + laserShareWatts, idleWatts, trafficWatts };
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
        ...(link.laserSourceIdB !== undefined ? { laserSourceIdB: link.laserSourceIdB } : {}),
        source: link.source
    };
}

/** Metrics of circuit `index` of a configuration: a link through the OCS, its latency included. */
export function circuitMetrics(model: FabricModel, configuration: string, circuit: OcsCircuit, index: number): CircuitMetrics {
    const optics = model.types.optics[circuit.optics];
    const bandwidthBytesPerSecond = linkBandwidthBytesPerSecond(circuit.lanes, circuit.laneRateBps);
    const { dynamicWatts, fixedWatts, idleWatts, trafficWatts } = linkPowerAtFullLoad(optics, bandwidthBytesPerSecond);
    const ocsNode = model.nodes[circuit.ocs];
    const ocsLatency = ocsNode ? model.types.ocs[ocsNode.type]?.latencySeconds ?? 0 : 0;
    const lengthMeters = nonNegative(circuit.lengthMeters);
    const reachMeters = nonNegative(optics?.reachMeters ?? 0);
    return {
        id: index, configuration, ocs: circuit.ocs, a: circuit.a, b: circuit.b, optics: circuit.optics, kind: optics?.kind ?? 'unknown',
        lanes: circuit.lanes, spareLanes: 0, bandwidthBytesPerSecond, energyPerBitJoules: nonNegative(optics?.energyPerBitJoules ?? 0),
        power: { dynamicWatts, fixedWatts, laserShareWatts: 0, totalWatts: dynamicWatts + fixedWatts, idleWatts, trafficWatts },
        latency: latencyStack(optics, lengthMeters, ocsLatency), lengthMeters, reachMeters,
        reachExceeded: optics !== undefined && reachMeters > 0 && lengthMeters > reachMeters, source: circuit.source
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
