import {
    formatNumber, formatQuantity, minMax, type Analysis, type Dimension, type FabricModel, type FailureResult, type GroupReport, type LinkMetrics,
    type NodeReport, type PhaseResult
} from '@fabric/simulator';
import { markdownTable } from './markdown-table.js';
import { NO_MARKS, type Marks } from './provenance-notes.js';

/**
 * The Markdown tables hovers show, each a view of Analysis numbers: nothing here computes
 * physics, it only sums, picks and formats what the simulator reported.
 */
const q = (value: number, dimension: Dimension) => formatQuantity(value, dimension);
const count = (n: number) => n.toLocaleString('en-US');

/** `a` when all values agree, else `min – max`. */
function spread(values: readonly number[], dimension: Dimension): string {
    const { min, max } = minMax(values) ?? { min: 0, max: 0 };
    return q(min, dimension) === q(max, dimension) ? q(min, dimension) : `${q(min, dimension)} – ${q(max, dimension)}`;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function linkTable(links: readonly LinkMetrics[], marks: Marks = NO_MARKS): string {
    const first = links[0];
    const n = links.length;
    const each = (f: (l: LinkMetrics) => number, d: Dimension) => spread(links.map(f), d);
    const all = (f: (l: LinkMetrics) => number, d: Dimension) => q(sum(links.map(f)), d);
    const header = `**${count(n)} link${n === 1 ? '' : 's'}** · ${first.optics} (${first.kind}) · ${first.lanes} lanes${first.spareLanes ? ` + ${first.spareLanes} spare` : ''}`;
    return `${header}${unpoweredNote(links)}\n\n${markdownTable(['', 'per link', `all ${count(n)}`], [
        ['bandwidth per direction', each(l => l.bandwidthBytesPerSecond, 'byteRate') + marks.mark(['bandwidth']), all(l => l.bandwidthBytesPerSecond, 'byteRate')],
        ['**power at full load**', `**${each(l => l.power.totalWatts, 'power')}**${marks.mark(['network-power'])}`, `**${all(l => l.power.totalWatts, 'power')}**`],
        [`energy × rate (${q(first.energyPerBitJoules, 'energyPerBit')}, both directions)`, each(l => l.power.dynamicWatts, 'power'), all(l => l.power.dynamicWatts, 'power')],
        ['fixed watts at the ends', each(l => l.power.fixedWatts, 'power'), all(l => l.power.fixedWatts, 'power')],
        ['share of external laser', each(l => l.power.laserShareWatts, 'power'), all(l => l.power.laserShareWatts, 'power')],
        ['latency: SerDes, DSP, FEC', each(l => l.latency.conversionSeconds, 'time'), ''],
        [`latency: propagation over ${each(l => l.lengthMeters, 'length')}`, each(l => l.latency.propagationSeconds, 'time'), ''],
        ['**latency per traversal**', `**${each(l => l.latency.totalSeconds, 'time')}**${marks.mark(['latency'])}`, ''],
        ['length / reach', `${each(l => l.lengthMeters, 'length')} / ${q(first.reachMeters, 'length')}${marks.mark(['capacity'])}`, '']
    ])}${marks.note()}`;
}

/**
 * Why a link can read 0 W: its type declares no power of its own; what drives it is in the parts it
 * joins. Right under the header, so that it is read before the 0 W it explains (a hover scrolls).
 */
function unpoweredNote(links: readonly LinkMetrics[]): string {
    if (!links.every(l => l.power.totalWatts === 0)) return '';
    const passive = links[0].kind === 'dac' ? ' (passive copper has no electronics in its path)' : '';
    return `\n\n0 W in the link itself: ${links[0].optics} declares no energy per bit, no fixed watts and no laser${passive}. `
        + 'The SerDes that drive it sit in the parts at its ends and are counted in their TDP or power.';
}

export function nodeTable(model: FabricModel, analysis: Analysis, nodes: readonly NodeReport[], marks: Marks = NO_MARKS): string {
    const first = nodes[0];
    const n = nodes.length;
    const budget = budgetAbove(model, analysis, model.nodes[first.id].groupId);
    const used = nodes.map(r => r.portsUsed);
    const free = nodes.map(r => r.portsAvailable - r.portsUsed);
    const rows: string[][] = [
        ['**power**', `**${spread(nodes.map(r => r.powerWatts), 'power')}**${marks.mark(['part-power', 'network-power'])}`, `**${q(sum(nodes.map(r => r.powerWatts)), 'power')}**`],
        ['own', spread(nodes.map(r => r.ownWatts), 'power'), q(sum(nodes.map(r => r.ownWatts)), 'power')],
        ['half of its links', spread(nodes.map(r => r.linkShareWatts), 'power'), q(sum(nodes.map(r => r.linkShareWatts)), 'power')],
        ['ports used / available', `${range(used)} / ${first.portsAvailable}`, `${count(sum(used))} / ${count(first.portsAvailable * n)}`],
        ['ports free', range(free), count(sum(free))],
        ['injection bandwidth per direction', spread(nodes.map(r => r.injectionBytesPerSecond), 'byteRate'), q(sum(nodes.map(r => r.injectionBytesPerSecond)), 'byteRate')]
    ];
    if (budget) {
        rows.push([`share of ${budget.path || 'the fabric'}'s ${q(budget.budgetWatts!, 'power')} budget`, percent(first.powerWatts / budget.budgetWatts!), percent(sum(nodes.map(r => r.powerWatts)) / budget.budgetWatts!)]);
    }
    return `**${first.kind} × ${count(n)}** · ${first.type}${n > 1 ? ` · ${first.path} …` : ` · ${first.path}`}\n\n${markdownTable(['', 'per part', `all ${count(n)}`], rows)}${marks.note()}`;
}

export function groupTable(model: FabricModel, analysis: Analysis, groups: readonly GroupReport[], marks: Marks = NO_MARKS): string {
    const first = groups[0];
    const b = first.breakdown;
    const budget = first.budgetWatts !== null ? first : budgetAbove(model, analysis, model.groups[first.id].parentId);
    const rows: string[][] = [
        ['**power**', `**${q(first.powerWatts, 'power')}**${marks.mark(['part-power', 'network-power'])}`],
        ['accelerators', q(b.acceleratorsWatts, 'power')],
        ['switches', q(b.switchesWatts, 'power')],
        ['OCS', q(b.ocsWatts, 'power')],
        ['links at full load', q(b.linksWatts, 'power')],
        ['laser sources', q(b.lasersWatts, 'power')]
    ];
    if (budget?.budgetWatts) {
        const own = budget === first;
        rows.push([own ? 'budget' : `share of ${budget.path || 'the fabric'}'s budget`, own
            ? `${q(budget.budgetWatts, 'power')} (${percent(first.powerWatts / budget.budgetWatts)} used${first.overBudget ? ', **over**' : ''})`
            : `${percent(first.powerWatts / budget.budgetWatts)} of ${q(budget.budgetWatts, 'power')}`]);
    }
    const nodes = analysis.nodes.filter(n => isInside(model, model.nodes[n.id].groupId, first.id));
    if (nodes.length > 0) {
        const used = sum(nodes.map(n => n.portsUsed)), available = sum(nodes.map(n => n.portsAvailable));
        rows.push(['ports used / free', `${count(used)} / ${count(available - used)}`]);
    }
    rows.push(['accelerators', count(first.accelerators)]);
    if (first.oversubscription !== null) rows.push(['oversubscription (down : up)', `${formatNumber(first.oversubscription)} : 1`]);
    const title = groups.length > 1 ? `${first.path} (one of ${count(groups.length)})` : first.path || 'fabric';
    const budgetSource = model.groups[budget?.id ?? -1]?.powerBudgetCitation;
    const cited = budgetSource ? `\n\nbudget source: ${budgetSource.kind} · ${budgetSource.text}${budgetSource.arithmetic ? ` · ${budgetSource.arithmetic}` : ''}` : '';
    return `**${first.kind} ${title}**\n\n${markdownTable(['', ''], rows)}${marks.note()}${cited}`;
}

export function failureTable(results: readonly FailureResult[], limit = 8, marks: Marks = NO_MARKS): string {
    const phases = results[0]?.phases.map(p => p.phase) ?? [];
    const rows = results.slice(0, limit).map(r => [
        r.name, count(r.blastRadius), count(r.cutOffAccelerators.length), percent(r.bandwidthLostFraction),
        ...r.phases.map(p => (p.failed ? 'fails' : p.slowdown === null ? '—' : `×${formatNumber(p.slowdown)}`)),
        formatNumber(r.failuresPerDay), q(r.repairSeconds, 'time')
    ]);
    const more = results.length > limit ? `\n\n… and ${count(results.length - limit)} more` : '';
    const partitions = results.some(r => r.partitions) ? '\n\n**partitions the fabric** (a single point of failure)' : '';
    return `**failure domain** · ${count(results.length)} instance${results.length === 1 ? '' : 's'}${partitions}\n\n${markdownTable(
        ['domain', `blast radius${marks.mark(['bandwidth', 'latency'])}`, 'cut off', 'bandwidth lost', ...phases.map(p => `${p} slowdown`), `failures / day${marks.mark(['reliability'])}`, 'repair'], rows)}${more}${marks.note()}`;
}

export function phaseTable(phase: PhaseResult, marks: Marks = NO_MARKS): string {
    if (phase.timeSeconds === null) {
        return `**phase ${phase.workload}.${phase.name}** · ${phase.collective} · cannot run: ${phase.failure ?? 'unknown reason'}`;
    }
    const bottleneck = phase.bottleneck
        ? `${phase.bottleneck.from} → ${phase.bottleneck.to} (${q(phase.bottleneck.capacityBytesPerSecond, 'byteRate')}${phase.bottleneck.equallyLoadedArcs ? `, ${count(phase.bottleneck.equallyLoadedArcs)} more alike` : ''})`
        : '—';
    const rows: string[][] = [
        ['**time**', `**${q(phase.timeSeconds, 'time')}**${marks.mark(['bandwidth', 'latency'])}`],
        ['algbw', q(phase.algbwBytesPerSecond ?? 0, 'byteRate')],
        ['busbw', q(phase.busbwBytesPerSecond ?? 0, 'byteRate')],
        ['algorithm', `${phase.algorithm}${phase.fixedAlgorithm ? ' (fixed)' : ''}`],
        ['bottleneck', bottleneck],
        ['energy', `${q(phase.energyJoules ?? 0, 'energy')} (${formatNumber(phase.picojoulesPerBit ?? 0)} pJ/bit)${marks.mark(['network-power', 'bandwidth', 'latency'])}`],
        ['participants · size', `${count(phase.participants)} · ${q(phase.bytes, 'dataSize')}`]
    ];
    if (phase.latency) rows.push(['path latency min – max', `${q(phase.latency.minSeconds, 'time')} – ${q(phase.latency.maxSeconds, 'time')}`]);
    if (phase.configuration) rows.push(['OCS configuration', phase.configuration]);
    const others = phase.alternatives.filter(a => a.algorithm !== phase.algorithm).map(a => `${a.algorithm} ${q(a.timeSeconds, 'time')}`);
    return `**phase ${phase.workload}.${phase.name}** · ${phase.collective}\n\n${markdownTable(['', ''], rows)}${others.length ? `\n\nother algorithms: ${others.join(', ')}` : ''}${marks.note()}`;
}

function budgetAbove(model: FabricModel, analysis: Analysis, groupId: number | null): GroupReport | undefined {
    for (let id = groupId; id !== null && id !== undefined; id = model.groups[id].parentId) {
        if (analysis.groups[id]?.budgetWatts !== null) return analysis.groups[id];
    }
    return undefined;
}

function isInside(model: FabricModel, groupId: number, ancestor: number): boolean {
    for (let id: number | null = groupId; id !== null; id = model.groups[id].parentId) if (id === ancestor) return true;
    return false;
}

function range(values: readonly number[]): string {
    const { min, max } = minMax(values) ?? { min: 0, max: 0 };
    return min === max ? count(min) : `${count(min)} – ${count(max)}`;
}

function percent(fraction: number): string {
    return Number.isFinite(fraction) ? `${formatNumber(fraction * 100)} %` : '—';
}
