/**
 * A few lines a person reads after an export: the fabric's headline figures, from the Analysis.
 */
import { formatNumber, formatQuantity, type Analysis } from '@fabric/simulator';
import { byBlastRadius } from './failure-table.js';

export function analysisSummary(analysis: Analysis): string {
    const t = analysis.totals;
    const worst = [...analysis.failureDomains].sort(byBlastRadius)[0];
    const lines = [
        `${analysis.fabric}: ${t.accelerators} accelerators, ${t.switches} switches, ${t.ocs} OCS, ${t.links} links`,
        `  power ${formatQuantity(t.powerWatts, 'power')} (network ${formatQuantity(t.networkPowerWatts, 'power')}, ${formatNumber(t.picojoulesPerBit)} pJ/bit)`
        + ` · bisection ${formatQuantity(t.bisectionBytesPerSecond, 'byteRate')} per direction`
        + (t.latency ? ` · latency ${formatQuantity(t.latency.minSeconds, 'time')}–${formatQuantity(t.latency.maxSeconds, 'time')}` : ''),
        ...analysis.phases.map(p => `  ${p.workload}.${p.name}: ${p.collective} ${formatQuantity(p.bytes, 'dataSize')} over ${p.participants} in `
            + `${p.timeSeconds === null ? `— (cannot run: ${p.failure})` : formatQuantity(p.timeSeconds, 'time')}${p.algorithm ? ` (${p.algorithm})` : ''}`),
        ...analysis.ocs.iterations.map(it => `  ${it.workload} iteration: ${it.iterationSeconds === null ? '— (a phase cannot run)' : formatQuantity(it.iterationSeconds, 'time')}`
            + (it.reconfigurationSeconds > 0 ? ` incl. ${formatQuantity(it.reconfigurationSeconds, 'time')} OCS reconfiguration` : '')),
        `  ${formatNumber(analysis.reliability.failuresPerDay)} failures per day`
        + (worst ? ` · worst blast radius ${worst.blastRadius} accelerators (${worst.name})` : '')
    ];
    return lines.join('\n') + '\n';
}
