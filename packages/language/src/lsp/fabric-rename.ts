import { AstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type Position, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { CstUtils } from 'langium';
import { catalogName, isCatalogFile } from '../workspace/read-only-files.js';

/**
 * Rename, with the shipped catalog read-only: a symbol declared there (B200, NVLinkCopper, …) is
 * refused with a message that says where it lives and what to do instead, before the user types a
 * name (prepareRename) and again on rename; a rename never edits a catalog file. References come
 * from the loaded documents only: the workspace, the catalog and open files (closed files outside
 * the workspace are unloaded by FabricDocumentUpdateHandler).
 */
export class FabricRenameProvider extends DefaultRenameProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        this.refuseCatalogSymbol(document, params.position);
        const edit = await super.rename(document, params);
        const touched = Object.keys(edit?.changes ?? {}).filter(isCatalogFile);
        if (touched.length > 0) throw refusal(`renaming would edit the shipped catalog (${touched.map(catalogName).join(', ')}), which is read-only`);
        return edit;
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        this.refuseCatalogSymbol(document, params.position);
        return super.prepareRename(document, params) as Range | undefined;
    }

    private refuseCatalogSymbol(document: LangiumDocument, position: Position): void {
        if (isCatalogFile(document.uri)) throw refusal(`${catalogName(document.uri)} is part of the shipped catalog, which is read-only`);
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) return;
        for (const declaration of this.references.findDeclarations(leaf)) {
            const home = AstUtils.getDocument(declaration).uri;
            if (isCatalogFile(home)) {
                const name = (declaration as { name?: string }).name ?? leaf.text;
                throw refusal(`'${name}' is declared in the shipped catalog (${catalogName(home)}), which is read-only; to change it, declare your own type in this file, e.g. '${kindOf(declaration)} My${name} extends ${name} { … }', and use that`);
            }
        }
    }
}

function kindOf(node: unknown): string {
    return (node as { kind?: string }).kind ?? 'accelerator';
}

function refusal(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}
