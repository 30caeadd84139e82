import { DocumentState, URI } from 'langium';
import { createRequestHandler, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, Hover, HoverParams } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { FabricDocumentBuilder } from '../workspace/fabric-document-builder.js';

/**
 * Hovers that never wait behind the build of a large document. Langium answers a hover once the
 * document's new version is linked, which for a 10,000-link file being typed into means after its
 * parse and link (seconds, when keystrokes keep restarting them). While a new version is being
 * built, this answers from the last linked version (DocumentSnapshots), the position mapped
 * across the edit; a position inside the edited stretch, or a document with no linked version,
 * takes Langium's way and waits.
 *
 * Installed after the language server starts, in place of Langium's hover handler.
 */
export function registerHoverDuringBuild(connection: Connection, shared: LangiumSharedServices, services: FabricServices): void {
    const wait = createRequestHandler<HoverParams, Hover>(
        (language, document, params, token) => language.lsp?.HoverProvider?.getHoverContent(document, params, token), shared, DocumentState.Linked);
    const snapshots = (shared.workspace.DocumentBuilder as FabricDocumentBuilder).snapshots;
    connection.onHover(async (params, token) => {
        const live = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.textDocument.uri));
        const snapshot = snapshots.get(params.textDocument.uri);
        const current = shared.workspace.TextDocuments.get(params.textDocument.uri);
        if (live && live.state < DocumentState.Linked && snapshot && current) {
            const position = snapshot.mapPosition(current, params.position);
            if (position) {
                const hover = await services.lsp.HoverProvider?.getHoverContent(snapshot.document, { ...params, position }, token);
                // A range would be in the old text's coordinates: leave it out.
                return hover ? { contents: hover.contents } : null;
            }
        }
        return wait(params, token);
    });
}
