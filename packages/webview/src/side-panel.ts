/**
 * The side panel: totals (watts against budgets, pJ/bit, bisection), the phase table (time, algbw,
 * busbw, algorithm, bottleneck), the failure set's impact and the failure domains to fail. Numbers
 * are the scene's (the analysis'), formatted by the simulator's unit formatter.
 */
import { formatQuantity } from '@fabric/simulator';
import type { Scene } from '@fabric/diagram';

export interface FailureImpactView {
    readonly name: string;
    readonly cutOff: number;
    readonly bandwidthLostBytesPerSecond: number;
    readonly bandwidthLostFraction: number;
    readonly blastRadius: number;
    readonly partitions: boolean;
    readonly phases: ReadonlyArray<{ readonly id: string; readonly slowdown: number | null; readonly failed: boolean; readonly timeSeconds: number | null }>;
    readonly unknown: readonly string[];
    readonly milliseconds: number;
}

const q = (v: number | null | undefined, d: Parameters<typeof formatQuantity>[1]) => (v === null || v === undefined ? '—' : formatQuantity(v, d));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
}

function table(head: string[], rows: Array<Array<string | Node>>, cls: string): HTMLTableElement {
    return el('table', { class: cls },
        el('thead', {}, el('tr', {}, ...head.map(h => el('th', {}, h)))),
        el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map(c => el('td', {}, c))))));
}

export function renderSidePanel(panel: HTMLElement, scene: Scene, impact: FailureImpactView | null, onFailDomain: (name: string) => void, onReveal: (src: number) => void): void {
    panel.replaceChildren();
    panel.append(el('h2', {}, scene.fabric));
    if (scene.analysis === 'pending') panel.append(el('p', { class: 'pending', 'data-analysis': 'pending' }, 'Analysis running: the numbers follow when it finishes.'));
    const t = scene.totals;
    if (t) {
        panel.append(el('h3', {}, 'Totals'), table(['', 'value'], [
            ['parts', `${t.accelerators} accelerators, ${t.switches} switches${t.ocs ? `, ${t.ocs} OCS` : ''}, ${t.links} links`],
            ['power (all)', q(t.powerWatts, 'power')],
            ['network power', q(t.networkPowerWatts, 'power')],
            ['network energy at full load', q(t.picojoulesPerBit * 1e-12, 'energyPerBit')],
            ['bisection (per direction)', q(t.bisectionBytesPerSecond, 'byteRate')],
            ['diameter', `${t.diameterHops} hops`]
        ], 'totals'));
    }
    if (scene.budgets && scene.budgets.length > 0) {
        const over = scene.budgets.filter(b => b.overBudget).length;
        const shown = scene.budgets.slice(0, 12);
        panel.append(el('h3', {}, `Power budgets${over ? ` (${over} over)` : ''}`), table(['group', 'power', 'budget'],
            shown.map(b => [b.path, q(b.powerWatts, 'power'), el('span', { class: b.overBudget ? 'over' : 'ok' }, q(b.budgetWatts, 'power'))]), 'budgets'));
        if (scene.budgets.length > shown.length) panel.append(el('p', { class: 'note' }, `… and ${scene.budgets.length - shown.length} more`));
    }
    if (scene.phases.length > 0) {
        // Two rows per phase (its figures, then its bottleneck across the table), so the table fits the panel.
        const body = el('tbody', {});
        for (const p of scene.phases) {
            const name = el('a', { href: '#', 'data-phase': p.id }, p.id);
            name.addEventListener('click', e => { e.preventDefault(); onReveal(p.src); });
            const current: Record<string, string> = p.id === scene.phase ? { class: 'current' } : {};
            body.append(el('tr', current, ...[name, q(p.timeSeconds, 'time'), q(p.algbwBytesPerSecond, 'byteRate'), q(p.busbwBytesPerSecond, 'byteRate'), p.algorithm ?? (p.failure ? 'cannot run' : '—')].map(c => el('td', {}, c))));
            body.append(el('tr', { class: `detail${p.id === scene.phase ? ' current' : ''}` }, el('td', { colspan: '5' }, `bottleneck ${p.bottleneck ?? '—'}`)));
        }
        panel.append(el('h3', {}, 'Phases'), el('table', { class: 'phases' }, el('thead', {}, el('tr', {}, ...['phase', 'time', 'algbw', 'busbw', 'algorithm'].map(h => el('th', {}, h)))), body));
    }
    if (impact) {
        panel.append(el('h3', {}, 'Failure'), table(['', 'value'], [
            ['failed', impact.name],
            ['accelerators cut off', String(impact.cutOff)],
            ['partitions the fabric', impact.partitions ? 'yes' : 'no'],
            ['bandwidth lost', `${q(impact.bandwidthLostBytesPerSecond, 'byteRate')} (${(impact.bandwidthLostFraction * 100).toFixed(1)} %)`],
            ['blast radius', `${impact.blastRadius} accelerators`],
            ['answered in', `${impact.milliseconds.toFixed(0)} ms`]
        ], 'failure'));
        if (impact.unknown.length) panel.append(el('p', { class: 'over' }, `not found: ${impact.unknown.join(', ')}`));
        const after = new Map(impact.phases.map(p => [p.id, p]));
        panel.append(el('h3', {}, 'Phases after the failure'), table(['phase', 'slowdown', 'time after'], scene.phases.map(p => {
            const a = after.get(p.id);
            const slowdown = el('span', { class: 'slowdown', 'data-slowdown': a?.slowdown === null || a?.slowdown === undefined ? 'failed' : a.slowdown.toFixed(4) },
                a?.failed ? 'cannot run' : a?.slowdown ? `×${a.slowdown.toFixed(3)}` : '—');
            return [p.id, slowdown, a?.failed ? '—' : q(a?.timeSeconds, 'time')];
        }), 'after'));
    }
    if (scene.failureDomains && scene.failureDomains.length > 0) {
        const worst = [...scene.failureDomains].sort((a, b) => b.blastRadius - a.blastRadius).slice(0, 500);
        panel.append(el('h3', {}, 'Failure domains (click to fail; largest blast radius first)'), table(['domain', 'blast radius', 'cut off'], worst.map(d => {
            const a = el('a', { href: '#', 'data-domain': d.name, title: 'Fail this domain' }, d.name);
            a.addEventListener('click', e => { e.preventDefault(); onFailDomain(d.name); });
            return [a, String(d.blastRadius), String(d.cutOff)];
        }), 'domains'));
    }
}
