import { formatQuantity, linkBandwidthBytesPerSecond, linkPowerAtFullLoad, type Analysis, type FabricModel, type OpticsType } from '@fabric/simulator';
import { isPartType, type PartType, type Workload } from '../generated/ast.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import { findProperty } from '../validation/part-lookup.js';
import { PART_PROPERTIES } from '../elaboration/part-properties.js';
import { markdownTable } from './markdown-table.js';
import { phaseHeadline } from './headline-numbers.js';
import { nameKey, sourceKey } from './analysis-index.js';

/**
 * Hovers on the names of part types, workloads and fabrics: a part type's properties as written
 * (with inherited ones) and, for a link type, what one link costs by the simulator's link power;
 * a workload's phases with their times; a fabric's totals. Nothing here computes physics.
 */
export function partTypeTable(part: PartType): string {
    const schema = PART_PROPERTIES[part.kind] ?? {};
    const rows = Object.keys(schema).flatMap(name => {
        const property = findProperty(part, name);
        const written = property?.value?.$cstNode?.text;
        if (!written) return [];
        return [[name, written.replace(/\s+/g, ' '), property.$container === part || !isPartType(property.$container) ? '' : `from ${property.$container.name}`]];
    });
    const resolved = new PartTypeResolver(() => undefined, new SourceRefs()).resolve(part);
    const extra: string[] = [];
    if (resolved?.kind === 'link') {
        const optics = resolved.type as OpticsType;
        const bandwidth = linkBandwidthBytesPerSecond(optics.lanes, optics.laneRateBps);
        const { dynamicWatts, fixedWatts } = linkPowerAtFullLoad(optics, bandwidth);
        extra.push(`one link at full load: ${formatQuantity(dynamicWatts + fixedWatts, 'power')} for ${formatQuantity(bandwidth, 'byteRate')} per direction (${optics.lanes} lanes)`);
    }
    const base = part.base?.$refText ? ` extends ${part.base.$refText}` : '';
    const missing = resolved ? '' : '\n\nincomplete: see its diagnostics';
    return `**${part.kind} ${part.name}**${base}\n\n${markdownTable(['property', 'value', ''], rows)}${extra.length ? `\n\n${extra.join('\n\n')}` : ''}${missing}`;
}

export function workloadTable(workload: Workload, model: FabricModel, analysis: Analysis | undefined): string {
    const title = `**workload ${workload.name}** · ${workload.phases.length} phase${workload.phases.length === 1 ? '' : 's'}`;
    if (!analysis) return `${title} · analysis running; its numbers follow when it finishes`;
    const key = nameKey(workload);
    const name = model.workloads.find(w => sourceKey(w.source) === key)?.name;
    const phases = analysis.phases.filter(p => p.workload === name);
    const rows = phases.map(p => [p.name, p.collective, phaseHeadline(p)]);
    const total = phases.reduce((sum, p) => sum + (p.timeSeconds ?? 0), 0);
    return `${title} · ${formatQuantity(total, 'time')} for one pass\n\n${markdownTable(['phase', 'collective', 'time · algbw · busbw · algorithm · energy'], rows)}`;
}

export function fabricTable(model: FabricModel, analysis: Analysis | undefined): string {
    const title = `**fabric ${model.name}**`;
    if (!analysis) return `${title} · ${model.nodes.length.toLocaleString('en-US')} nodes, ${model.links.length.toLocaleString('en-US')} links · analysis running; its numbers follow when it finishes`;
    const t = analysis.totals;
    const rows = [
        ['accelerators · switches · OCS', `${t.accelerators.toLocaleString('en-US')} · ${t.switches.toLocaleString('en-US')} · ${t.ocs.toLocaleString('en-US')}`],
        ['links', t.links.toLocaleString('en-US')],
        ['**power (all)**', `**${formatQuantity(t.powerWatts, 'power')}**`],
        ['power (network)', formatQuantity(t.networkPowerWatts, 'power')],
        ['network energy at full load', `${formatQuantity(t.picojoulesPerBit * 1e-12, 'energyPerBit')}`],
        ['bisection (per direction)', formatQuantity(t.bisectionBytesPerSecond, 'byteRate')],
        ['diameter', `${t.diameterHops} hops`],
        ['accelerator latency min – max', t.latency ? `${formatQuantity(t.latency.minSeconds, 'time')} – ${formatQuantity(t.latency.maxSeconds, 'time')}` : '—']
    ];
    return `${title}\n\n${markdownTable(['', ''], rows)}`;
}
