import { formatNumber, formatQuantity, minMax, type FailureResult, type LinkMetrics, type PhaseResult } from '@fabric/simulator';

/** One-line summaries of Analysis numbers, for inlay hints and code lenses (the tables are in analysis-tables.ts). */

export function linkHeadline(links: readonly LinkMetrics[]): string {
    const watts = links.reduce((sum, l) => sum + l.power.totalWatts, 0);
    const latency = minMax(links.map(l => l.latency.totalSeconds))?.max ?? 0;
    const perLink = formatQuantity(links[0].power.totalWatts, 'power');
    const power = links.length === 1 ? perLink : `${links.length.toLocaleString('en-US')} × ${perLink} = ${formatQuantity(watts, 'power')}`;
    return `${power} · ${formatQuantity(latency, 'time')}`;
}

export function phaseHeadline(phase: PhaseResult): string {
    if (phase.timeSeconds === null) return `cannot run: ${phase.failure ?? 'no path'}`;
    return `${formatQuantity(phase.timeSeconds, 'time')} · algbw ${formatQuantity(phase.algbwBytesPerSecond ?? 0, 'byteRate')} · busbw ${formatQuantity(phase.busbwBytesPerSecond ?? 0, 'byteRate')} · ${phase.algorithm} · ${formatQuantity(phase.energyJoules ?? 0, 'energy')}`;
}

/** The worst instance of a (possibly indexed) failure domain: largest blast radius, then most failures. */
export function failureHeadline(results: readonly FailureResult[]): string {
    const worst = [...results].sort((a, b) => b.blastRadius - a.blastRadius || b.failuresPerDay - a.failuresPerDay)[0];
    const slowdowns = worst.phases.map(p => (p.failed ? `${p.phase} fails` : p.slowdown === null ? `${p.phase} —` : `${p.phase} ×${formatNumber(p.slowdown)}`));
    const of = results.length > 1 ? `worst of ${results.length}: ${worst.name} · ` : '';
    const partition = worst.partitions ? ' · partitions the fabric' : '';
    return `${of}blast radius ${worst.blastRadius} · ${slowdowns.join(', ')} · ${formatNumber(worst.failuresPerDay)} failures/day · repair ${formatQuantity(worst.repairSeconds, 'time')}${partition}`;
}
