/**
 * Provenance of a fabric's figures: every figure of the part types the fabric uses, with its
 * value, its citation and whether it rests on vendor data, a secondary report, a derivation, an
 * assumption or nothing at all; and, for each headline number of the analysis, the assumed and
 * unsourced figures it is made of. Views read this to show sources and mark assumed numbers.
 */
import type { Citation, CitationKind, FabricModel, PartProvenance, SourceRef } from '../model/fabric-model.js';
import type { Dimension } from '../units.js';
import { appendAll } from '../arrays.js';
import { FIGURE_FIELDS, HEADLINE_ASPECTS, HEADLINE_KEYS, type FigureAspect, type FigurePartKind, type HeadlineKey } from './figure-fields.js';

/** A figure's standing: the kind of its citation, or `unsourced` when nothing says where it comes from. */
export type FigureStatus = CitationKind | 'unsourced';
export const FIGURE_STATUSES: readonly FigureStatus[] = ['vendor', 'secondary', 'derivation', 'assumption', 'unsourced'];

export interface FigureRow {
    /** The part type (`B200`). */
    readonly part: string;
    readonly partKind: FigurePartKind;
    /** The property as the language spells it (`tdp`). */
    readonly property: string;
    /** The model field (`tdpWatts`). */
    readonly field: string;
    /** The value in base units. */
    readonly value: number;
    readonly dimension: Dimension;
    /** As written, or null for Fabric's default. */
    readonly written: string | null;
    /** The part type that declares it (a base type for an inherited figure); null for a default. */
    readonly declaredIn: string | null;
    readonly status: FigureStatus;
    readonly citation: Citation | null;
    readonly aspects: readonly FigureAspect[];
    /** Parts of the fabric of this type (nodes, links and circuits, laser sources, components). */
    readonly uses: number;
    /** Where the figure is written; null for a default. */
    readonly source: SourceRef | null;
}

/** Indices into `figures` of the figures a number is made of that are assumed, or unsourced. */
export interface FigureDependence {
    readonly assumptions: readonly number[];
    readonly unsourced: readonly number[];
}

export interface ProvenanceReport {
    /** Every figure of every part type the fabric uses, type by type in declaration order of the model. */
    readonly figures: readonly FigureRow[];
    /** How many figures have each standing. */
    readonly counts: Readonly<Record<FigureStatus, number>>;
    /** Per headline number of the analysis: the assumed and unsourced figures it rests on. */
    readonly headlines: Readonly<Record<HeadlineKey, FigureDependence>>;
}

type TypeRecord = Readonly<Record<string, { readonly provenance?: PartProvenance } & object>>;

function partRecords(model: FabricModel): ReadonlyArray<readonly [FigurePartKind, TypeRecord]> {
    const t = model.types;
    return [['accelerator', t.accelerators], ['switch', t.switches], ['ocs', t.ocs], ['link', t.optics], ['laser', t.lasers], ['component', t.components ?? {}]];
}

/** How many parts of the fabric use each type, per kind. */
function usesByType(model: FabricModel): Record<FigurePartKind, Map<string, number>> {
    const uses: Record<FigurePartKind, Map<string, number>> = {
        accelerator: new Map(), switch: new Map(), ocs: new Map(), link: new Map(), laser: new Map(), component: new Map()
    };
    const add = (kind: FigurePartKind, type: string) => uses[kind].set(type, (uses[kind].get(type) ?? 0) + 1);
    for (const node of model.nodes) add(node.kind, node.type);
    for (const link of model.links) add('link', link.optics);
    for (const configuration of model.ocsConfigurations) for (const circuit of configuration.circuits) add('link', circuit.optics);
    for (const laser of model.laserSources) add('laser', laser.type);
    for (const component of model.components ?? []) add('component', component.type);
    return uses;
}

/** The figures of one part type (`uses`: how many parts of a fabric are of it; 0 for a catalog listing). */
export function figureRowsOf(kind: FigurePartKind, name: string, type: { readonly provenance?: PartProvenance } & object, uses: number): FigureRow[] {
    const values = type as unknown as Readonly<Record<string, unknown>>;
    const rows: FigureRow[] = [];
    for (const spec of FIGURE_FIELDS[kind]) {
        const value = values[spec.field];
        if (typeof value !== 'number') continue; // an optional figure not declared
        const recorded = type.provenance?.[spec.field];
        if (!recorded && spec.optional) continue;
        rows.push({
            part: name, partKind: kind, property: spec.property, field: spec.field, value, dimension: spec.dimension,
            written: recorded?.written ?? null, declaredIn: recorded?.declaredIn ?? null,
            status: recorded?.citation?.kind ?? 'unsourced', citation: recorded?.citation ?? null,
            aspects: spec.aspects, uses, source: recorded?.source ?? null
        });
    }
    return rows;
}

export function figureProvenance(model: FabricModel): ProvenanceReport {
    const uses = usesByType(model);
    const figures: FigureRow[] = [];
    for (const [kind, record] of partRecords(model)) {
        for (const [name, type] of Object.entries(record)) {
            const count = uses[kind].get(name) ?? 0;
            if (count === 0) continue; // a catalog part the fabric does not use
            appendAll(figures, figureRowsOf(kind, name, type, count));
        }
    }
    const counts = Object.fromEntries(FIGURE_STATUSES.map(s => [s, figures.filter(f => f.status === s).length])) as Record<FigureStatus, number>;
    const headlines = Object.fromEntries(HEADLINE_KEYS.map(key => [key, dependence(figures, HEADLINE_ASPECTS[key])])) as Record<HeadlineKey, FigureDependence>;
    return { figures, counts, headlines };
}

/**
 * The assumed and unsourced figures among `figures` that feed any of `aspects`, optionally only
 * those of the named part types (a connection's optics, a node's type).
 */
export function dependence(figures: readonly FigureRow[], aspects: readonly FigureAspect[], parts?: ReadonlySet<string>): FigureDependence {
    const assumptions: number[] = [], unsourced: number[] = [];
    figures.forEach((figure, i) => {
        if (parts && !parts.has(figure.part)) return;
        if (!figure.aspects.some(a => aspects.includes(a))) return;
        if (figure.status === 'assumption') assumptions.push(i);
        else if (figure.status === 'unsourced') unsourced.push(i);
    });
    return { assumptions, unsourced };
}

/** `rests on 3 assumed figures and 1 without a source`, or '' when the number rests on sourced figures only. */
export function restsOnPhrase(d: FigureDependence): string {
    const parts: string[] = [];
    if (d.assumptions.length > 0) parts.push(`${d.assumptions.length} assumed figure${d.assumptions.length === 1 ? '' : 's'}`);
    if (d.unsourced.length > 0) parts.push(`${d.unsourced.length} without a source`);
    return parts.length > 0 ? `rests on ${parts.join(' and ')}` : '';
}

/** `NVLinkSwitch.power` */
export function figureName(figure: Pick<FigureRow, 'part' | 'property'>): string {
    return `${figure.part}.${figure.property}`;
}
