/**
 * `fabric export --format html`: one self-contained page for a design review — headline figures,
 * the diagram (the diagram package's SVG, the same drawing the editor's preview shows), a power
 * breakdown chart, the totals, phase, iteration and failure tables, groups and problems. No script,
 * no external resource: it opens offline and prints. Every figure carries its unit.
 */
import {
    citationText, figureName, figureValue, formatNumber, formatQuantity, HEADLINE_ASPECTS, sourcesOf, standingLine, type Analysis, type FabricModel, type FigureAspect
} from '@fabric/simulator';
import { byBlastRadius, failureHeader, failureRows } from '../report/failure-table.js';
import { headlineFigures, formatFigure } from '../report/fabric-diff.js';

export interface HtmlReportInput {
    readonly file: string;
    readonly model: FabricModel;
    readonly analysis: Analysis;
    readonly version: string;
    /** The diagram as an SVG document (from @fabric/diagram), or null when there is none to show. */
    readonly diagramSvg: string | null;
    /** Failure rows shown (worst first); the rest are counted. */
    readonly maxFailureRows?: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
const q = (v: number | null, d: Parameters<typeof formatQuantity>[1]) => (v === null ? '—' : formatQuantity(v, d));
const pj = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} pJ/bit`);

function table(id: string, caption: string, header: readonly string[], rows: readonly (readonly string[])[], note = ''): string {
    return `<section id="${id}"><h2>${escapeHtml(caption)}</h2>
<table class="data" data-table="${id}"><thead><tr>${header.map(h => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map(r => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}</tbody></table>${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}</section>`;
}

const POWER_COLOURS: Record<string, string> = {
    accelerators: '#4e79a7', switches: '#f28e2b', OCS: '#76b7b2', links: '#e15759', 'laser sources': '#edc948', 'other parts': '#bab0ac'
};
const OPTICS_COLOURS = ['#e15759', '#ff9d9a', '#b07aa1', '#9c755f', '#bab0ac', '#59a14f', '#8cd17d', '#d37295'];

interface Bar { readonly name: string; readonly watts: number; readonly colour: string }

/** Horizontal bars scaled to the largest, each labelled with watts and its share of `total`: inline SVG. */
function bars(group: string, label: string, parts: readonly Bar[], total: number): string {
    const max = Math.max(...parts.map(p => p.watts), 1e-9);
    const rowHeight = 26, labelWidth = 230, barWidth = 420, width = labelWidth + barWidth + 180, height = parts.length * rowHeight + 8;
    const body = parts.map(({ name, watts, colour }, i) => {
        const y = i * rowHeight + 4, w = Math.max(watts > 0 ? 1 : 0, (watts / max) * barWidth);
        const share = total > 0 ? `${formatNumber((watts / total) * 100)} %` : '—';
        return `<g class="bar" data-part="${escapeHtml(name)}"><text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(name)}</text>`
            + `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${colour}"><title>${escapeHtml(`${name}: ${formatQuantity(watts, 'power')}`)}</title></rect>`
            + `<text x="${(labelWidth + w + 8).toFixed(1)}" y="${y + 14}">${escapeHtml(`${formatQuantity(watts, 'power')} (${share})`)}</text></g>`;
    }).join('');
    return `<h3>${escapeHtml(label)}</h3><svg class="chart" data-chart="${group}" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

/** Where the watts go: everything at full load, then the network alone with its links by optics type. */
function powerChart(analysis: Analysis): string {
    const b = analysis.totals.breakdown;
    const all: Bar[] = [
        { name: 'accelerators', watts: b.acceleratorsWatts, colour: POWER_COLOURS.accelerators }, { name: 'switches', watts: b.switchesWatts, colour: POWER_COLOURS.switches },
        { name: 'OCS', watts: b.ocsWatts, colour: POWER_COLOURS.OCS }, { name: 'links', watts: b.linksWatts, colour: POWER_COLOURS.links },
        { name: 'laser sources', watts: b.lasersWatts, colour: POWER_COLOURS['laser sources'] },
        // non-network loads (CPUs, NICs, boards, fans, power conversion), when the fabric declares them
        ...(b.componentsWatts > 0 ? [{ name: 'other parts', watts: b.componentsWatts, colour: POWER_COLOURS['other parts'] }] : [])
    ];
    // links by optics type, at full load without their laser share (the sources have their own bar, as in the totals)
    const optics = new Map<string, { kind: string; links: number; watts: number }>();
    for (const l of [...analysis.links, ...analysis.circuits]) {
        const o = optics.get(l.optics) ?? { kind: l.kind, links: 0, watts: 0 };
        o.links++;
        o.watts += l.power.dynamicWatts + l.power.fixedWatts;
        optics.set(l.optics, o);
    }
    const network: Bar[] = [
        ...[...optics].map(([name, o], i) => ({ name: `links: ${name} (${o.kind}, ${o.links})`, watts: o.watts, colour: OPTICS_COLOURS[i % OPTICS_COLOURS.length] })),
        all[1], all[2], all[4]
    ].filter(p => p.watts > 0);
    const t = analysis.totals;
    return `<section id="power"><h2>Power breakdown</h2>
