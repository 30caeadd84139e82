import { DefaultDocumentValidator, type LangiumDocument, type ParseResult, type Reference, type ValidationOptions } from 'langium';
import type { SyntaxFindings } from '../parser/fabric-recognizer.js';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';

/**
 * Every diagnostic carries its code in `code`, where the Problems panel shows it and clients key
 * on it: Langium puts the codes of lexing, parsing and linking errors only in `data.code`.
 */
export class FabricDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        return withCodes(await super.validateDocument(document, options, cancelToken));
    }

    /**
     * What `validateDocument(document, { categories: ['built-in'] })` gives — the lexing, parsing
     * and linking errors — without its walk over every node of the tree looking for checks (none
     * can be registered in that category): the walk, an await per node, was about 400 ms of a
     * 10,000-link file's early publication.
     */
    syntaxAndLinkingDiagnostics(document: LangiumDocument): Diagnostic[] {
        const diagnostics = this.syntaxDiagnostics(document);
        this.processLinkingErrors(document, diagnostics, {});
        return withCodes(diagnostics);
    }

    /** The linking errors among `references` (resolved by now), as `syntaxAndLinkingDiagnostics` reports them. */
    linkingDiagnostics(references: readonly Reference[]): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        this.processLinkingErrors({ references } as unknown as LangiumDocument, diagnostics, {});
        return withCodes(diagnostics);
    }

    /** The lexing and parsing errors alone, of a document just parsed (not linked yet) or of a syntax check's findings. */
    syntaxDiagnostics(parsed: LangiumDocument | SyntaxFindings): Diagnostic[] {
        const findings = 'parseResult' in parsed ? parsed.parseResult : parsed;
        const diagnostics: Diagnostic[] = [];
        this.processLexingErrors(findings as ParseResult, diagnostics, {});
        this.processParsingErrors(findings as ParseResult, diagnostics, {});
        return withCodes(diagnostics);
    }
}

function withCodes(diagnostics: Diagnostic[]): Diagnostic[] {
    for (const diagnostic of diagnostics) {
        const code = (diagnostic.data as { code?: unknown } | undefined)?.code;
        if (diagnostic.code === undefined && typeof code === 'string') diagnostic.code = code;
    }
    return diagnostics;
}
