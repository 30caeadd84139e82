import { AstUtils, isReference, type AstNode } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { EditedStatement } from '../parser/edit-syntax-check.js';
import type { FabricLinker } from '../scoping/fabric-linker.js';
import { REFERENCE_TARGET_TYPES } from '../scoping/fabric-scope-provider.js';
import type { FabricDocumentValidator } from '../validation/fabric-document-validator.js';

/**
 * The linking errors of an edited statement judged alone (EditSyntaxCheck), its references resolved
 * where it stands: its new tree is placed under the previous tree's container of the statement
 * (still the document's, linked, before the rebuild), so each name resolves as it will in the new
 * tree. That holds when neither the old nor the new statement declares anything a reference can
 * name (a part type, an instance, group or layer, a configuration, an index variable): the names
 * visible everywhere are then the same before and after the edit, and so is what every other
 * reference resolves to. Otherwise nothing is said (undefined): the rebuild's linking tells.
 */
export function statementLinkingDiagnostics(services: FabricServices, edited: EditedStatement): Diagnostic[] | undefined {
    const reflection = services.shared.AstReflection;
    const declares = (node: AstNode) => AstUtils.streamAst(node).some(n => REFERENCE_TARGET_TYPES.some(type => reflection.isSubtype(n.$type, type)));
    const statement = edited.parsed.value as AstNode & { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
    if (declares(edited.previous) || declares(statement)) return undefined;
    statement.$container = edited.previous.$container;
    statement.$containerProperty = edited.previous.$containerProperty;
    statement.$containerIndex = edited.previous.$containerIndex;
    const references = (services.references.Linker as FabricLinker).recorded(statement).map(info => info.reference).filter(isReference);
    for (const reference of references) void reference.ref;
    return (services.validation.DocumentValidator as FabricDocumentValidator).linkingDiagnostics(references);
}
