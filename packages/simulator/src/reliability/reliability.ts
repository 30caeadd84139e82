/**
 * Failure rates and repair: FIT (failures per 10⁹ device-hours) summed over parts in series gives
 * expected failures per day; a part's rate and its repair time (by packaging, filled in by the
 * language from OpticsType/part repairSeconds) give the fraction of time it is down, and independent
 * parts together are down while any one of them is.
 */
import type { FabricModel } from '../model/fabric-model.js';
import type { CircuitMetrics, ReliabilityShare, ReliabilitySummary } from '../analysis/analysis.js';

const HOURS_PER_DAY = 24;
const SECONDS_PER_HOUR = 3600;

/** Failures per hour of a part with this FIT. */
export function fitToPerHour(fit: number): number {
    return Number.isFinite(fit) && fit > 0 ? fit * 1e-9 : 0;
}

export function fitToFailuresPerDay(fit: number): number {
    return fitToPerHour(fit) * HOURS_PER_DAY;
}

/**
 * The fraction of time a part is under repair: up for 1/λ on average, then down for its repair time
 * r, so down r / (1/λ + r) = λr / (1 + λr) of the time (an alternating renewal process; λr for the
 * small λr of one part).
 */
export function downtimeFraction(fit: number, repairSeconds: number): number {
    const lambdaR = fitToPerHour(fit) * (Number.isFinite(repairSeconds) && repairSeconds > 0 ? repairSeconds / SECONDS_PER_HOUR : 0);
    return lambdaR / (1 + lambdaR);
}

/**
 * The fraction of time at least one of independent parts is down: 1 − Π(1 − uᵢ). A plain Σ uᵢ is
 * the expected number of parts under repair, which passes 1 on a large fleet (16,384 GPUs) and is
 * not a fraction. Computed as −expm1(Σ log1p(−uᵢ)) so tiny fractions keep their digits.
 */
export function anyDownFraction(fractions: Iterable<number>): number {
    let logUp = 0;
    for (const u of fractions) if (Number.isFinite(u) && u > 0) logUp += Math.log1p(-Math.min(u, 1));
    return logUp === 0 ? 0 : -Math.expm1(logUp);
}

/**
 * FIT of a laser source going dark. Without spares any of its lasers does it. With s spares it takes
 * s + 1 failures before the first is repaired: to first order m·λ · Π_{i=1..s} (m−i)·λ·R for m lasers
 * in all, each failing at λ per hour, repaired in R hours.
 */
export function laserSourceFit(lasers: number, spares: number, fitPerLaser: number, repairSeconds: number): number {
    const lambda = fitToPerHour(fitPerLaser);
    const m = Math.max(0, lasers) + Math.max(0, spares);
    const hours = Math.max(0, repairSeconds) / SECONDS_PER_HOUR;
    let rate = m * lambda;
    for (let i = 1; i <= spares; i++) rate *= Math.max(0, m - i) * lambda * hours;
    return rate / 1e-9;
}

export interface PartRate {
    readonly fit: number;
    readonly repairSeconds: number;
}

export function nodeRate(model: FabricModel, id: number): PartRate {
    const node = model.nodes[id];
    const type = node.kind === 'accelerator' ? model.types.accelerators[node.type]
        : node.kind === 'switch' ? model.types.switches[node.type] : model.types.ocs[node.type];
    return { fit: type?.fit ?? 0, repairSeconds: type?.repairSeconds ?? 0 };
}

export function linkRate(model: FabricModel, id: number): PartRate {
    const optics = model.types.optics[model.links[id].optics];
    return { fit: optics?.fit ?? 0, repairSeconds: optics?.repairSeconds ?? 0 };
}

export function componentRate(model: FabricModel, id: number): PartRate {
    const component = model.components?.[id];
    const type = component ? model.types.components?.[component.type] : undefined;
    return { fit: type?.fit ?? 0, repairSeconds: type?.repairSeconds ?? 0 };
}

export function laserRate(model: FabricModel, id: number): PartRate {
    const type = model.types.lasers[model.laserSources[id].type];
    if (!type) return { fit: 0, repairSeconds: 0 };
    return { fit: laserSourceFit(type.lasers, type.spares, type.fit, type.repairSeconds), repairSeconds: type.repairSeconds };
}

/**
 * Parts in series: rates add; the domain is back when its slowest part is repaired; it is down while
 * any of its parts is.
 */
export function seriesRate(parts: readonly PartRate[]): { failuresPerDay: number; repairSeconds: number; downtimeFraction: number } {
    let fit = 0, repair = 0;
    const down: number[] = [];
    for (const p of parts) {
        fit += Number.isFinite(p.fit) && p.fit > 0 ? p.fit : 0;
        repair = Math.max(repair, Number.isFinite(p.repairSeconds) ? p.repairSeconds : 0);
        down.push(downtimeFraction(p.fit, p.repairSeconds));
    }
    return { failuresPerDay: fitToFailuresPerDay(fit), repairSeconds: repair, downtimeFraction: anyDownFraction(down) };
}

/**
 * Every part of the fabric: expected failures per day, mean time between interruptions, downtime.
 * Circuits count once, from the configuration in place: each is a fibre with a transceiver at each end
 * (its optics' FIT), the same hardware whichever configuration routes it.
 */
export function reliabilitySummary(model: FabricModel, circuits: readonly CircuitMetrics[] = []): ReliabilitySummary {
    const kinds: Array<{ kind: ReliabilityShare['kind']; rates: PartRate[] }> = [
        { kind: 'accelerator', rates: model.nodes.filter(n => n.kind === 'accelerator').map(n => nodeRate(model, n.id)) },
        { kind: 'switch', rates: model.nodes.filter(n => n.kind === 'switch').map(n => nodeRate(model, n.id)) },
        { kind: 'ocs', rates: model.nodes.filter(n => n.kind === 'ocs').map(n => nodeRate(model, n.id)) },
        { kind: 'link', rates: model.links.map(l => linkRate(model, l.id)) },
        { kind: 'circuit', rates: circuits.map(c => ({ fit: model.types.optics[c.optics]?.fit ?? 0, repairSeconds: model.types.optics[c.optics]?.repairSeconds ?? 0 })) },
        { kind: 'laser-source', rates: model.laserSources.map(l => laserRate(model, l.id)) },
        { kind: 'component', rates: (model.components ?? []).map(c => componentRate(model, c.id)) }
    ];
    const byKind = kinds.map(({ kind, rates }) => {
        const s = seriesRate(rates);
        return { kind, parts: rates.length, failuresPerDay: s.failuresPerDay, downtimeFraction: s.downtimeFraction };
    });
    const failuresPerDay = byKind.reduce((s, k) => s + k.failuresPerDay, 0);
    return {
        failuresPerDay,
        meanTimeBetweenInterruptionsSeconds: failuresPerDay > 0 ? 86400 / failuresPerDay : null,
        downtimeFraction: anyDownFraction(byKind.map(k => k.downtimeFraction)),
        byKind
    };
}
