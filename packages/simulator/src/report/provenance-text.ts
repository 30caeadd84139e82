/**
 * Provenance in the terminal report (`fabric simulate`): a short "sources" cell for a number
 * (what it rests on), and the table of the assumed and unsourced figures of the parts in use.
 */
import { dependence, type FigureDependence, type FigureRow, type ProvenanceReport } from '../provenance/provenance.js';
import type { FigureAspect, FigurePartKind } from '../provenance/figure-fields.js';
import { formatQuantity, type Dimension } from '../units.js';

/** `3 assumed`, `2 unsourced`, `3 assumed, 2 unsourced`, or `sourced`. */
export function sourcesCell(d: FigureDependence): string {
    const parts = [
        ...(d.assumptions.length > 0 ? [`${d.assumptions.length} assumed`] : []),
        ...(d.unsourced.length > 0 ? [`${d.unsourced.length} unsourced`] : [])
    ];
    return parts.length > 0 ? parts.join(', ') : 'sourced';
}

/** The sources cell of a number made of `aspects`, over every part in use. */
export function sourcesOf(provenance: ProvenanceReport, aspects: readonly FigureAspect[], kinds?: readonly FigurePartKind[]): string {
    const parts = kinds ? new Set(provenance.figures.filter(f => kinds.includes(f.partKind)).map(f => f.part)) : undefined;
    return sourcesCell(dependence(provenance.figures, aspects, parts));
}

/** The figure as written, or Fabric's default formatted in its unit. */
export function figureValue(figure: Pick<FigureRow, 'written' | 'value' | 'dimension' | 'field'>): string {
    return figure.written ?? formatFigureValue(figure.value, figure.dimension, figure.field);
}

/** A figure's value in its unit: a count bare, zero in the unit people quote (`0 pJ/bit`), a delay per metre as such. */
export function formatFigureValue(value: number, dimension: Dimension, field: string): string {
    if (dimension === 'count') return String(value);
    if (value === 0 && dimension === 'energyPerBit') return '0 pJ/bit';
    return formatQuantity(value, dimension) + (field === 'propagationSecondsPerMeter' ? '/m' : '');
}

/** `assumption: reasoning`, `derivation: source · arithmetic`, `none`. */
export function citationText(figure: FigureRow): string {
    const c = figure.citation;
    if (!c) return 'none';
    return `${c.kind}${c.scope === 'default' ? ' (Fabric default)' : ''}: ${c.text}${c.arithmetic ? ` · ${c.arithmetic}` : ''}`;
}

/** The figures a report's numbers rest on that are assumed or unsourced, worst first (assumed, then unsourced). */
export function weakFigures(provenance: ProvenanceReport): FigureRow[] {
    return [
        ...provenance.figures.filter(f => f.status === 'assumption'),
        ...provenance.figures.filter(f => f.status === 'unsourced')
    ];
}

/** One line: how many figures of the parts in use have each standing. */
export function standingLine(provenance: ProvenanceReport): string {
    const c = provenance.counts;
    return `figures of the parts in use: ${c.vendor} vendor, ${c.secondary} secondary, ${c.derivation} derived, ${c.assumption} assumed, ${c.unsourced} without a source`;
}
