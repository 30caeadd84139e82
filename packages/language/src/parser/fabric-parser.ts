import type { FabricLinker } from '../scoping/fabric-linker.js';
import { type LangiumParser, type AstNode, type LangiumCoreServices, type LexerResult, type ParseResult, type ParserOptions } from 'langium';
import { LeanLangiumParser } from './lean-langium-parser.js';
import { buildRules } from './lean-parser-builder.js';

/**
 * The members of Langium 4.4's LangiumParser that its `parse` uses (private there): `parseTree`
 * below is that method without its container-linking pass (LeanLangiumParser links each node as
 * it is assigned). Checked against Langium's own parser by test/core/lean-parser-identity.test.ts.
 */
interface LangiumParserInternals {
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: LexerResult['hidden']): void };
    lexerResult: LexerResult | undefined;
    wrapper: { input: LexerResult['tokens']; errors: ParseResult['parserErrors'] };
    allRules: Map<string, unknown>;
    mainRule: unknown;
    unorderedGroups: Map<string, boolean[]>;
    doParse(rule: unknown): AstNode;
}

/**
 * Langium's parser, made safe to use after it throws. A parser is stateful between parses (its
 * AST stack, and the ALL(*) lookahead's lazily built prediction automata): an exception in the
 * middle of a parse — a stack overflow on input deeper than the lexer's nesting limit lets
 * through, a defect — left it inconsistent, and later parses of *other* files went wrong (the
 * NVL72 example then built with no models and 19 linker exceptions): one bad file poisoned the
 * rest. Here a parse that throws retires the parser: from then on a freshly built one parses, and
 * the failing file gets an empty tree and a diagnostic saying why, instead of a broken build.
 */
export class FabricParser extends LeanLangiumParser {
    private replacement: LangiumParser | undefined;
    private retired = false;
    /** The linker records the references each parse builds (FabricLinker.collectFrom). */
    private readonly references: FabricLinker;

    constructor(private readonly services: LangiumCoreServices) {
        super(services);
        this.references = services.references.Linker as FabricLinker;
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (this.retired) {
            this.replacement = buildRules(this.services, new LeanLangiumParser(this.services));
            this.retired = false;
        }
        try {
            const parser = this.replacement;
            return this.references.collectFrom(() => parser ? parser.parse<T>(input, options) : this.parseTree<T>(input, options));
        } catch (error) {
            this.retired = true;
            if (input === '') throw error;
            // An empty tree from a fresh parser (if even that finds no stack, the caller sees the failure; the next parse starts clean).
            const empty = this.parse<T>('', options);
            const message = `the parser gave up on this file: ${error instanceof Error ? error.message : String(error)}`;
            return { ...empty, lexerErrors: [{ offset: 0, line: 1, column: 1, length: 1, message }] };
        }
    }

    /**
     * LangiumParser.parse without `AstUtils.linkContentToContainer` (the nodes are linked as they
     * are built), and the tokens released once parsed.
     */
    private parseTree<T extends AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        const self = this as unknown as LangiumParserInternals;
        self.nodeBuilder.buildRootNode(input);
        const lexerResult = self.lexerResult = this.lexer.tokenize(input);
        self.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? self.allRules.get(options.rule) : self.mainRule;
        if (!ruleMethod) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const result = self.doParse(ruleMethod);
        self.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        self.unorderedGroups.clear();
        self.lexerResult = undefined;
        this.releaseStrings();
        const parserErrors = self.wrapper.errors;
        // Chevrotain keeps the token vector until the next parse: a 50k-line fabric's 900k tokens (about 90 MB) would outlive the tree's build.
        self.wrapper.input = [];
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors };
    }
}

/** Builds and finalizes the Fabric parser from the grammar, as Langium's createLangiumParser does for its own. */
export function createFabricParser(services: LangiumCoreServices): FabricParser {
    return buildRules(services, new FabricParser(services));
}
