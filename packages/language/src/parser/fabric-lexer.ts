import { DefaultLexer, type LangiumCoreServices, type LexerResult, type LexingReport, type TokenizeOptions } from 'langium';
import { FabricScanner } from './fabric-scanner.js';
import { limitNesting, type NestingTooDeep } from './nesting-limit.js';
import { lineStarts, tokenLeaf, TokenKinds } from './token-leaf.js';

type TokenType = LexerResult['tokens'][number]['tokenType'];

/** The member of Chevrotain's Lexer that makes each token (set by its constructor from the position tracking). */
interface ChevrotainTokenMaker {
    createTokenInstance(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType, startLine: number, startColumn: number, imageLength: number): unknown;
    createFullToken: ChevrotainTokenMaker['createTokenInstance'];
}

/** The lexing report, with where blocks nested too deep (FabricValidator reports it). */
export interface FabricLexingReport extends LexingReport {
    readonly nestingTooDeep?: NestingTooDeep;
}

/**
 * Langium's lexer, with the token stream kept within the nesting limit, so that no input can
 * overflow the recursive-descent parser's stack (or completion's, which lexes the same way).
 *
 * One tokenization can be kept (`keep`) for the next parse of the very same text: the syntax check
 * of a large document (FabricSyntaxCheck) lexes it just before its parse, which then reuses the
 * tokens instead of lexing the text again. The kept tokens serve one parse and are released by it,
 * or by `forget` (the document builder calls it once its parse phase is over).
 *
 * Its tokens are TokenLeafs (token-leaf.ts), which the parser adopts as the CST's leaves. Well-formed
 * text is lexed by FabricScanner (fabric-scanner.ts: the same tokens, several times faster),
 * anything it is not sure of by Chevrotain.
 */
export class FabricLexer extends DefaultLexer {
    private kept: { text: string; result: LexerResult } | undefined;
    /** The token kinds of the text being tokenized (each TokenLeaf reads its type and image from its kind). */
    private kinds = new TokenKinds('', [0]);
    /** The hand-written scanner that lexes well-formed text in Chevrotain's place (undefined: Chevrotain lexes everything). */
    readonly scanner: FabricScanner | undefined;

    constructor(services: LangiumCoreServices) {
        super(services);
        const maker = (this as unknown as { chevrotainLexer: ChevrotainTokenMaker }).chevrotainLexer;
        // Only in place of Chevrotain's full position tracking (Langium's), whose token TokenLeaf is.
        if (maker.createTokenInstance === maker.createFullToken) {
            maker.createTokenInstance = (image, startOffset, _tokenTypeIdx, tokenType, startLine, startColumn, imageLength) =>
                tokenLeaf(this.kinds, image, startOffset, tokenType, startLine, startColumn, imageLength);
            this.scanner = FabricScanner.from(this.definition, (maker.constructor as unknown as { SKIPPED: string }).SKIPPED);
        }
    }

    /** Chevrotain's tokenization of `text`, as Langium's lexer makes it (with TokenLeafs). */
    chevrotainTokenize(text: string, options?: TokenizeOptions): LexerResult {
        this.kinds = new TokenKinds(text, lineStarts(text));
        try {
            return super.tokenize(text, options);
        } finally {
            this.kinds = new TokenKinds('', [0]);
        }
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const kept = this.kept;
        if (kept && kept.text === text && options?.mode === undefined) {
            this.kept = undefined;
            return kept.result;
        }
        const scanned = this.scanner?.scan(text);
        const result: LexerResult = scanned
            ? { tokens: scanned.tokens, errors: [], hidden: scanned.hidden, report: this.tokenBuilder.flushLexingReport?.(text) }
            : this.chevrotainTokenize(text, options);
        const limited = limitNesting(result.tokens);
        if (!limited) return result;
        const report: FabricLexingReport = { diagnostics: result.report?.diagnostics ?? [], nestingTooDeep: limited.tooDeep };
        return { ...result, tokens: limited.tokens, report };
    }

    /** Tokenizes `text` and keeps the result for the next parse of the same text. */
    keep(text: string): LexerResult {
        this.kept = undefined;
        const result = this.tokenize(text);
        // The parser takes the hidden tokens (comments) out of their array as it places them: the parse gets its own array.
        this.kept = { text, result: { ...result, hidden: [...result.hidden] } };
        return result;
    }

    forget(): void {
        this.kept = undefined;
    }
}
