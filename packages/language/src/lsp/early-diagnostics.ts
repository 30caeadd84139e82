import { DocumentState, DocumentValidator, type LangiumDocument } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { FabricDocumentBuilder } from '../workspace/fabric-document-builder.js';
import type { FabricDocumentValidator } from '../validation/fabric-document-validator.js';
import { LARGE_DOCUMENT_CHARS } from '../workspace/fabric-document-update-handler.js';

/** Langium's own codes for what the parser and linker find (computed again by every build). */
const SYNTAX_AND_LINKING = new Set<string>([
    DocumentValidator.LexingError, DocumentValidator.LexingWarning, DocumentValidator.LexingInfo, DocumentValidator.LexingHint,
    DocumentValidator.ParsingError, DocumentValidator.LinkingError
]);

/**
 * Syntax and linking diagnostics of a large document as soon as it is linked, before the model
 * checks (elaboration, reach, ports: most of a 10,000-link file's validation) finish and Langium
 * publishes everything. The previous version's other findings are carried over, moved with the
 * text, except where the edit touched them, so nothing flickers away meanwhile; the full
 * publication replaces them. Small documents validate quickly and are published once, as usual.
 */
export function registerEarlyDiagnostics(connection: Connection, services: FabricServices): void {
    const shared = services.shared.workspace;
    const snapshots = (shared.DocumentBuilder as FabricDocumentBuilder).snapshots;
    shared.DocumentBuilder.onDocumentPhase(DocumentState.Linked, async (document: LangiumDocument) => {
        const uri = document.uri.toString();
        const current = shared.TextDocuments.get(uri);
        if (!current || document.textDocument.getText().length < LARGE_DOCUMENT_CHARS) return;
        const syntax = (services.validation.DocumentValidator as FabricDocumentValidator).syntaxAndLinkingDiagnostics(document);
        const snapshot = snapshots.get(uri);
        const carried: Diagnostic[] = [];
        for (const diagnostic of snapshot?.document.diagnostics ?? []) {
            const code = String((diagnostic.data as { code?: unknown } | undefined)?.code ?? diagnostic.code ?? '');
            if (SYNTAX_AND_LINKING.has(code)) continue;
            const range = snapshot!.mapRangeForward(current, diagnostic.range);
            if (range) carried.push({ ...diagnostic, range });
        }
        await connection.sendDiagnostics({ uri, diagnostics: [...syntax, ...carried] });
    });
}
