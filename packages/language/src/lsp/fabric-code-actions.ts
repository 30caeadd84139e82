import { unitsOf, UNITS, formatQuantity } from '@fabric/simulator';
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import {
    isConfigurationOption, isConnect, isFabric, isInstance, isQuantity, type FabricFile, type PartKind
} from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import { PART_PROPERTIES } from '../elaboration/part-properties.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { propertyQuantity, visiblePartTypes } from '../validation/part-lookup.js';
import { isCatalogFile } from '../workspace/read-only-files.js';
import type { ReachExceededData } from '../validation/reach-rules.js';
import type { FabricImports } from '../workspace/fabric-imports.js';
import { editDistance, expectedDimensions } from './quantity-dimensions.js';
import { addSpareLasers } from './spare-laser-fix.js';

type Fix = (diagnostic: Diagnostic, document: LangiumDocument<FabricFile>) => CodeAction[];

/**
 * Quick fixes keyed on diagnostic codes (never on message text): pick optics that reach, correct
 * a unit, create a missing part type or configuration, remove an unused declaration, add spare lasers.
 */
export class FabricCodeActionProvider implements CodeActionProvider {
    private readonly documents: LangiumDocuments;
    private readonly imports: FabricImports;
    private readonly fixes: Record<string, Fix>;

    constructor(services: FabricServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.imports = services.workspace.FabricImports;
        this.fixes = {
            [FabricCode.ReachExceeded]: this.opticsThatReach,
            [FabricCode.WrongDimension]: correctUnit,
            [FabricCode.UnknownUnit]: correctUnit,
            [FabricCode.MissingUnit]: correctUnit,
            [FabricCode.Unresolved]: createMissingDeclaration,
            [FabricCode.Unused]: removeDeclaration,
            [FabricCode.LaserWithoutSpares]: (diagnostic, document) => addSpareLasers(diagnostic, document)
        };
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        if (isCatalogFile(document.uri)) return actions; // the shipped catalog is read-only
        for (const diagnostic of params.context.diagnostics) {
            const fix = this.fixes[codeOf(diagnostic)];
            if (fix) actions.push(...fix(diagnostic, document as LangiumDocument<FabricFile>));
        }
        return actions;
    }

    /** Optics types visible from the file whose reach covers the cable, shortest reach first. */
    private opticsThatReach: Fix = (diagnostic, document) => {
        const length = (diagnostic.data as ReachExceededData | undefined)?.lengthMeters;
        const connect = nodeAt(document, diagnostic.range.start, isConnect);
        if (length === undefined || !connect?.optics.$refNode) return [];
        const current = connect.optics.ref;
        const candidates = [...visiblePartTypes(document.parseResult.value, this.documents, this.imports).values()]
            .filter(part => part.kind === 'link' && part !== current)
            .map(part => ({ part, reach: propertyQuantity(part, 'reach', 'length') }))
            .filter((c): c is { part: typeof c.part; reach: number } => c.reach !== undefined && c.reach >= length)
            .sort((x, y) => x.reach - y.reach || x.part.name.localeCompare(y.part.name));
        return candidates.map(({ part, reach }, i) => quickFix(
            `Use ${part.name} (reaches ${formatQuantity(reach, 'length')})`, diagnostic, document,
            [{ range: connect.optics.$refNode!.range, newText: part.name }], i === 0));
    };
}

function codeOf(diagnostic: Diagnostic): string {
    return String(diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? '');
}

function quickFix(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], isPreferred = false): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [document.textDocument.uri]: edits } } };
}

function nodeAt<T extends AstNode>(document: LangiumDocument, position: Range['start'], guard: (node: unknown) => node is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}

/** Units of the expected dimension, closest to what was written first (at most three). */
const correctUnit: Fix = (diagnostic, document) => {
    const quantity = nodeAt(document, diagnostic.range.start, isQuantity);
    if (!quantity) return [];
    const written = quantity.unit ?? '';
    const options = expectedDimensions(quantity).filter(d => d !== 'count').flatMap(d => unitsOf(d))
        .filter(unit => unit !== written && !/^K(?!i)/.test(unit))
        .sort((a, b) => editDistance(written, a) - editDistance(written, b) || (UNITS.get(a)!.factor === 1 ? -1 : 0))
        .slice(0, 3);
    const unitNode = GrammarUtils.findNodeForProperty(quantity.$cstNode, 'unit');
    const valueNode = GrammarUtils.findNodeForProperty(quantity.$cstNode, 'value');
    return options.map((unit, i) => quickFix(`Change the unit to '${unit}'`, diagnostic, document,
        [unitNode ? { range: unitNode.range, newText: unit } : { range: { start: valueNode!.range.end, end: valueNode!.range.end }, newText: ` ${unit}` }], i === 0));
};

/** Sample values for the required properties of a new part type: valid, and plainly placeholders to edit. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
    ports: '8', radix: '64', reconfiguration: '10 ms', kind: 'dac', lanes: '2 x 200 Gbps per-direction', reach: '2 m', lasers: '8'
};

/** A part type skeleton (for `: T` or `via T`) or an empty configuration (for `on c`) named as the reference. */
const createMissingDeclaration: Fix = (diagnostic, document) => {
    const name = document.textDocument.getText(diagnostic.range);
    const root = document.parseResult.value;
    const instance = nodeAt(document, diagnostic.range.start, isInstance);
    const connect = nodeAt(document, diagnostic.range.start, isConnect);
    const option = nodeAt(document, diagnostic.range.start, isConfigurationOption);
    const fabric = nodeAt(document, diagnostic.range.start, isFabric);
    if (!/^[_a-zA-Z]\w*$/.test(name)) return [];
    if (option && fabric?.$cstNode) {
        const end = document.textDocument.positionAt(fabric.$cstNode.end - 1);
        return [quickFix(`Create configuration '${name}'`, diagnostic, document, [{ range: { start: end, end }, newText: `    configuration ${name} {\n    }\n` }], true)];
    }
    const kind: PartKind | undefined = instance?.type.$refNode && rangeEquals(instance.type.$refNode.range, diagnostic.range) ? instance.kind
        : connect?.optics.$refNode && rangeEquals(connect.optics.$refNode.range, diagnostic.range) ? 'link' : undefined;
    if (!kind) return [];
    const required = Object.entries(PART_PROPERTIES[kind]).filter(([, spec]) => spec.required).map(([property]) => `    ${property} ${PLACEHOLDERS[property] ?? '0'}`);
    const anchor = root.elements.find(isFabric)?.$cstNode ?? root.$cstNode;
    const at = document.textDocument.positionAt(anchor?.offset ?? 0);
    const text = `${kind} ${name} {\n${required.join('\n')}\n}\n\n`;
    return [quickFix(`Create ${kind} type '${name}'`, diagnostic, document, [{ range: { start: at, end: at }, newText: text }], true)];
};

/** Deletes the unused declaration with the whole lines it occupies. */
const removeDeclaration: Fix = (diagnostic, document) => {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    const declaration = leaf?.astNode.$cstNode;
    if (!declaration) return [];
    const text = document.textDocument.getText();
    let start = declaration.offset;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    let end = declaration.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    if ((start === 0 || text[start - 1] === '\n') && text[end] === '\n') end++;
    else start = declaration.offset;
    const name = document.textDocument.getText(diagnostic.range);
    return [quickFix(`Remove '${name}'`, diagnostic, document, [{ range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, newText: '' }], true)];
};

function rangeEquals(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
