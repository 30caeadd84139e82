/**
 * The Analysis as terminal tables (`fabric simulate`). Every quantity goes through units.ts.
 */
import type { Analysis, FailureResult } from '../analysis/analysis.js';
import { formatNumber, formatQuantity } from '../units.js';
import { figureName } from '../provenance/provenance.js';
import { HEADLINE_ASPECTS } from '../provenance/figure-fields.js';
import { citationText, figureValue, sourcesOf, standingLine, weakFigures } from './provenance-text.js';

/** A plain-text table: the first column (and any in `left`) left-aligned, the others right-aligned, a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const q = (value: number | null, dimension: Parameters<typeof formatQuantity>[1]) => (value === null ? '—' : formatQuantity(value, dimension));
const pj = (value: number | null) => (value === null ? '—' : `${formatNumber(value)} pJ/bit`);

function failureRows(failures: readonly FailureResult[], phases: readonly string[]): string[][] {
    return failures.map(f => [
        f.name,
        String(f.cutOffAccelerators.length),
        f.partitions ? 'yes' : 'no',
        String(f.blastRadius),
        `${formatNumber(f.bandwidthLostFraction * 100)} %`,
        ...phases.map((_, i) => {
            const p = f.phases[i];
            return !p ? '—' : p.failed ? 'fails' : p.slowdown === null ? '—' : `×${p.slowdown.toFixed(3)}`;
        }),
        formatNumber(f.failuresPerDay)
    ]);
}

/** Failures worth showing first: partitions, then the largest blast radius, then the slowest phase. */
function worstFirst(failures: readonly FailureResult[]): FailureResult[] {
    const worst = (f: FailureResult) => Math.max(0, ...f.phases.map(p => (p.failed ? Infinity : p.slowdown ?? 0)));
    return [...failures].sort((a, b) => Number(b.partitions) - Number(a.partitions) || b.blastRadius - a.blastRadius || worst(b) - worst(a));
}

export interface TextOptions {
    /** Rows per failure table (default 30); the worst come first. */
    readonly maxFailureRows?: number;
    readonly maxProblems?: number;
    /** Rows of the assumed-or-unsourced figures table (default 30). */
    readonly maxFigureRows?: number;
}

