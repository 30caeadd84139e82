import { formatQuantity } from '@fabric/simulator';
import type { DocumentSummary, FabricSummary } from '@fabric/language/lsp/status-summary-protocol';

/** What the status-bar item shows for a document's summary; undefined hides it (no fabric in the file). */
export interface StatusBarView {
    readonly text: string;
    readonly tooltip: string;
    /** Over budget, or a phase that cannot run. */
    readonly warning: boolean;
}

const power = (watts: number) => formatQuantity(watts, 'power');

function budgetText(fabric: FabricSummary): string {
    const b = fabric.budget;
    if (!b) return power(fabric.powerWatts);
    const where = b.path === '' ? '' : `${b.path} `;
    return `${where}${power(b.powerWatts)} / ${power(b.budgetWatts)}${b.overBudget ? ' over' : ''}`;
}

function phaseText(fabric: FabricSummary): string | undefined {
    const p = fabric.slowestPhase;
    if (!p) return undefined;
    return p.timeSeconds === null ? `${p.phase} cannot run` : `slowest ${p.phase} ${formatQuantity(p.timeSeconds, 'time')}`;
}

function tooltipLines(fabric: FabricSummary): string[] {
    const lines = [`Fabric ${fabric.name}: ${power(fabric.powerWatts)} in all at full load`];
    const b = fabric.budget;
    if (b) {
        const whose = b.path === '' ? 'the fabric' : b.path;
        const of = b.of > 1 ? ` (the fullest of ${b.of} budgeted groups)` : '';
        lines.push(`${whose}${of}: ${power(b.powerWatts)} of its ${power(b.budgetWatts)} budget${b.overBudget ? ', over budget' : ''}`);
    }
    const phase = phaseText(fabric);
    if (phase) lines.push(phase.startsWith('slowest') ? `Slowest phase: ${phase.slice('slowest '.length)}` : `Phase ${phase}`);
    return lines;
}

export function statusBarView(summary: DocumentSummary): StatusBarView | undefined {
    const [first, ...others] = summary.fabrics;
    if (!first) return undefined;
    const warning = first.budget?.overBudget === true || first.slowestPhase?.timeSeconds === null;
    const parts = [budgetText(first), phaseText(first)].filter((p): p is string => p !== undefined);
    const more = others.length > 0 ? ` (+${others.length} more)` : '';
    const tooltip = [...summary.fabrics.flatMap(f => [...tooltipLines(f), '']), 'Click to open the diagram'].join('\n');
    return { text: `${warning ? '$(warning)' : '$(pulse)'} ${first.name}: ${parts.join(' · ')}${more}`, tooltip, warning };
}
