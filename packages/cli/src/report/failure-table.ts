/**
 * Failures as a table for people: sorted by blast radius, with failures per day, repair time and the
 * slowdown of every phase. `failures`, `simulate --json` consumers and the HTML report read the same
 * simulator results; this file only orders and formats them.
 */
import { formatNumber, formatQuantity, type FailureResult, type PhaseResult } from '@fabric/simulator';

/** The worst slowdown a failure causes (a phase that stops counts as infinite). */
export function worstSlowdown(f: FailureResult): number {
    return Math.max(1, ...f.phases.map(p => (p.failed || p.slowdown === null ? Infinity : p.slowdown)));
}

/** Largest blast radius first; then partitions, the worst slowdown, the most frequent. */
export function byBlastRadius(a: FailureResult, b: FailureResult): number {
    return b.blastRadius - a.blastRadius || Number(b.partitions) - Number(a.partitions)
        || worstSlowdown(b) - worstSlowdown(a) || b.failuresPerDay - a.failuresPerDay || a.name.localeCompare(b.name, 'en', { numeric: true });
}

export function slowdownText(p: FailureResult['phases'][number] | undefined): string {
    if (!p) return '—';
    if (p.failed || p.slowdown === null) return 'stops';
    return `×${p.slowdown.toFixed(3)}`;
}

export function failureRow(f: FailureResult, phases: readonly PhaseResult[], spareColumn: boolean): string[] {
    return [
        f.name, f.kind, String(f.blastRadius), String(f.cutOffAccelerators.length), f.partitions ? 'yes' : 'no',
        `${formatNumber(f.bandwidthLostFraction * 100)} %`, formatNumber(f.failuresPerDay), formatQuantity(f.repairSeconds, 'time'),
        ...phases.map((_, i) => slowdownText(f.phases[i])),
        ...(spareColumn ? [f.absorbedBySpare ? 'yes' : 'no'] : [])
    ];
}

export function failureHeader(phases: readonly PhaseResult[], spareColumn: boolean): string[] {
    return ['failure', 'kind', 'blast radius', 'cut off', 'partitions', 'bandwidth lost', 'failures/day', 'repair', ...phases.map(p => `${p.name} slowdown`),
        ...(spareColumn ? ['absorbed by a spare'] : [])];
}

/**
 * Rows for a table, consecutive failures whose every figure reads the same folded into one
 * (`rack[0].switch_tray[0] + 71 alike`): a symmetric pod has dozens of identical domains.
 */
export function failureRows(failures: readonly FailureResult[], phases: readonly PhaseResult[], spareColumn: boolean): string[][] {
    const rows: Array<{ row: string[]; alike: number }> = [];
    for (const f of failures) {
        const row = failureRow(f, phases, spareColumn);
        const last = rows[rows.length - 1];
        if (last && last.row.slice(1).every((cell, i) => cell === row[i + 1])) last.alike++;
        else rows.push({ row, alike: 0 });
    }
    return rows.map(({ row, alike }) => (alike > 0 ? [`${row[0]} + ${alike} alike`, ...row.slice(1)] : row));
}