export function formatAnalysisText(analysis: Analysis, options: TextOptions = {}): string {
    const out: string[] = [];
    const t = analysis.totals;
    out.push(`fabric ${analysis.fabric}: ${t.accelerators} accelerators, ${t.switches} switches, ${t.ocs} OCS, ${t.staticLinks} links`
        + (t.configuration ? ` and ${t.circuits} circuits (totals with OCS configuration ${t.configuration})` : ''));
    out.push('');
    const pv = analysis.provenance;
    const from = (key: keyof typeof HEADLINE_ASPECTS) => sourcesOf(pv, HEADLINE_ASPECTS[key]);
    out.push(formatTable(['totals', 'value', 'sources'], [
        ['power (all)', q(t.powerWatts, 'power'), from('totals.powerWatts')],
        ['power (network)', q(t.networkPowerWatts, 'power'), from('totals.networkPowerWatts')],
        ['  accelerators', q(t.breakdown.acceleratorsWatts, 'power'), sourcesOf(pv, ['part-power'], ['accelerator'])],
        ['  switches', q(t.breakdown.switchesWatts, 'power'), ''],
        ['  OCS', q(t.breakdown.ocsWatts, 'power'), ''],
        ['  links at full load', q(t.breakdown.linksWatts, 'power'), ''],
        ['  laser sources', q(t.breakdown.lasersWatts, 'power'), ''],
        ...(t.breakdown.componentsWatts > 0 ? [['other parts (CPUs, NICs, fans, …)', q(t.breakdown.componentsWatts, 'power'), sourcesOf(pv, ['part-power'], ['component'])]] : []),
        ['network power idle', q(t.networkIdleWatts, 'power'), from('totals.networkPowerWatts')],
        ['network energy at full load, per link bit', pj(t.picojoulesPerBit), from('totals.picojoulesPerBit')],
        ['  per accelerator-to-accelerator bit', pj(t.picojoulesPerAcceleratorBit), ''],
        ['accelerator bandwidth, aggregate (both directions)', q(t.acceleratorBandwidthBidirectionalBytesPerSecond, 'byteRate'), from('totals.bisectionBytesPerSecond')],
        ['  per direction', q(t.acceleratorBandwidthBytesPerSecond, 'byteRate'), ''],
        ['bisection (per direction)', q(t.bisectionBytesPerSecond, 'byteRate'), from('totals.bisectionBytesPerSecond')],
        ['diameter', `${t.diameterHops} hops`, ''],
        ['accelerator latency min / max', t.latency ? `${q(t.latency.minSeconds, 'time')} / ${q(t.latency.maxSeconds, 'time')}` : '—', from('totals.latency')]
    ]));
    if (analysis.phases.length > 0) {
        out.push('');
        const phaseSources = from('phases.energyJoules');
        out.push(formatTable(['phase', 'collective', 'ranks', 'size', 'algorithm', 'time', 'algbw', 'busbw', 'energy', 'fixed', 'energy/bit', 'bottleneck', 'sources'],
            analysis.phases.map(p => [
                `${p.workload}.${p.name}`, p.collective, String(p.participants), q(p.bytes, 'dataSize'), p.algorithm ?? `cannot run: ${p.failure}`,
                q(p.timeSeconds, 'time'), q(p.algbwBytesPerSecond, 'byteRate'), q(p.busbwBytesPerSecond, 'byteRate'), q(p.energyJoules, 'energy'),
                q(p.fixedEnergyJoules, 'energy'), pj(p.picojoulesPerBit), p.bottleneck ? `${p.bottleneck.from} → ${p.bottleneck.to}` : '—', phaseSources
            ])));
        const chosen = analysis.phases.filter(p => p.detail);
        if (chosen.length > 0) {
            out.push('');
            out.push(formatTable(['phase', 'how', 'protocol', 'overlap'], chosen.map(p => [
                `${p.workload}.${p.name}`, p.detail!, p.protocol ?? '—',
                p.overlap ? `${p.overlap.chunks} chunks, ${q(p.overlap.savedSeconds, 'time')} saved (${p.overlap.overlappedStages.join(', ')} under ${p.overlap.pacingStages.join(', ')})` : '—'
            ])));
        }
        const others = analysis.phases.flatMap(p => [
            ...p.alternatives.slice(1).map(a =>
                [`${p.workload}.${p.name}`, a.algorithm, q(a.timeSeconds, 'time'), q(a.busbwBytesPerSecond, 'byteRate'), `×${(a.timeSeconds / p.timeSeconds!).toFixed(2)}`]),
            ...p.boundedAlternatives.map(a =>
                [`${p.workload}.${p.name}`, a.algorithm, `≥ ${q(a.atLeastSeconds, 'time')}`, '—', `≥ ×${(a.atLeastSeconds / p.timeSeconds!).toFixed(2)}`])
        ]);
        if (others.length > 0) {
            out.push('');
            out.push(formatTable(['other algorithms', 'algorithm', 'time', 'busbw', 'vs chosen'], others));
        }
    }
    const choices = analysis.ocs.phases.filter(p => p.configurations.length > 0);
    if (choices.length > 0) {
        const names = choices[0].configurations.map(c => c.configuration);
        out.push('');
        out.push(formatTable(['OCS configuration per phase', 'runs on', 'best', ...names], choices.map(p => [
            `${p.workload}.${p.phase}`, `${p.configuration}${p.inPlace ? ' (in place)' : ''}`, p.bestConfiguration ?? '—',
            ...names.map(n => q(p.configurations.find(c => c.configuration === n)?.timeSeconds ?? null, 'time'))
        ])));
    }
    if (analysis.ocs.transitions.length > 0) {
        out.push('');
        out.push(formatTable(['OCS reconfiguration', 'from', 'to', 'switching', 'next phase', 'ratio'], analysis.ocs.transitions.map(tr => [
            `${tr.workload}.${tr.fromPhase} → ${tr.toPhase}${tr.wrapAround ? ' (next iteration)' : ''}`, tr.fromConfiguration, tr.toConfiguration,
            q(tr.reconfigurationSeconds, 'time'), q(tr.followingPhaseSeconds, 'time'), tr.ratio === null ? '—' : formatNumber(tr.ratio)
        ])));
    }
    if (analysis.ocs.iterations.length > 0) {
        out.push('');
        out.push(formatTable(['workload iteration', 'phases', 'OCS reconfiguration', 'iteration'], analysis.ocs.iterations.map(it => [
            it.workload, q(it.phaseSeconds, 'time'), q(it.reconfigurationSeconds, 'time'),
            it.iterationSeconds === null ? 'a phase cannot run' : q(it.iterationSeconds, 'time')
        ])));
    }
    const budgets = analysis.groups.filter(g => g.budgetWatts !== null || (g.oversubscription !== null && g.oversubscription > 1 + 1e-9));
    if (budgets.length > 0) {
        out.push('');
        out.push(formatTable(['group', 'power', 'budget', 'oversubscription'], budgets.slice(0, 40).map(g => [
            g.path + (g.overBudget ? ' (over budget)' : ''), q(g.powerWatts, 'power'), g.budgetWatts === null ? '—' : q(g.budgetWatts, 'power'),
            g.oversubscription === null ? '—' : `${formatNumber(g.oversubscription)}:1`
        ])));
    }
    const phaseNames = analysis.phases.map(p => p.name);
    const limit = options.maxFailureRows ?? 30;
    for (const [title, list] of [['failure domain', analysis.failureDomains], ['single failure', analysis.singleFailures]] as const) {
        if (list.length === 0) continue;
        const shown = worstFirst(list).slice(0, limit);
        out.push('');
        out.push(formatTable([title, 'cut off', 'partitions', 'blast radius', 'bandwidth lost', ...phaseNames.map(n => `${n} slowdown`), 'failures/day'],
            failureRows(shown, phaseNames)));
        if (list.length > shown.length) out.push(`… ${list.length - shown.length} more (worst first; --json lists all)`);
    }
    const r = analysis.reliability;
    out.push('');
    out.push(`reliability: ${formatNumber(r.failuresPerDay)} failures per day, mean time between interruptions `
        + `${r.meanTimeBetweenInterruptionsSeconds === null ? '—' : q(r.meanTimeBetweenInterruptionsSeconds, 'time')}, `
        + `downtime fraction ${formatNumber(r.downtimeFraction)} (sources: ${from('reliability.failuresPerDay')})`);
    out.push('');
    out.push(standingLine(pv));
    const weak = weakFigures(pv);
    if (weak.length > 0) {
        const max = options.maxFigureRows ?? 30;
        out.push(formatTable(['assumed or unsourced figure', 'value', 'parts', 'source'],
            weak.slice(0, max).map(f => [figureName(f), figureValue(f), String(f.uses), citationText(f)]), [0, 3]));
        if (weak.length > max) out.push(`… ${weak.length - max} more (fabric check --strict-sources lists every one with its place)`);
    }
    if (analysis.problems.length > 0) {
        const max = options.maxProblems ?? 30;
        out.push('');
        out.push(`problems (${analysis.problems.length}):`);
        for (const p of analysis.problems.slice(0, max)) out.push(`  ${p.severity} ${p.code}: ${p.message}`);
        if (analysis.problems.length > max) out.push(`  … ${analysis.problems.length - max} more`);
    }
    return out.join('\n') + '\n';
}
