import {
    FIGURE_FIELDS, formatFigureValue, formatQuantity, type Citation, type CitationKind, type FigureField, type FigurePartKind, type FigureProvenance, type PartProvenance
} from '@fabric/simulator';
import { isPartType, type PartType, type Property, type Source } from '../generated/ast.js';
import type { SourceRefs } from './source-refs.js';

/** Why Fabric's default repair times are what they are (see DEFAULT_REPAIR_SECONDS). */
const REPAIR_REASON = 'by packaging: a pluggable, a cable or an external laser is swapped in minutes, a CPO engine may take its switch tray with it, a chip or a board takes hours';

/** Light in silica fibre travels at c / n with group index n ≈ 1.468. */
const FIBRE: Citation = {
    kind: 'derivation', scope: 'default', text: 'speed of light in silica fibre, group index ≈1.468',
    arithmetic: '1 / (299,792,458 m/s / 1.468) = 4.9 ns/m'
};
/** Twinax copper: NVIDIA's passive DAC specifications give the propagation delay as at most 4.5 ns/m. */
const COPPER: Citation = {
    kind: 'vendor', scope: 'default', text: 'NVIDIA MCP4Y10 passive DAC specifications: time propagation delay ≤4.5 ns/m (informative)'
};

/** The provenance of one written `source` clause. */
export function citationOf(source: Source | undefined, scope: 'figure' | 'part', refs: SourceRefs): Citation | null {
    if (!source?.kind) return null; // none, or half-typed
    return {
        kind: source.kind as CitationKind, text: source.citation ?? '', scope,
        ...(source.arithmetic !== undefined ? { arithmetic: source.arithmetic } : {}),
        source: refs.of(source)
    };
}

/**
 * Where each figure of a resolved part type comes from: the property's own `source`, else the
 * `source` first in the body of the type that declares it (a derived type's default covers only
 * what it declares itself), else none; a figure not declared at all is Fabric's default, said so.
 */
export function partProvenance(part: PartType, properties: ReadonlyMap<string, Property>, values: Readonly<Record<string, unknown>>, refs: SourceRefs): PartProvenance {
    const kind = part.kind as FigurePartKind;
    const result: Record<string, FigureProvenance> = {};
    for (const field of FIGURE_FIELDS[kind] ?? []) {
        const property = properties.get(field.property);
        const value = values[field.field];
        if (field.field === 'propagationSecondsPerMeter') {
            result[field.field] = propagation(property, values);
        } else if (property) {
            result[field.field] = declared(property, refs);
        } else if (typeof value === 'number' && !field.optional) {
            result[field.field] = { property: field.property, citation: defaultCitation(kind, field, value, values) };
        }
    }
    return result;
}

function declared(property: Property, refs: SourceRefs): FigureProvenance {
    const owner = isPartType(property.$container) ? property.$container : undefined;
    return {
        property: property.name,
        written: property.value?.$cstNode?.text.replace(/\s+/g, ' ') ?? '',
        ...(owner ? { declaredIn: owner.name } : {}),
        citation: citationOf(property.source, 'figure', refs) ?? citationOf(owner?.source, 'part', refs),
        source: refs.of(property)
    };
}

/** The delay per metre follows from the medium (declared or by kind), so its source is the physics of that medium. */
function propagation(medium: Property | undefined, values: Readonly<Record<string, unknown>>): FigureProvenance {
    const perMeter = values.propagationSecondsPerMeter as number;
    const copper = perMeter < 4.7e-9;
    const written = medium?.value?.$cstNode?.text;
    return {
        property: 'medium', ...(written && isPartType(medium.$container) ? { written, declaredIn: medium.$container.name } : {}),
        citation: copper ? COPPER : FIBRE
    };
}

function defaultCitation(kind: FigurePartKind, field: FigureField, value: number, values: Readonly<Record<string, unknown>>): Citation {
    if (field.field === 'repairSeconds') {
        const what = kind === 'link' ? `a ${String(values.kind)} link` : `a ${kind}`;
        return { kind: 'assumption', scope: 'default', text: `not declared; Fabric assumes ${formatQuantity(value, 'time')} to repair ${what} (${REPAIR_REASON})` };
    }
    return { kind: 'assumption', scope: 'default', text: `not declared; Fabric assumes ${formatFigureValue(value, field.dimension, field.field)}` };
}
