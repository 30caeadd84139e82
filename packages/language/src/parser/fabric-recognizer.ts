import { AbstractLangiumParser, GrammarAST, type LangiumCoreServices, type ParseResult } from 'langium';
import type { FabricLexer } from './fabric-lexer.js';
import { buildRules, sharedRuleArguments } from './lean-parser-builder.js';

/** What a parse finds wrong with a text, without its tree: the fields of a ParseResult the syntax diagnostics read. */
export type SyntaxFindings = Pick<ParseResult, 'lexerErrors' | 'lexerReport' | 'parserErrors'>;

type RuleImpl = Parameters<AbstractLangiumParser['rule']>[1];
type RuleResult = ReturnType<AbstractLangiumParser['rule']>;
type TokenType = Parameters<AbstractLangiumParser['consume']>[1];
type Args = Parameters<AbstractLangiumParser['subrule']>[4];

/**
 * The Fabric grammar as a recognizer: Langium's parser without its syntax tree. It drives the same
 * Chevrotain rules, lookahead and error recovery over the same tokens as FabricParser (the same
 * grammar, the same lexer and its nesting limit, the same error messages, `incomplete` off as
 * there), so it finds exactly the parse's errors; but it builds no CST leaf per token, no AST
 * node, no reference, which is most of a parse's time and nearly all of its garbage. On a
 * 12,800-line fabric it answers in a fraction of the full parse, so a large document's syntax
 * errors can be shown before its tree is built (see lsp/early-diagnostics.ts).
 */
class Recognizer extends AbstractLangiumParser {
    /** With no parser rule taking parameters, every rule call passes the same empty arguments (as LeanLangiumParser does). */
    private readonly noArguments: { ARGS: unknown[] } | undefined;

    constructor(services: LangiumCoreServices) {
        super(services, false);
        this.noArguments = sharedRuleArguments(services.Grammar);
    }

    rule(rule: GrammarAST.ParserRule | GrammarAST.InfixRule, impl: RuleImpl): RuleResult {
        const method = this.wrapper.DEFINE_RULE(`${rule.name}\u200B`, impl);
        this.allRules.set(rule.name, method);
        if (GrammarAST.isParserRule(rule) && rule.entry) this.mainRule = method;
        return method;
    }

    consume(idx: number, tokenType: TokenType): void {
        this.wrapper.wrapConsume(idx, tokenType);
    }

    subrule(idx: number, rule: RuleResult, _fragment: boolean, _feature: unknown, args: Args): void {
        if (this.noArguments) (this.wrapper as unknown as { subrule(idx: number, rule: RuleResult, options: { ARGS: unknown[] }): unknown }).subrule(idx, rule, this.noArguments);
        else this.wrapper.wrapSubrule(idx, rule, args);
    }

    action(): void {
        // Actions only shape the tree, which a recognizer does not build.
    }

    recognize(lexed: ReturnType<FabricLexer['tokenize']>): SyntaxFindings {
        this.wrapper.input = lexed.tokens;
        try {
            this.mainRule.call(this.wrapper, {});
            return { lexerErrors: lexed.errors, lexerReport: lexed.report, parserErrors: this.wrapper.errors };
        } finally {
            this.unorderedGroups.clear();
            this.wrapper.input = [];
        }
    }
}

/**
 * The syntax check of a whole text (a Langium service: `parser.FabricSyntaxCheck`). Its lexing is
 * kept for the parse that follows (FabricLexer.keep), so the text is tokenized once.
 *
 * A recognizer that throws (nothing should: the lexer keeps nesting within the stack's reach) is
 * replaced by a fresh one, and the check answers undefined: the full parse then reports.
 */
export class FabricSyntaxCheck {
    private recognizer: Recognizer | undefined;
    private readonly lexer: FabricLexer;
    /** How many texts were checked (the server reports it in `fabric/serverStats`). */
    checks = 0;

    constructor(private readonly services: LangiumCoreServices) {
        this.lexer = services.parser.Lexer as FabricLexer;
    }

    check(text: string): SyntaxFindings | undefined {
        this.checks++;
        const lexed = this.lexer.keep(text);
        try {
            return this.instance().recognize(lexed);
        } catch {
            this.recognizer = undefined;
            return undefined;
        }
    }

    private instance(): Recognizer {
        if (!this.recognizer) {
            // The rules built as FabricParser's are (the same elements, occurrence numbers and order), so its errors are theirs.
            this.recognizer = buildRules(this.services, new Recognizer(this.services));
        }
        return this.recognizer;
    }
}