${bars('all', `everything at full load: ${formatQuantity(t.powerWatts, 'power')}`, all, t.powerWatts)}
${bars('network', `the network alone: ${formatQuantity(t.networkPowerWatts, 'power')}, ${pj(t.picojoulesPerBit)}`, network, t.networkPowerWatts)}
<p class="note">Links at full load: energy per bit × rate in both directions plus fixed watts at both ends; an external laser source counts once, at the source.</p></section>`;
}

function headline(analysis: Analysis): string {
    const wanted = ['totals.powerWatts', 'totals.networkPowerWatts', 'totals.picojoulesPerBit', 'totals.bisectionBytesPerSecond',
        'totals.latency.maxSeconds', 'reliability.failuresPerDay', 'failureDomains.worstBlastRadius'];
    const figures = headlineFigures(analysis);
    const aspects: Record<string, readonly FigureAspect[]> = {
        'totals.powerWatts': HEADLINE_ASPECTS['totals.powerWatts'], 'totals.networkPowerWatts': HEADLINE_ASPECTS['totals.networkPowerWatts'],
        'totals.picojoulesPerBit': HEADLINE_ASPECTS['totals.picojoulesPerBit'], 'totals.bisectionBytesPerSecond': HEADLINE_ASPECTS['totals.bisectionBytesPerSecond'],
        'totals.latency.maxSeconds': HEADLINE_ASPECTS['totals.latency'], 'reliability.failuresPerDay': HEADLINE_ASPECTS['reliability.failuresPerDay'],
        'failureDomains.worstBlastRadius': HEADLINE_ASPECTS['failureDomains.blastRadius']
    };
    const cards = [
        ...wanted.map(k => figures.find(f => f.key === k)!).map(f => [f.figure, formatFigure(f.value, f.dimension) + (f.unit === 'accelerators' ? ' accelerators' : ''), sourcesOf(analysis.provenance, aspects[f.key] ?? [])]),
        ...figures.filter(f => f.key.startsWith('iteration.')).map(f => [f.figure, formatFigure(f.value, f.dimension), sourcesOf(analysis.provenance, HEADLINE_ASPECTS['ocs.iterationSeconds'])])
    ];
    const t = analysis.totals;
    return `<section id="headline"><h2>At a glance</h2><p>${escapeHtml(`${t.accelerators} accelerators, ${t.switches} switches, ${t.ocs} OCS, ${t.links} links`)}</p>
<dl class="cards">${cards.map(([k, v, src]) => `<div class="card"><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}${assumedMark(src)}</dd></div>`).join('')}</dl>
<p class="note">Figures marked <span class="assumed">assumed</span> rest on at least one assumed figure of a part (see Sources); <span class="unsourced">unsourced</span>: on a figure nothing cites.</p></section>`;
}

/** The mark after a number: what its weakest figures are, from the sources cell (`2 assumed, 1 unsourced`). */
function assumedMark(sources: string): string {
    if (sources.includes('assumed')) return ` <span class="assumed" title="${escapeHtml(`rests on ${sources} figures`)}">assumed</span>`;
    if (sources.includes('unsourced')) return ` <span class="unsourced" title="${escapeHtml(`rests on ${sources} figures`)}">unsourced</span>`;
    return '';
}

/** Every figure of the parts in use with its standing and citation; assumed and unsourced ones stand out. */
function sourcesSection(analysis: Analysis): string {
    const p = analysis.provenance;
    const rows = p.figures.map(f => `<tr class="status-${f.status}"><th scope="row">${escapeHtml(figureName(f))}</th><td>${escapeHtml(figureValue(f))}</td><td>${escapeHtml(String(f.uses))}</td>`
        + `<td class="standing">${escapeHtml(f.status)}</td><td class="citation">${escapeHtml(citationText(f))}</td></tr>`).join('\n');
    return `<section id="sources"><h2>Sources of the figures</h2><p>${escapeHtml(standingLine(p))}</p>
