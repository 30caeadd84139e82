import {
    figureName, figureProvenance, figureRowsOf, figureValue, type FabricModel, type FigurePartKind, type FigureRow, type SourceRef
} from '@fabric/simulator';
import type { ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import { isPartType, type Fabric, type FabricFile, type PartType, type Source } from '../generated/ast.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import { FabricCode } from './fabric-codes.js';

/** A `source` clause says something: a citation, and for a derivation its arithmetic (and only a derivation has one). */
export function sourceShouldBeComplete(source: Source, accept: ValidationAcceptor): void {
    if (source.citation !== undefined && source.citation.trim() === '') {
        accept('warning', 'say where the figure comes from: a document, page or paper, or for an assumption its reasoning', {
            node: source, property: 'citation', code: FabricCode.EmptyCitation, data: { code: FabricCode.EmptyCitation }
        });
    }
    if (source.kind === 'derivation' && (source.arithmetic === undefined || source.arithmetic.trim() === '')) {
        accept('warning', 'a derivation shows its arithmetic: source "…" derivation "17 W / 800 Gbps = 21.25 pJ/bit"', {
            node: source, property: 'kind', code: FabricCode.MissingArithmetic, data: { code: FabricCode.MissingArithmetic }
        });
    } else if (source.kind && source.kind !== 'derivation' && source.arithmetic !== undefined) {
        accept('warning', `only a derivation carries arithmetic; make this source a derivation or drop the second string`, {
            node: source, property: 'arithmetic', code: FabricCode.StrayArithmetic, data: { code: FabricCode.StrayArithmetic }
        });
    }
}

const KIND_WORDS: Readonly<Record<FigurePartKind, readonly [string, string]>> = {
    accelerator: ['accelerator', 'accelerators'], switch: ['switch', 'switches'], ocs: ['OCS', 'OCS'], link: ['link', 'links'], laser: ['laser source', 'laser sources'],
    component: ['component', 'components']
};

/**
 * `fabric check --strict-sources`: every figure a design rests on that is an assumption (written
 * as one, or Fabric's default for an undeclared figure) or has no source at all. Each is reported
 * where the design meets it: on the figure when its part type is declared in this file, else on
 * the first instance or connection using the type, with the figure's own place as related
 * information. A file of part types only (a catalog) has every declared figure checked.
 */
export function figuresShouldBeSourced(root: FabricFile, uri: string, modelOf: ReadonlyMap<Fabric, FabricModel>, accept: ValidationAcceptor): void {
    if (modelOf.size === 0) {
        catalogFiguresShouldBeSourced(root, uri, accept);
        return;
    }
    for (const [fabric, model] of modelOf) {
        for (const figure of figureProvenance(model).figures) {
            if (figure.status !== 'assumption' && figure.status !== 'unsourced') continue;
            const here = figure.source?.uri === uri ? figure.source : typeDeclaredHere(model, figure, uri) ?? firstUse(model, figure);
            const used = `${figure.uses.toLocaleString('en-US')} ${KIND_WORDS[figure.partKind][figure.uses === 1 ? 0 : 1]} of ${model.name} use it`;
            report(figure, here?.range ?? fabric.$cstNode!.range, fabric, used, accept);
        }
    }
}

function catalogFiguresShouldBeSourced(root: FabricFile, uri: string, accept: ValidationAcceptor): void {
    const resolver = new PartTypeResolver(() => undefined, new SourceRefs());
    for (const part of root.elements.filter(isPartType)) {
        const resolved = resolver.resolve(part);
        if (!resolved) continue; // its own diagnostics say why
        for (const figure of figureRowsOf(resolved.kind as FigurePartKind, resolved.type.name, resolved.type, 0)) {
            if (figure.status !== 'assumption' && figure.status !== 'unsourced') continue;
            const range = figure.source?.uri === uri ? figure.source.range : part.$cstNode!.range;
            report(figure, range, part, 'declared in this catalog', accept);
        }
    }
}

function report(figure: FigureRow, range: Range, node: Fabric | PartType, used: string, accept: ValidationAcceptor): void {
    const value = figureValue(figure);
    const what = `${figureName(figure)} ${value}`;
    const related: DiagnosticRelatedInformation[] = figure.source ? [{ location: figure.source, message: `${figureName(figure)} is declared here` }] : [];
    if (figure.citation?.source) related.push({ location: figure.citation.source, message: 'its source' });
    if (figure.status === 'assumption') {
        const message = figure.citation?.scope === 'default' ? `${figureName(figure)} is ${figure.citation.text}` : `${what} rests on an assumption: "${figure.citation?.text ?? ''}"`;
        accept('warning', `${message} (${used})`, { node, range, code: FabricCode.AssumedFigure, data: { code: FabricCode.AssumedFigure }, relatedInformation: related });
    } else {
        accept('warning', `${what} has no source; say where it comes from: source "…" vendor | secondary | derivation "arithmetic" | assumption (${used})`, {
            node, range, code: FabricCode.UnsourcedFigure, data: { code: FabricCode.UnsourcedFigure }, relatedInformation: related
        });
    }
}

/** The part type's own declaration, when it is in this file (Fabric's defaults have no place of their own). */
function typeDeclaredHere(model: FabricModel, figure: FigureRow, uri: string): SourceRef | undefined {
    const records = {
        accelerator: model.types.accelerators, switch: model.types.switches, ocs: model.types.ocs, link: model.types.optics, laser: model.types.lasers,
        component: model.types.components ?? {}
    };
    const source = records[figure.partKind][figure.part]?.source;
    return source?.uri === uri ? source : undefined;
}

/** The first instance, connection or laser source of the fabric that uses the figure's part type. */
function firstUse(model: FabricModel, figure: FigureRow): SourceRef | undefined {
    if (figure.partKind === 'link') {
        return model.links.find(l => l.optics === figure.part)?.source
            ?? model.ocsConfigurations.flatMap(c => c.circuits).find(c => c.optics === figure.part)?.source;
    }
    if (figure.partKind === 'laser') return model.laserSources.find(l => l.type === figure.part)?.source;
    if (figure.partKind === 'component') return model.components?.find(c => c.type === figure.part)?.source;
    return model.nodes.find(n => n.type === figure.part)?.source;
}
