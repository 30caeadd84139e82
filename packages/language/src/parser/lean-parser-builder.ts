import { createParser, GrammarAST, GrammarUtils, type AbstractLangiumParser, type LangiumCoreServices, type Lexer } from 'langium';
import { declarationGates, type Gate } from './declaration-gate.js';

type Method = () => void;
type Tokens = Lexer['definition'];
type Rule = Parameters<AbstractLangiumParser['subrule']>[1];

/**
 * The parser as the built rules call it: one that works out what it needs per grammar element
 * (LeanLangiumParser's `facts`) gets that handed to every `consume` and `subrule` call, looked up
 * once here instead of once per token; others (the recognizer) ignore the extra argument.
 */
interface RuleParser {
    consume(idx: number, tokenType: Tokens[string], feature: GrammarAST.AbstractElement, facts?: unknown): void;
    subrule(idx: number, rule: Rule, fragment: boolean, feature: GrammarAST.AbstractElement, args: object, facts?: unknown): void;
    facts?(feature: GrammarAST.AbstractElement): unknown;
}

/** A `consume` of `token` for `feature`, with the feature's facts looked up once (see RuleParser). */
function consumer(parser: AbstractLangiumParser, idx: number, token: Tokens[string], feature: GrammarAST.AbstractElement): Method {
    const lean = parser as unknown as RuleParser;
    const facts = lean.facts?.(feature);
    return () => lean.consume(idx, token, feature, facts);
}

/**
 * Occurrence counters per rule, as Langium's builder numbers Chevrotain's DSL calls, and the gate
 * of a repetition that must not swallow the next statement (declaration-gate.ts).
 */
interface Counters { consume: number; optional: number; subrule: number; many: number; or: number; gate(element: GrammarAST.AbstractElement): Gate | undefined }

/** Arguments of every rule call: never read, as no rule of a grammar built here takes parameters. */
const NO_ARGUMENTS = {};

/**
 * The options object every rule call can share when no parser rule takes parameters (a rule's
 * arguments are then never read: no guard can test them), instead of a fresh `{ ARGS: [{}] }`
 * per call; undefined for a grammar with parameters.
 */
export function sharedRuleArguments(grammar: GrammarAST.Grammar): { ARGS: unknown[] } | undefined {
    const parameterized = grammar.rules.some(rule => GrammarAST.isParserRule(rule) && rule.parameters.length > 0);
    return parameterized ? undefined : { ARGS: [{}] };
}

/**
 * Builds the parser's rules from the grammar as Langium's `createParser` does (the same rules in
 * the same order, the same grammar elements handed to `consume`/`subrule`/`action`, the same
 * occurrence numbers), but with each alternatives list, repetition and option handed to
 * Chevrotain built once instead of on every call: Langium's builder makes them afresh per call to
 * pass the rule's arguments through (a new array of `{ ALT }` objects and closures for every
 * alternatives, a `{ DEF }` for every `*`, `+` and `?`, a `{}` for every rule call) — about 900 MB
 * of garbage while parsing a 50k-line fabric. Only for grammars with no parameters, guards,
 * unordered groups, infix rules or end-of-file elements (where arguments matter or Langium's
 * builder does more); for any other grammar it returns false and builds nothing, and `buildRules`
 * uses `createParser`. One difference from Langium's rules, where they would misparse: a statement's
 * trailing options never swallow the declaration after it (declaration-gate.ts).
 */
function buildLeanRules(grammar: GrammarAST.Grammar, parser: AbstractLangiumParser, tokens: Tokens): boolean {
    const reachable = GrammarUtils.getAllReachableRules(grammar, false);
    const rules = grammar.rules.filter(rule => reachable.has(rule));
    if (rules.some(rule => GrammarAST.isInfixRule(rule) || (GrammarAST.isParserRule(rule) && !supported(rule)))) return false;
    const gate = declarationGates(grammar, tokens);
    for (const rule of rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        const counters: Counters = { consume: 1, optional: 1, subrule: 1, many: 1, or: 1, gate };
        parser.rule(rule, build(parser, tokens, counters, rule.definition));
    }
    return true;
}

/**
 * A parser of any kind (the Fabric parser, its recognizer, the completion parser) with the rules
 * built here, or by Langium's `createParser` for a grammar they do not support, and finalized: so
 * that all of them read the same text the same way (the same lookahead and gates).
 */
export function buildRules<P extends AbstractLangiumParser>(services: LangiumCoreServices, parser: P): P {
    const tokens = services.parser.Lexer.definition;
    if (!buildLeanRules(services.Grammar, parser, tokens)) createParser(services.Grammar, parser, tokens);
    parser.finalize();
    return parser;
}

function supported(rule: GrammarAST.ParserRule): boolean {
    if (rule.parameters.length > 0) return false;
    const unsupported = (element: GrammarAST.AbstractElement) => GrammarAST.isUnorderedGroup(element) || GrammarAST.isEndOfFile(element)
        || (GrammarAST.isGroup(element) && element.guardCondition !== undefined) || (GrammarAST.isRuleCall(element) && element.arguments.length > 0);
    return ![rule.definition, ...streamElements(rule.definition)].some(unsupported);
}

