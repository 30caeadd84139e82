import { DocumentState, URI, type Cancellation, type LangiumDocument } from 'langium';
import type { FabricServices } from '../fabric-module.js';

/** The document a custom request names (`{ uri }`), once it is linked; undefined for one the server does not know. */
export async function linkedDocument(services: FabricServices, uri: string, token: Cancellation.CancellationToken): Promise<LangiumDocument | undefined> {
    const workspace = services.shared.workspace;
    const parsed = URI.parse(uri);
    await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, parsed, token);
    return workspace.LangiumDocuments.getDocument(parsed);
}
