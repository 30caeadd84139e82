import { DefaultLexer, type LexerResult, type LexingReport, type TokenizeOptions } from 'langium';
import { limitNesting, type NestingTooDeep } from './nesting-limit.js';

/** The lexing report, with where blocks nested too deep (FabricValidator reports it). */
export interface FabricLexingReport extends LexingReport {
    readonly nestingTooDeep?: NestingTooDeep;
}

/**
 * Langium's lexer, with the token stream kept within the nesting limit, so that no input can
 * overflow the recursive-descent parser's stack (or completion's, which lexes the same way).
 */
export class FabricLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const limited = limitNesting(result.tokens);
        if (!limited) return result;
        const report: FabricLexingReport = { diagnostics: result.report?.diagnostics ?? [], nestingTooDeep: limited.tooDeep };
        return { ...result, tokens: limited.tokens, report };
    }
}
