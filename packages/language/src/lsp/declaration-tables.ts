import {
    figureRowsOf, figureValue, formatNumber, formatQuantity, linkBandwidthBytesPerSecond, linkPowerAtFullLoad, type Analysis, type FabricModel, type FigurePartKind, type FigureRow, type OpticsType
} from '@fabric/simulator';
import { isPartType, type PartType, type Workload } from '../generated/ast.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import { findProperty } from '../validation/part-lookup.js';
import { PART_PROPERTIES } from '../elaboration/part-properties.js';
import { markdownTable } from './markdown-table.js';
import { phaseHeadline } from './headline-numbers.js';
import { nameKey, sourceKey } from './analysis-index.js';
import { citationCell, markFor, provenanceMarks } from './provenance-notes.js';

/**
 * Hovers on the names of part types, workloads and fabrics: a part type's properties as written
 * (with inherited ones) and, for a link type, what one link costs by the simulator's link power;
 * a workload's phases with their times; a fabric's totals. Nothing here computes physics.
 */
export function partTypeTable(part: PartType): string {
    const schema = PART_PROPERTIES[part.kind] ?? {};
    const resolved = new PartTypeResolver(() => undefined, new SourceRefs()).resolve(part);
    const figures = resolved ? figureRowsOf(resolved.kind as FigurePartKind, resolved.type.name, resolved.type, 0) : [];
    const byProperty = new Map<string, FigureRow>(figures.map(f => [f.property, f]));
    const rows = Object.keys(schema).flatMap(name => {
        const property = findProperty(part, name);
        const written = property?.value?.$cstNode?.text;
        const figure = byProperty.get(name);
        const source = figure ? citationCell(figure) : '';
        const mark = figure ? markFor({ assumptions: figure.status === 'assumption' ? [0] : [], unsourced: figure.status === 'unsourced' ? [0] : [] }) : '';
        if (!written) {
            // not declared: Fabric's default stands in, and says so
            return figure?.citation?.scope === 'default' ? [[name, `${figureValue(figure)}${mark}`, source, 'default']] : [];
        }
        const inherited = property.$container === part || !isPartType(property.$container) ? '' : `from ${property.$container.name}`;
        return [[name, `${written.replace(/\s+/g, ' ')}${mark}`, source, inherited]];
    });
    const extra: string[] = [];
    if (resolved?.kind === 'link') {
        const optics = resolved.type as OpticsType;
        const bandwidth = linkBandwidthBytesPerSecond(optics.lanes, optics.laneRateBps);
        const { dynamicWatts, fixedWatts } = linkPowerAtFullLoad(optics, bandwidth);
        const powerMark = provenanceMarks({ figures }).mark(['network-power']);
        extra.push(`one link at full load: ${formatQuantity(dynamicWatts + fixedWatts, 'power')}${powerMark} for ${formatQuantity(bandwidth, 'byteRate')} per direction (${optics.lanes} lanes)`);
    }
    const base = part.base?.$refText ? ` extends ${part.base.$refText}` : '';
    const missing = resolved ? '' : '\n\nincomplete: see its diagnostics';
    const standing = figures.length > 0 ? `\n\n${sourceSummary(figures)}` : '';
    return `**${part.kind} ${part.name}**${base}\n\n${markdownTable(['property', 'value', 'source', ''], rows)}${extra.length ? `\n\n${extra.join('\n\n')}` : ''}${standing}${missing}`;
}

/** `5 figures: 2 vendor, 1 derivation, 2 assumed` */
function sourceSummary(figures: readonly FigureRow[]): string {
    const counts = new Map<string, number>();
    for (const f of figures) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
    const words: Record<string, string> = { vendor: 'vendor', secondary: 'secondary', derivation: 'derived', assumption: '**assumed**', unsourced: '**without a source**' };
    return `${figures.length} figures: ${[...counts].map(([status, n]) => `${n} ${words[status]}`).join(', ')}`;
}

export function workloadTable(workload: Workload, model: FabricModel, analysis: Analysis | undefined): string {
    const title = `**workload ${workload.name}** · ${workload.phases.length} phase${workload.phases.length === 1 ? '' : 's'}`;
    if (!analysis) return `${title} · analysis running; its numbers follow when it finishes`;
    const key = nameKey(workload);
    const name = model.workloads.find(w => sourceKey(w.source) === key)?.name;
    const phases = analysis.phases.filter(p => p.workload === name);
    const rows = phases.map(p => [p.name, p.collective, phaseHeadline(p)]);
    const total = phases.reduce((sum, p) => sum + (p.timeSeconds ?? 0), 0);
    const marks = provenanceMarks(analysis.provenance);
    const mark = marks.mark(['bandwidth', 'latency']);
    return `${title} · ${formatQuantity(total, 'time')}${mark} for one pass\n\n${markdownTable(['phase', 'collective', 'time · algbw · busbw · algorithm · energy'], rows)}${marks.note()}`;
}

export function fabricTable(model: FabricModel, analysis: Analysis | undefined): string {
    const title = `**fabric ${model.name}**`;
    if (!analysis) return `${title} · ${model.nodes.length.toLocaleString('en-US')} nodes, ${model.links.length.toLocaleString('en-US')} links · analysis running; its numbers follow when it finishes`;
    const t = analysis.totals;
    const marks = provenanceMarks(analysis.provenance);
    const rows = [
        ['accelerators · switches · OCS', `${t.accelerators.toLocaleString('en-US')} · ${t.switches.toLocaleString('en-US')} · ${t.ocs.toLocaleString('en-US')}`],
        ['links', t.links.toLocaleString('en-US')],
        ['**power (all)**', `**${formatQuantity(t.powerWatts, 'power')}**${marks.mark(['part-power', 'network-power'])}`],
        ['power (network)', formatQuantity(t.networkPowerWatts, 'power') + marks.mark(['network-power'])],
        ['network energy at full load', `${formatQuantity(t.picojoulesPerBit * 1e-12, 'energyPerBit')}${marks.mark(['network-power'])}`],
        ['accelerator bandwidth, aggregate (both directions)', formatQuantity(t.acceleratorBandwidthBidirectionalBytesPerSecond, 'byteRate') + marks.mark(['bandwidth'])],
        ['bisection (per direction)', formatQuantity(t.bisectionBytesPerSecond, 'byteRate') + marks.mark(['bandwidth'])],
        ['diameter', `${t.diameterHops} hops`],
        ['accelerator latency min – max', t.latency ? `${formatQuantity(t.latency.minSeconds, 'time')} – ${formatQuantity(t.latency.maxSeconds, 'time')}${marks.mark(['latency'])}` : '—'],
        ['failures per day', `${formatNumber(analysis.reliability.failuresPerDay)}${marks.mark(['reliability'])}`]
    ];
    const figures = analysis.provenance.counts;
    const standing = `figures of the parts in use: ${figures.vendor} vendor, ${figures.secondary} secondary, ${figures.derivation} derived, ${figures.assumption} assumed, ${figures.unsourced} without a source`;
    return `${title}\n\n${markdownTable(['', ''], rows)}${marks.note()}\n\n${standing}`;
}
