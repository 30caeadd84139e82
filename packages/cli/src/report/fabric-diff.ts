/**
 * The headline figures of two analyses side by side, with absolute and relative deltas: the
 * CPO-vs-pluggable question in one table. Every figure is read from the simulator's Analysis; the
 * only arithmetic here is the difference (and the largest blast radius among the failure domains).
 */
import { formatNumber, formatQuantity, type Analysis, type Dimension } from '@fabric/simulator';

export interface HeadlineFigure {
    /** Stable key for scripts: `totals.powerWatts`, `phase.train.grads.timeSeconds`, … */
    readonly key: string;
    readonly figure: string;
    /** The base unit of `value` (as in the analysis JSON). */
    readonly unit: string;
    readonly dimension: Dimension | 'energyPerBitPj' | 'rate' | 'accelerators';
    readonly value: number | null;
}

export interface FigureDelta {
    readonly key: string;
    readonly figure: string;
    readonly unit: string;
    readonly a: number | null;
    readonly b: number | null;
    /** b − a, when both exist. */
    readonly delta: number | null;
    /** (b − a) / |a|, when both exist and a ≠ 0. */
    readonly relative: number | null;
}

export function headlineFigures(analysis: Analysis): HeadlineFigure[] {
    const t = analysis.totals;
    const f = (key: string, figure: string, unit: string, dimension: HeadlineFigure['dimension'], value: number | null): HeadlineFigure => ({ key, figure, unit, dimension, value });
    const worst = analysis.failureDomains.reduce<number | null>((m, d) => (m === null || d.blastRadius > m ? d.blastRadius : m), null);
    return [
        f('totals.powerWatts', 'power (all)', 'W', 'power', t.powerWatts),
        f('totals.breakdown.acceleratorsWatts', 'power: accelerators', 'W', 'power', t.breakdown.acceleratorsWatts),
        f('totals.networkPowerWatts', 'power: network', 'W', 'power', t.networkPowerWatts),
        f('totals.breakdown.switchesWatts', 'power: switches', 'W', 'power', t.breakdown.switchesWatts),
        f('totals.breakdown.ocsWatts', 'power: OCS', 'W', 'power', t.breakdown.ocsWatts),
        f('totals.breakdown.linksWatts', 'power: links at full load', 'W', 'power', t.breakdown.linksWatts),
        f('totals.breakdown.lasersWatts', 'power: laser sources', 'W', 'power', t.breakdown.lasersWatts),
        f('totals.networkIdleWatts', 'power: network idle', 'W', 'power', t.networkIdleWatts),
        f('totals.picojoulesPerBit', 'network energy at full load', 'pJ/bit', 'energyPerBitPj', t.picojoulesPerBit),
        f('totals.picojoulesPerAcceleratorBit', 'network energy per accelerator bit', 'pJ/bit', 'energyPerBitPj', t.picojoulesPerAcceleratorBit),
        f('totals.bisectionBytesPerSecond', 'bisection (per direction)', 'B/s', 'byteRate', t.bisectionBytesPerSecond),
        f('totals.latency.minSeconds', 'accelerator latency min', 's', 'time', t.latency?.minSeconds ?? null),
        f('totals.latency.maxSeconds', 'accelerator latency max', 's', 'time', t.latency?.maxSeconds ?? null),
        ...analysis.phases.flatMap(p => [
            f(`phase.${p.workload}.${p.name}.timeSeconds`, `${p.workload}.${p.name} time`, 's', 'time', p.timeSeconds),
            f(`phase.${p.workload}.${p.name}.energyJoules`, `${p.workload}.${p.name} energy`, 'J', 'energy', p.energyJoules)
        ]),
        ...analysis.ocs.iterations.map(it => f(`iteration.${it.workload}.iterationSeconds`, `${it.workload} iteration (with OCS reconfiguration)`, 's', 'time', it.iterationSeconds)),
        f('reliability.failuresPerDay', 'failures per day', 'failures/day', 'rate', analysis.reliability.failuresPerDay),
        f('failureDomains.worstBlastRadius', 'worst blast radius', 'accelerators', 'accelerators', worst)
    ];
}

export function diffFigures(a: readonly HeadlineFigure[], b: readonly HeadlineFigure[]): FigureDelta[] {
    const keys = [...a.map(x => x.key), ...b.map(x => x.key).filter(k => !a.some(x => x.key === k))];
    return keys.map(key => {
        const x = a.find(f => f.key === key), y = b.find(f => f.key === key);
        const av = x?.value ?? null, bv = y?.value ?? null;
        const delta = av !== null && bv !== null ? bv - av : null;
        return {
            key, figure: (x ?? y)!.figure, unit: (x ?? y)!.unit, a: av, b: bv, delta,
            relative: delta !== null && av !== null && av !== 0 ? delta / Math.abs(av) : null
        };
    });
}

/** A figure's value with its unit, as the rest of the CLI prints it. */
export function formatFigure(value: number | null, dimension: HeadlineFigure['dimension'], signed = false): string {
    if (value === null) return '—';
    const sign = signed && value > 0 ? '+' : '';
    switch (dimension) {
        case 'energyPerBitPj': return `${sign}${formatNumber(value)} pJ/bit`;
        case 'rate': return `${sign}${formatNumber(value)} /day`;
        case 'accelerators': return `${sign}${formatNumber(value)}`;
        default: return `${sign}${formatQuantity(value, dimension)}`;
    }
}

export function formatRelative(relative: number | null): string {
    if (relative === null) return '—';
    if (relative === 0) return '0 %';
    return `${relative > 0 ? '+' : ''}${formatNumber(relative * 100)} %`;
}
