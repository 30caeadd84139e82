import { AstUtils, type References, type ValidationAcceptor } from 'langium';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { isConfiguration, isFabric, isInstance, isPartType, type FabricFile } from '../generated/ast.js';
import { memberStatements } from './declarations.js';
import { FabricCode } from './fabric-codes.js';

/**
 * Declarations nothing refers to: part types in a file that builds a fabric, OCS configurations
 * no phase runs on, laser sources that feed no link. Hints, faded in the editor, each with a
 * quick fix to remove it. Part types in a library file (no fabric) exist to be imported.
 */
export function declarationsShouldBeUsed(file: FabricFile, references: References, accept: ValidationAcceptor): void {
    const buildsFabric = file.elements.some(isFabric);
    for (const node of memberStatements(file)) {
        let what: string | undefined;
        let name: string | undefined;
        if (isPartType(node) && (buildsFabric || AstUtils.getContainerOfType(node, isFabric))) [what, name] = [`${node.kind} type`, node.name];
        else if (isConfiguration(node)) [what, name] = ['configuration', node.name];
        else if (isInstance(node) && node.kind === 'laser') [what, name] = ['laser source', node.name];
        if (!what || !name) continue;
        if (references.findReferences(node, { includeDeclaration: false }).isEmpty()) {
            const use = isConfiguration(node) ? '; no phase runs on it' : isInstance(node) ? '; it feeds no link' : '';
            accept('hint', `${what} '${name}' is never used${use}`, {
                node, property: 'name', code: FabricCode.Unused, data: { code: FabricCode.Unused }, tags: [DiagnosticTag.Unnecessary]
            });
        }
    }
}
