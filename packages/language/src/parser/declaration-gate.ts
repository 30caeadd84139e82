import { GrammarAST, type Lexer } from 'langium';

type Tokens = Lexer['definition'];
type TokenType = Tokens[string];

/** What a gate reads: Chevrotain's parser, looking `k` tokens ahead (1 is the next one). */
interface Lookahead {
    LA(k: number): { tokenType: TokenType };
}

/** A repetition's gate, called by Chevrotain with the parser as `this`: false leaves the loop. */
export type Gate = (this: Lookahead) => boolean;

/**
 * A statement that ends with a repetition of options can swallow the statement after it: `connect
 * a to b via L` ends with `(options+=ConnectOption)*`, one option is `laser <selections>`, and
 * `laser els[0..7] : ELSFP` on the next line declares lasers. Chevrotain's LL(*) lookahead does
 * not see past the end of the rule it predicts in (the loop's exit counts as matching whatever
 * follows), so it takes `laser els[0..7]` as the option and fails at the `:`.
 *
 * The gate for such a loop leaves it when the tokens ahead are the head of a declaration (the
 * `Instance` rule: a kind, a name, an optional `[n..m]`, then `:`) whose kind keyword also starts
 * an option. No option can be that: a selection is never followed by `:`. Derived from the grammar
 * once: the function answers each element's gate, undefined for an element that is no such loop.
 */
export function declarationGates(grammar: GrammarAST.Grammar, tokens: Tokens): (element: GrammarAST.AbstractElement) => Gate | undefined {
    const head = declarationHead(grammar, tokens);
    if (!head) return () => undefined;
    const { kinds, names, open, dots, close, number, colon } = head;
    return element => {
        if (element.cardinality !== '*' || !GrammarAST.isAssignment(element) || !GrammarAST.isRuleCall(element.terminal)) return undefined;
        const option = element.terminal.rule.ref;
        if (!GrammarAST.isParserRule(option)) return undefined;
        const starts = new Set(leadingKeywords(option.definition).map(k => tokens[k]).filter(token => token !== undefined && kinds.has(token)));
        if (starts.size === 0) return undefined;
        return function (this: Lookahead): boolean {
            if (!starts.has(this.LA(1).tokenType) || !names.has(this.LA(2).tokenType)) return true;
            const next = this.LA(3).tokenType;
            if (next === colon) return false;
            const ranged = next === open && this.LA(4).tokenType === number && this.LA(5).tokenType === dots
                && this.LA(6).tokenType === number && this.LA(7).tokenType === close && this.LA(8).tokenType === colon;
            return !ranged;
        };
    };
}

interface DeclarationHead {
    kinds: Set<TokenType>;
    names: Set<TokenType>;
    open: TokenType; dots: TokenType; close: TokenType; number: TokenType; colon: TokenType;
}

/** The tokens of `Instance: kind=InstanceKind name=Name range=Range? ':' …` (Range: `'[' NUMBER '..' NUMBER ']'`). */
function declarationHead(grammar: GrammarAST.Grammar, tokens: Tokens): DeclarationHead | undefined {
    const rule = (name: string) => grammar.rules.find(r => r.name === name);
    const instance = rule('Instance'), kind = rule('InstanceKind'), name = rule('Name');
    if (!GrammarAST.isParserRule(instance) || !GrammarAST.isParserRule(kind) || !GrammarAST.isParserRule(name)) return undefined;
    if (!startsAsDeclaration(instance.definition, kind, name, rule('Range'))) return undefined;
    const tokenSet = (r: GrammarAST.ParserRule) => new Set(choices(r.definition).map(e => GrammarAST.isKeyword(e) ? tokens[e.value]
        : GrammarAST.isRuleCall(e) && GrammarAST.isTerminalRule(e.rule.ref) ? tokens[e.rule.ref.name] : undefined));
    const kinds = tokenSet(kind), names = tokenSet(name);
    const [open, dots, close, number, colon] = ['[', '..', ']', 'NUMBER', ':'].map(t => tokens[t]);
    if (kinds.has(undefined) || names.has(undefined) || [open, dots, close, number, colon].includes(undefined as unknown as TokenType)) return undefined;
    return { kinds: kinds as Set<TokenType>, names: names as Set<TokenType>, open, dots, close, number, colon };
}

/** Whether `Instance` still starts `kind=InstanceKind name=Name range=Range? ':'` (a grammar that changed it gets no gate). */
function startsAsDeclaration(definition: GrammarAST.AbstractElement, kind: GrammarAST.AbstractRule, name: GrammarAST.AbstractRule, range: GrammarAST.AbstractRule | undefined): boolean {
    if (!GrammarAST.isGroup(definition) || definition.elements.length < 4) return false;
    const [k, n, r, colon] = definition.elements;
    const calls = (e: GrammarAST.AbstractElement, rule: GrammarAST.AbstractRule | undefined, cardinality?: string) =>
        GrammarAST.isAssignment(e) && e.operator === '=' && e.cardinality === cardinality && GrammarAST.isRuleCall(e.terminal) && e.terminal.rule.ref === rule;
    const rangeRule = range && GrammarAST.isParserRule(range) && GrammarAST.isGroup(range.definition) ? range.definition.elements : [];
    const rangeShape = rangeRule.map(e => GrammarAST.isKeyword(e) ? e.value : GrammarAST.isAssignment(e) && GrammarAST.isRuleCall(e.terminal) ? e.terminal.rule.ref?.name : '?').join(' ');
    return calls(k, kind) && calls(n, name) && calls(r, range, '?') && GrammarAST.isKeyword(colon) && colon.value === ':' && rangeShape === '[ NUMBER .. NUMBER ]';
}

/** The elements of a rule written as plain alternatives (`'a' | 'b' | ID`); a single element is its own. */
function choices(element: GrammarAST.AbstractElement): GrammarAST.AbstractElement[] {
    return GrammarAST.isAlternatives(element) ? element.elements : [element];
}

/** The keywords an element's alternatives start with (after any action: `{infer LaserOption} 'laser' …`). */
function leadingKeywords(element: GrammarAST.AbstractElement): string[] {
    return choices(element).flatMap(alternative => {
        const first = GrammarAST.isGroup(alternative) ? alternative.elements.find(e => !GrammarAST.isAction(e)) : alternative;
        return first && GrammarAST.isKeyword(first) ? [first.value] : [];
    });
}
