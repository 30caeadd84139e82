import {
    dependence, figureName, figureValue, restsOnPhrase, type FigureAspect, type FigureDependence, type FigureRow, type ProvenanceReport
} from '@fabric/simulator';

/**
 * How hovers mark a number that rests on an assumption: a short mark after the number, and a note
 * under the table naming the assumed (and unsourced) figures it is made of, from the simulator's
 * provenance report. Nothing here decides what a number rests on; `dependence` does.
 */
export interface Marks {
    /** `' (assumed)'`, `' (unsourced)'` or '' for a number made of the given aspects. */
    readonly mark: (aspects: readonly FigureAspect[]) => string;
    /** The note for everything marked so far ('' when nothing was). */
    readonly note: () => string;
}

const MAX_LISTED = 6;

export function provenanceMarks(report: Pick<ProvenanceReport, 'figures'> | undefined, parts?: ReadonlySet<string>): Marks {
    const used = new Set<number>();
    const assumed = new Set<number>();
    return {
        mark(aspects) {
            if (!report) return '';
            const d = dependence(report.figures, aspects, parts);
            d.assumptions.forEach(i => { used.add(i); assumed.add(i); });
            d.unsourced.forEach(i => used.add(i));
            return markFor(d);
        },
        note() {
            if (!report || used.size === 0) return '';
            const all: FigureDependence = { assumptions: [...used].filter(i => assumed.has(i)), unsourced: [...used].filter(i => !assumed.has(i)) };
            const rows = [...all.assumptions, ...all.unsourced].map(i => report.figures[i]);
            const listed = rows.slice(0, MAX_LISTED).map(describe).join('; ');
            const more = rows.length > MAX_LISTED ? `; and ${rows.length - MAX_LISTED} more (\`fabric check --strict-sources\` lists them all)` : '';
            return `\n\n*(assumed)*, *(unsourced)*: the number ${restsOnPhrase(all)}: ${listed}${more}`;
        }
    };
}

export function markFor(d: FigureDependence): string {
    return d.assumptions.length > 0 ? ' (assumed)' : d.unsourced.length > 0 ? ' (unsourced)' : '';
}

/** `NVLinkSwitch.power 120 W — assumed: "no NVIDIA figure"` */
export function describe(figure: FigureRow): string {
    const value = figureValue(figure);
    const c = figure.citation;
    if (!c) return `${figureName(figure)} ${value} (no source)`;
    if (c.scope === 'default') return `${figureName(figure)} ${c.text}`;
    return `${figureName(figure)} ${value} (${c.kind}: ${c.text})`;
}

/** A citation as one Markdown cell: `**assumption** · reasoning`, `**derivation** · source · arithmetic`. */
export function citationCell(figure: Pick<FigureRow, 'citation'>): string {
    const c = figure.citation;
    if (!c) return '*no source*';
    const kind = c.kind === 'assumption' ? '**assumption**' : c.kind;
    const scope = c.scope === 'part' ? ' (part default)' : c.scope === 'default' ? " (Fabric's default)" : '';
    return `${kind}${scope} · ${c.text}${c.arithmetic ? ` · ${c.arithmetic}` : ''}`;
}

/** Marks that mark nothing: a table shown before any provenance is known. */
export const NO_MARKS: Marks = { mark: () => '', note: () => '' };
