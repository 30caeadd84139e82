import { unitsOf, UNITS } from '@fabric/simulator';
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { isConnect, isQuantity, type FabricFile } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { isCatalogFile } from '../workspace/read-only-files.js';
import type { ReachExceededData } from '../validation/reach-rules.js';
import type { FabricImports } from '../workspace/fabric-imports.js';
import { editDistance, expectedDimensions } from './quantity-dimensions.js';
import { creationFor } from './create-declaration-fix.js';
import { visiblePartTypes } from '../validation/part-lookup.js';
import { opticsChoices, opticsEdits, opticsTitle } from './optics-fix.js';
import { addSpareLasers } from './spare-laser-fix.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';

type Fix = (diagnostic: Diagnostic, document: LangiumDocument<FabricFile>) => CodeAction[];

/**
 * Quick fixes keyed on diagnostic codes (never on message text): pick optics that reach, correct
 * a unit, create a missing part type or configuration, remove an unused declaration, add spare lasers.
 */
export class FabricCodeActionProvider implements CodeActionProvider {
    readonly documents: LangiumDocuments;
    readonly imports: FabricImports;
    readonly elaboration: FabricElaboration;
    private readonly fixes: Record<string, Fix>;

    constructor(services: FabricServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.imports = services.workspace.FabricImports;
        this.elaboration = services.elaboration.FabricElaboration;
        this.fixes = {
            [FabricCode.ReachExceeded]: this.opticsThatReach,
            [FabricCode.WrongDimension]: correctUnit,
            [FabricCode.UnknownUnit]: correctUnit,
            [FabricCode.MissingUnit]: correctUnit,
            [FabricCode.Unresolved]: this.createMissingDeclaration,
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

    /** The declaration an unresolved type or configuration name asks for, made to satisfy it (see create-declaration-fix.ts). */
    private createMissingDeclaration: Fix = (diagnostic, document) => {
        const name = document.textDocument.getText(diagnostic.range);
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        if (!leaf || !/^[_a-zA-Z]\w*$/.test(name)) return [];
        const visible = visiblePartTypes(document.parseResult.value, this.documents, this.imports);
        const creation = creationFor(name, leaf.astNode, document, this.elaboration, visible);
        return creation ? [quickFix(creation.title, diagnostic, document, [{ range: { start: creation.at, end: creation.at }, newText: creation.text }], true)] : [];
    };

    /** Link types that reach and keep the link consistent, cheapest first (the preferred fix); a catalog import when nothing visible fits. */
    private opticsThatReach: Fix = (diagnostic, document) => {
        const length = (diagnostic.data as ReachExceededData | undefined)?.lengthMeters;
        const connect = nodeAt(document, diagnostic.range.start, isConnect);
        if (length === undefined || !connect?.optics?.$refNode) return [];
        return opticsChoices(connect, length, this).map((choice, i) => quickFix(opticsTitle(choice), diagnostic, document, opticsEdits(connect, choice, document), i === 0));
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
