import { DocumentState, DocumentValidator, type LangiumDocument } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import type { FabricDocumentValidator } from '../validation/fabric-document-validator.js';
import type { FabricDocumentBuilder } from '../workspace/fabric-document-builder.js';
import { LARGE_DOCUMENT_CHARS } from '../workspace/fabric-document-update-handler.js';

/** Langium's codes for what the lexer and parser find, and for what the linker finds (computed again by every build). */
const SYNTAX = new Set<string>([
    DocumentValidator.LexingError, DocumentValidator.LexingWarning, DocumentValidator.LexingInfo, DocumentValidator.LexingHint,
    DocumentValidator.ParsingError
]);
const SYNTAX_AND_LINKING = new Set<string>([...SYNTAX, DocumentValidator.LinkingError]);

/**
 * Early diagnostics of a large document, before the model checks (elaboration, reach, ports: most
 * of a 10,000-link file's validation) finish and Langium publishes everything:
 *
 * - once parsed: its lexing and parsing errors (a typo shows before linking starts);
 * - once linked: those and its linking errors.
 *
 * Each publication carries over the previous version's other findings (at the first, its linking
 * errors too), moved with the text, except where the edit touched them, so nothing flickers away
 * meanwhile; the next publication replaces them, the full one last. Small documents validate
 * quickly and are published once, as usual.
 */
export function registerEarlyDiagnostics(connection: Connection, services: FabricServices): void {
    const shared = services.shared.workspace;
    const snapshots = (shared.DocumentBuilder as FabricDocumentBuilder).snapshots;
    const validator = services.validation.DocumentValidator as FabricDocumentValidator;
    const publish = async (document: LangiumDocument, fresh: Diagnostic[], recomputed: ReadonlySet<string>) => {
        const uri = document.uri.toString();
        const current = shared.TextDocuments.get(uri);
        if (!current || document.textDocument.getText().length < LARGE_DOCUMENT_CHARS) return;
        const snapshot = snapshots.get(uri);
        const carried: Diagnostic[] = [];
        for (const diagnostic of snapshot?.document.diagnostics ?? []) {
            const code = String((diagnostic.data as { code?: unknown } | undefined)?.code ?? diagnostic.code ?? '');
            if (recomputed.has(code)) continue;
            const range = snapshot!.mapRangeForward(current, diagnostic.range);
            if (range) carried.push({ ...diagnostic, range });
        }
        await connection.sendDiagnostics({ uri, diagnostics: [...fresh, ...carried] });
    };
    shared.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, document => publish(document, validator.syntaxDiagnostics(document), SYNTAX));
    shared.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => publish(document, validator.syntaxAndLinkingDiagnostics(document), SYNTAX_AND_LINKING));
}
