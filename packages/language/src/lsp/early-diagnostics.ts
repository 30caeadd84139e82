import { DocumentState, DocumentValidator, URI } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FabricServices } from '../fabric-module.js';
import { FabricLexer } from '../parser/fabric-lexer.js';
import type { FabricDocumentValidator } from '../validation/fabric-document-validator.js';
import { Snapshot } from '../workspace/document-snapshots.js';
import { statementLinkingDiagnostics } from './statement-diagnostics.js';
import type { FabricDocumentBuilder } from '../workspace/fabric-document-builder.js';
import { LARGE_DOCUMENT_CHARS, type FabricDocumentUpdateHandler } from '../workspace/fabric-document-update-handler.js';

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
 * - before it is parsed: its lexing and parsing errors, from the syntax check (a recognizer pass
 *   over the new text that builds no tree, FabricSyntaxCheck: a typo shows without waiting for the
 *   parse; its tokens serve the parse that follows) — or none, at once, when the edit falls inside
 *   one statement of an error-free text and that statement parses alone (EditSyntaxCheck);
 * - once parsed: the same, unless the syntax check already published them for this text;
 * - once linked: those and its linking errors.
 *
 * Each publication carries over the last validated version's other findings (at the first, its
 * linking errors too), moved with the text, except where the edit touched them (or, after an edit
 * judged from its statement, within that statement), so nothing
 * flickers away meanwhile; the next publication replaces them, the full one last. Small documents
 * validate quickly and are published once, as usual.
 */
export function registerEarlyDiagnostics(connection: Connection, services: FabricServices): void {
    const shared = services.shared.workspace;
    const snapshots = (shared.DocumentBuilder as FabricDocumentBuilder).snapshots;
    const validator = services.validation.DocumentValidator as FabricDocumentValidator;
    /** The text each document's syntax check published for, until its parse. */
    const checked = new Map<string, string>();

    /** The last validated version of `uri`: a snapshot while a rebuild runs, else the document itself (once validated). */
    const lastValidated = (uri: string): Snapshot | undefined => {
        const snapshot = snapshots.get(uri);
        if (snapshot) return snapshot;
        const document = shared.LangiumDocuments.getDocument(URI.parse(uri));
        const text = document?.parseResult.value.$cstNode?.root.fullText;
        if (!document || document.state < DocumentState.Validated || text === undefined) return undefined;
        const textDocument = TextDocument.create(uri, document.textDocument.languageId, 0, text);
        return new Snapshot({ ...document, textDocument }, text);
    };

    /** Publishes `fresh` with the last validated version's other findings, except those of the `recomputed` codes and those in `replaced` (previous text's offsets). */
    const publish = async (uri: string, fresh: Diagnostic[], recomputed: ReadonlySet<string>, replaced?: { start: number; end: number }) => {
        const current = shared.TextDocuments.get(uri);
        if (!current || current.getText().length < LARGE_DOCUMENT_CHARS) return;
        const previous = lastValidated(uri);
        const carried: Diagnostic[] = [];
        for (const diagnostic of previous?.document.diagnostics ?? []) {
            const code = String((diagnostic.data as { code?: unknown } | undefined)?.code ?? diagnostic.code ?? '');
            if (recomputed.has(code)) continue;
            if (replaced && within(previous!.document.textDocument.offsetAt(diagnostic.range.start), replaced)) continue;
            const range = previous!.mapRangeForward(current, diagnostic.range);
            if (range) carried.push({ ...diagnostic, range });
        }
        await connection.sendDiagnostics({ uri, diagnostics: [...fresh, ...carried] });
    };

    (services.shared.lsp.DocumentUpdateHandler as FabricDocumentUpdateHandler).onCoalescedRebuild(async uris => {
        for (const uri of uris) {
            const text = shared.TextDocuments.get(uri)?.getText();
            if (text === undefined || text.length < LARGE_DOCUMENT_CHARS || !services.shared.ServiceRegistry.hasServices(URI.parse(uri))) continue;
            const fabric = services.shared.ServiceRegistry.getServices(URI.parse(uri)) as FabricServices;
            // Judged against the last validated version (a snapshot's tree while a rebuild runs): its findings are the ones carried.
            const last = lastValidated(uri);
            const edited = last && fabric.parser.EditSyntaxCheck.judge(last.document.parseResult, text);
            if (edited) {
                // An edit inside one statement of an error-free text, and the statement parses alone: the whole text has no
                // syntax error; the statement's linking errors are known from it alone (or, where it declares names, left to the rebuild).
                checked.set(uri, text);
                await publish(uri, statementLinkingDiagnostics(fabric, edited) ?? [], SYNTAX, edited);
                continue;
            }
            const findings = fabric.parser.FabricSyntaxCheck.check(text);
            if (!findings) continue;
            checked.set(uri, text);
            await publish(uri, validator.syntaxDiagnostics(findings), SYNTAX);
        }
    });
    shared.DocumentBuilder.onBuildPhase(DocumentState.Parsed, () => {
        // Tokens kept for a parse that did not come (the text changed again meanwhile) are released.
        for (const { parser } of services.shared.ServiceRegistry.all) if (parser.Lexer instanceof FabricLexer) parser.Lexer.forget();
    });
    shared.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, document => {
        const uri = document.uri.toString();
        const published = checked.get(uri) === document.textDocument.getText();
        checked.delete(uri);
        return published ? Promise.resolve() : publish(uri, validator.syntaxDiagnostics(document), SYNTAX);
    });
    shared.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => publish(document.uri.toString(), validator.syntaxAndLinkingDiagnostics(document), SYNTAX_AND_LINKING));
}

function within(offset: number, stretch: { start: number; end: number }): boolean {
    return offset >= stretch.start && offset < stretch.end;
}
