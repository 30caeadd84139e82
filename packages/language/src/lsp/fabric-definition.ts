import { AstUtils, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import { isImport } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { FabricImports } from '../workspace/fabric-imports.js';

/** Go to definition on references, and on an import's path: the imported file. */
export class FabricDefinitionProvider extends DefaultDefinitionProvider {
    private readonly imports: FabricImports;

    constructor(services: FabricServices) {
        super(services);
        this.imports = services.workspace.FabricImports;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): MaybePromise<LocationLink[] | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const node = leaf && AstUtils.getContainerOfType(leaf.astNode, isImport);
        if (node?.path !== undefined && leaf && leaf.text.startsWith('"') && this.imports.importExists(node)) {
            const start = { line: 0, character: 0 };
            return [{ originSelectionRange: leaf.range, targetUri: this.imports.resolveImport(node).toString(), targetRange: { start, end: start }, targetSelectionRange: { start, end: start } }];
        }
        return super.getDefinition(document, params);
    }
}
