import { figureRowsOf, type FigurePartKind } from '@fabric/simulator';
import { AstUtils, type AstNode } from 'langium';
import { isBudget, isPartType, isProperty } from '../generated/ast.js';
import { citationOf } from '../elaboration/figure-provenance.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import { citationCell } from './provenance-notes.js';

/**
 * Where the figure under the cursor comes from: a part property's source (its own, or its part's
 * default), a power budget's; an assumption says so in bold, a figure without a source too.
 */
export function figureHover(node: AstNode): string | undefined {
    const budget = AstUtils.getContainerOfType(node, isBudget);
    if (budget) {
        const citation = citationOf(budget.source, 'figure', new SourceRefs());
        return `**source:** ${citation ? citationCell({ citation }) : '*no source*'}`;
    }
    const property = AstUtils.getContainerOfType(node, isProperty);
    const part = property && AstUtils.getContainerOfType(property, isPartType);
    if (!property || !part) return undefined;
    const resolved = new PartTypeResolver(() => undefined, new SourceRefs()).resolve(part);
    if (!resolved) return undefined;
    const figure = figureRowsOf(resolved.kind as FigurePartKind, resolved.type.name, resolved.type, 0).find(f => f.property === property.name);
    if (!figure) return undefined; // a word property (kind, protocol) that is not a figure
    const warning = figure.status === 'assumption' ? '\n\n**This figure is an assumption**: numbers computed from it are marked *(assumed)*.'
        : figure.status === 'unsourced' ? '\n\n**No source**: add `source "…" vendor` (or secondary, derivation "arithmetic", assumption) after the value.' : '';
    return `**source of ${part.name}.${property.name}:** ${citationCell(figure)}${warning}`;
}