<table class="data" data-table="sources"><thead><tr><th scope="col">figure</th><th scope="col">value</th><th scope="col">parts</th><th scope="col">standing</th><th scope="col">source</th></tr></thead>
<tbody>${rows}</tbody></table><p class="note">fabric check --strict-sources lists the assumed and unsourced figures with their place in the text.</p></section>`;
}

function diagram(svg: string | null): string {
    if (!svg) return '';
    const body = svg.replace(/^<\?xml[^>]*>\s*/, '');
    return `<section id="diagram"><h2>Diagram</h2><div class="diagram">${body}</div></section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232a;margin:0;background:#f6f7f9}
header{background:#1d2b3a;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c6d2de}
main{padding:8px 28px 40px;max-width:1400px}section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:12px 18px;margin:16px 0}
h2{font-size:16px;margin:4px 0 10px}h3{font-size:13px;margin:10px 0 4px;color:#39434d;font-weight:600}table.data{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.data th,table.data td{padding:3px 10px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
table.data th[scope=row],table.data thead th:first-child{text-align:left}table.data thead th{border-bottom:2px solid #c9d0d8;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:0}.card{border:1px solid #dde2e8;border-radius:6px;padding:8px 12px;min-width:150px}
.card dt{color:#5a6570;font-size:12px}.card dd{margin:2px 0 0;font-size:18px;font-weight:600}
.chart text{font-size:12px;fill:#1d232a}.note{color:#5a6570;font-size:12px}.diagram{overflow:auto;max-height:80vh;border:1px solid #eef0f3}
.diagram svg{max-width:100%;height:auto}.assumed,.unsourced{font-size:11px;font-weight:600;border-radius:3px;padding:0 4px;vertical-align:middle}
.assumed{background:#fde7c2;color:#7a4500}.unsourced{background:#e7e9ee;color:#3b4450}tr.status-assumption td.standing{color:#8a5a00;font-weight:600}
tr.status-unsourced td.standing{color:#5a6570;font-style:italic}td.citation{text-align:left;white-space:normal;max-width:640px}.problems li{margin:2px 0}.sev-error{color:#b3261e}.sev-warning{color:#8a5a00}.sev-info{color:#2d5f8a}
@media print{body{background:#fff}section{break-inside:avoid}}`;

export function htmlReport(input: HtmlReportInput): string {
    const { model, analysis } = input;
    const t = analysis.totals;
    const from = (key: keyof typeof HEADLINE_ASPECTS) => sourcesOf(analysis.provenance, HEADLINE_ASPECTS[key]);
    const totals = table('totals', 'Totals', ['figure', 'value', 'sources'], [
        ['power (all, full load)', q(t.powerWatts, 'power'), from('totals.powerWatts')], ['power (network)', q(t.networkPowerWatts, 'power'), from('totals.networkPowerWatts')],
        ['accelerators', q(t.breakdown.acceleratorsWatts, 'power'), sourcesOf(analysis.provenance, ['part-power'], ['accelerator'])], ['switches', q(t.breakdown.switchesWatts, 'power'), ''],
        ['OCS', q(t.breakdown.ocsWatts, 'power'), ''], ['links at full load', q(t.breakdown.linksWatts, 'power'), ''],
        ['laser sources', q(t.breakdown.lasersWatts, 'power'), ''],
        ...(t.breakdown.componentsWatts > 0 ? [['other parts (CPUs, NICs, fans, …)', q(t.breakdown.componentsWatts, 'power'), sourcesOf(analysis.provenance, ['part-power'], ['component'])]] : []),
        ['network power idle', q(t.networkIdleWatts, 'power'), from('totals.networkPowerWatts')],
        ['network energy at full load, per link bit', pj(t.picojoulesPerBit), from('totals.picojoulesPerBit')], ['per accelerator-to-accelerator bit', pj(t.picojoulesPerAcceleratorBit), ''],
        ['accelerator bandwidth, aggregate (both directions)', q(t.acceleratorBandwidthBidirectionalBytesPerSecond, 'byteRate'), from('totals.bisectionBytesPerSecond')],
        ['accelerator bandwidth, aggregate per direction', q(t.acceleratorBandwidthBytesPerSecond, 'byteRate'), ''],
        ['bisection (per direction)', q(t.bisectionBytesPerSecond, 'byteRate'), from('totals.bisectionBytesPerSecond')], ['diameter', `${t.diameterHops} hops`, ''],
        ['accelerator latency min', q(t.latency?.minSeconds ?? null, 'time'), from('totals.latency')], ['accelerator latency max', q(t.latency?.maxSeconds ?? null, 'time'), from('totals.latency')],
        ...(t.configuration ? [['OCS configuration in totals', t.configuration, '']] : [])
    ]);
    const phases = table('phases', 'Workload phases', ['phase', 'collective', 'ranks', 'size', 'algorithm', 'time', 'algbw', 'busbw', 'energy', 'energy/bit', 'bottleneck', 'sources'],
        analysis.phases.map(p => [`${p.workload}.${p.name}`, p.collective, String(p.participants), q(p.bytes, 'dataSize'), p.algorithm ?? `cannot run: ${p.failure}`,
            q(p.timeSeconds, 'time'), q(p.algbwBytesPerSecond, 'byteRate'), q(p.busbwBytesPerSecond, 'byteRate'), q(p.energyJoules, 'energy'), pj(p.picojoulesPerBit),
            p.bottleneck ? `${p.bottleneck.from} → ${p.bottleneck.to}` : '—', from('phases.energyJoules')]),
        'busbw follows nccl-tests; bandwidths are per direction; energy counts every hop plus the network\'s fixed power for the phase\'s duration.');
    const iterations = table('iterations', 'Workload iteration', ['workload', 'phases', 'OCS reconfiguration', 'iteration'],
        analysis.ocs.iterations.map(it => [it.workload, q(it.phaseSeconds, 'time'), q(it.reconfigurationSeconds, 'time'), it.iterationSeconds === null ? 'a phase cannot run' : q(it.iterationSeconds, 'time')]));
    const transitions = analysis.ocs.transitions.length === 0 ? '' : table('ocs', 'OCS reconfiguration', ['transition', 'from', 'to', 'switching', 'next phase', 'ratio'],
        analysis.ocs.transitions.map(tr => [`${tr.workload}.${tr.fromPhase} → ${tr.toPhase}${tr.wrapAround ? ' (next iteration)' : ''}`, tr.fromConfiguration, tr.toConfiguration,
            q(tr.reconfigurationSeconds, 'time'), q(tr.followingPhaseSeconds, 'time'), tr.ratio === null ? '—' : formatNumber(tr.ratio)]));
    const failures = [...analysis.failureDomains, ...analysis.singleFailures].sort(byBlastRadius);
    const limit = input.maxFailureRows ?? 60;
    const spare = failures.some(f => f.absorbedBySpare);
    const rows = failureRows(failures, analysis.phases, spare);
    const failureTable = table('failures', 'Failure domains, largest blast radius first', failureHeader(analysis.phases, spare), rows.slice(0, limit),
        `${rows.length > limit ? `${rows.length - limit} more rows not shown (fabric failures --json lists all). ` : ''}`
        + `Alike: consecutive failures with the same figures. Blast radius: accelerators cut off or in a phase that stops or slows past ×${formatNumber(analysis.slowdownThreshold)}. `
        + `Whole fabric: ${formatNumber(analysis.reliability.failuresPerDay)} failures per day, downtime fraction ${formatNumber(analysis.reliability.downtimeFraction)} (sources: ${from('reliability.failuresPerDay')}).`);
    const groups = analysis.groups.filter(g => g.budgetWatts !== null || (g.oversubscription !== null && g.oversubscription > 1 + 1e-9));
    const groupTable = groups.length === 0 ? '' : table('groups', 'Power against budget', ['group', 'power', 'budget', 'oversubscription'],
        groups.map(g => [g.path + (g.overBudget ? ' (over budget)' : ''), q(g.powerWatts, 'power'), g.budgetWatts === null ? '—' : q(g.budgetWatts, 'power'),
            g.oversubscription === null ? '—' : `${formatNumber(g.oversubscription)}:1`]));
    const problems = analysis.problems.length === 0 ? '' : `<section id="problems"><h2>Findings</h2><ul class="problems">${analysis.problems.map(p =>
        `<li class="sev-${p.severity}"><strong>${escapeHtml(p.severity)}</strong> <code>${escapeHtml(p.code)}</code> ${escapeHtml(p.message)}</li>`).join('')}</ul></section>`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fabric ${escapeHtml(input.version)}">
<title>${escapeHtml(`Fabric report: ${model.name}`)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(`Fabric report: ${model.name}`)}</h1><p>${escapeHtml(`${input.file} · fabric ${input.version} · units: bandwidth per direction, GB = 10^9 bytes, GiB = 2^30 bytes`)}</p></header>
<main>
${headline(analysis)}
${diagram(input.diagramSvg)}
${powerChart(analysis)}
${totals}
${phases}
${iterations}
${transitions}
${failureTable}
${groupTable}
${sourcesSection(analysis)}
${problems}
</main></body></html>
`;
}