function* streamElements(element: GrammarAST.AbstractElement): Generator<GrammarAST.AbstractElement> {
    const children = GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element) ? element.elements
        : GrammarAST.isAssignment(element) ? [element.terminal] : GrammarAST.isCrossReference(element) && element.terminal ? [element.terminal] : [];
    for (const child of children) {
        yield child;
        yield* streamElements(child);
    }
}

/** langium/lib/parser/parser-builder-base.js `buildElement` + `wrap`, for the elements `supported` lets through. */
function build(parser: AbstractLangiumParser, tokens: Tokens, counters: Counters, element: GrammarAST.AbstractElement): Method {
    let method: Method;
    if (GrammarAST.isKeyword(element)) {
        const idx = counters.consume++;
        const token = tokens[element.value];
        if (!token) throw new Error('Could not find token for keyword: ' + element.value);
        method = consumer(parser, idx, token, element);
    } else if (GrammarAST.isAction(element)) {
        const type = GrammarUtils.getTypeName(element);
        method = () => parser.action(type, element);
    } else if (GrammarAST.isAssignment(element)) {
        method = build(parser, tokens, counters, element.terminal);
    } else if (GrammarAST.isCrossReference(element)) {
        method = crossReference(parser, tokens, counters, element, element.terminal);
    } else if (GrammarAST.isRuleCall(element)) {
        method = ruleCall(parser, tokens, counters, element, element);
    } else if (GrammarAST.isAlternatives(element)) {
        method = alternatives(parser, tokens, counters, element);
    } else if (GrammarAST.isGroup(element)) {
        const methods = element.elements.map(e => build(parser, tokens, counters, e));
        method = () => { for (const m of methods) m(); };
    } else {
        throw new Error(`Unexpected element type: ${element.$type}`);
    }
    switch (element.cardinality) {
        case '*': {
            const idx = counters.many++;
            const options = { DEF: method, GATE: counters.gate(element) };
            return () => parser.many(idx, options);
        }
        case '+': {
            const idx = counters.many++;
            const options = { DEF: method };
            return () => parser.atLeastOne(idx, options);
        }
        case '?': {
            const idx = counters.optional++;
            const options = { DEF: method, GATE: undefined };
            return () => parser.optional(idx, options);
        }
        default:
            return method;
    }
}

function alternatives(parser: AbstractLangiumParser, tokens: Tokens, counters: Counters, element: GrammarAST.Alternatives): Method {
    if (element.elements.length === 1) return build(parser, tokens, counters, element.elements[0]);
    const choices = element.elements.map(e => ({ ALT: build(parser, tokens, counters, e) }));
    const idx = counters.or++;
    return () => parser.alternatives(idx, choices);
}

/** A rule call as itself (`feature` = the call) or as a cross-reference's terminal (`feature` = the cross-reference). */
function ruleCall(parser: AbstractLangiumParser, tokens: Tokens, counters: Counters, call: GrammarAST.RuleCall, feature: GrammarAST.AbstractElement): Method {
    const rule = call.rule.ref;
    if (GrammarAST.isParserRule(rule)) {
        const idx = counters.subrule++;
        const fragment = rule.fragment;
        const lean = parser as unknown as RuleParser;
        const facts = lean.facts?.(feature);
        let called: Rule | undefined;
        return () => {
            called ??= parser.getRule(rule.name) ?? missingRule(rule.name);
            lean.subrule(idx, called, fragment, feature, NO_ARGUMENTS, facts);
        };
    }
    if (GrammarAST.isTerminalRule(rule)) {
        const idx = counters.consume++;
        return consumer(parser, idx, tokenNamed(tokens, rule.name), feature);
    }
    throw new Error(`Undefined rule: ${call.rule.$refText}`);
}

function crossReference(parser: AbstractLangiumParser, tokens: Tokens, counters: Counters, crossRef: GrammarAST.CrossReference, terminal: GrammarAST.AbstractElement | undefined): Method {
    if (!terminal) {
        const type = crossRef.type.ref;
        if (!type) throw new Error('Could not resolve reference to type: ' + crossRef.type.$refText);
        const nameTerminal = GrammarUtils.findNameAssignment(type)?.terminal;
        if (!nameTerminal) throw new Error('Could not find name assignment for type: ' + GrammarUtils.getTypeName(type));
        return crossReference(parser, tokens, counters, crossRef, nameTerminal);
    }
    if (GrammarAST.isRuleCall(terminal) && (GrammarAST.isParserRule(terminal.rule.ref) || GrammarAST.isTerminalRule(terminal.rule.ref))) {
        return ruleCall(parser, tokens, counters, terminal, crossRef);
    }
    if (GrammarAST.isKeyword(terminal)) {
        const idx = counters.consume++;
        return consumer(parser, idx, tokenNamed(tokens, terminal.value), crossRef);
    }
    throw new Error('Could not build cross reference parser');
}

function tokenNamed(tokens: Tokens, name: string): Tokens[string] {
    const token = tokens[name];
    if (!token) throw new Error(`Token "${name}" not found."`);
    return token;
}

function missingRule(name: string): never {
    throw new Error(`Rule "${name}" not found."`);
}
