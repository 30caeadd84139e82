import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isFabric, isInstance, type FabricFile } from '../generated/ast.js';
import { findProperty } from '../validation/part-lookup.js';

/**
 * Adds one spare laser (N+1) to the laser source type of the instance the diagnostic marks. A type
 * declared in this file gets `spares 1`; an imported one (the shipped catalog is not to be edited)
 * gets a derived type here, `laser ELSFPSpared extends ELSFP { spares 1 }`, and the instance uses it.
 */
export function addSpareLasers(diagnostic: Diagnostic, document: LangiumDocument<FabricFile>): CodeAction[] {
    const root = document.parseResult.value;
    const leaf = root.$cstNode && CstUtils.findLeafNodeAtOffset(root.$cstNode, document.textDocument.offsetAt(diagnostic.range.start));
    const instance = leaf && AstUtils.getContainerOfType(leaf.astNode, isInstance);
    const type = instance?.type?.ref;
    if (!instance || !type || type.kind !== 'laser' || !instance.type.$refNode) return [];
    const text = document.textDocument;
    const edits: TextEdit[] = [];
    if (AstUtils.getDocument(type) === document) {
        const spares = findProperty(type, 'spares');
        const ownSpares = spares && spares.$container === type ? spares : undefined;
        const valueNode = ownSpares && GrammarUtils.findNodeForProperty(ownSpares.$cstNode, 'value');
        if (valueNode) {
            edits.push({ range: valueNode.range, newText: '1' });
        } else {
            const close = type.$cstNode!.end - 1;
            const at = text.positionAt(close);
            const multiline = text.getText().slice(type.$cstNode!.offset, close).includes('\n');
            edits.push({ range: { start: at, end: at }, newText: multiline ? '    spares 1\n' : 'spares 1 ' });
        }
    } else {
        const derived = `${type.name}Spared`;
        const fabric = root.elements.find(isFabric);
        const at = text.positionAt(fabric?.$cstNode?.offset ?? 0);
        edits.push({ range: { start: at, end: at }, newText: `laser ${derived} extends ${type.name} {\n    spares 1\n}\n\n` });
        edits.push({ range: instance.type.$refNode.range, newText: derived });
    }
    return [{
        title: `Add a spare laser to ${type.name} (N+1)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: edits } }
    }];
}
