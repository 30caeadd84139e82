import {
    AstUtils, DatatypeSymbol, DefaultValueConverter, GrammarAST, GrammarUtils, isAstNode, LangiumParser, ValueConverter,
    type AstNode, type CstNode, type LangiumCoreServices, type LexerResult, type ParseResult, type ParserOptions, type ValueType
} from 'langium';
import { astNodeShape } from './ast-node-shapes.js';
import { linkContainers } from './container-links.js';
import { FabricCstBuilder } from './fabric-cst-builder.js';
import { sharedRuleArguments } from './lean-parser-builder.js';

type IToken = LexerResult['tokens'][number];
type TokenType = IToken['tokenType'];

/** What the parser needs to know about one grammar element it consumes a token or calls a rule for: worked out once, not per token. */
export interface FeatureFacts {
    /** The assignment the element sits in (`name=ID`), its operator and property, or none. */
    readonly assignment: GrammarAST.Assignment | undefined;
    readonly operator: string;
    readonly property: string;
    readonly crossRef: 'single' | 'multi' | undefined;
    readonly keyword: boolean;
    /** The value converter's result for a token of this element (DefaultValueConverter.convert, resolved once). */
    readonly convert: (input: string, cstNode: CstNode) => ValueType;
}

/** A mandatory property with a default (`[]`, `false`), as assignMandatoryProperties sets it. */
interface DefaultedProperty { readonly name: string; readonly defaultValue: unknown }

type SubruleArguments = Parameters<LangiumParser['subrule']>;

type Node = Record<string, unknown> & { $type: string | symbol };

/** The members of Langium 4.4's LangiumParser (private there) the methods below use or replace. */
interface LangiumParserInternals {
    wrapper: {
        IS_RECORDING: boolean;
        wrapConsume(idx: number, tokenType: TokenType): IToken;
        wrapSubrule(idx: number, rule: SubruleArguments[1], args: SubruleArguments[4]): unknown;
        subrule(idx: number, rule: SubruleArguments[1], options: { ARGS: unknown[] }): unknown;
    };
    nodeBuilder: {
        buildLeafNode(token: IToken, feature: GrammarAST.AbstractElement): CstNode;
        buildCompositeNode(feature: GrammarAST.AbstractElement): CstNode;
        addHiddenNodes(tokens: IToken[]): void; construct(item: unknown): void };
    lexerResult: LexerResult | undefined;
    stack: Node[];
    converter: DefaultValueConverter;
    linker: { buildReference(node: AstNode, property: string, refNode: CstNode, refText: string): unknown; buildMultiReference(node: AstNode, property: string, refNode: CstNode, refText: string): unknown };
    operatorPrecedence: Map<string, unknown>;
    constructInfix(obj: Node, precedence: unknown): unknown;
}

/**
 * Langium 4.4's parser with its per-token work done once per grammar element, and every node
 * linked to its container as it is assigned (instead of a pass over the finished tree). It builds
 * exactly the tree LangiumParser builds — the same AST and CST, node by node and key by key, the
 * same references and errors — which test/core/lean-parser-identity.test.ts checks against stock
 * Langium on every example, the catalog and fuzz inputs. What it saves on a 50k-line fabric's
 * 900k tokens: the grammar lookups (`getContainerOfType`, `isKeyword`, the value converter's
 * rule-name switch with its `toUpperCase`), `getTypeMetaData` per node, the empty hidden-token
 * arrays and their walk up the CST, a `{ ARGS: [args] }` per rule call, and the container pass.
 *
 * The replaced methods are private in Langium's typings, so they are installed on the prototype
 * (below the class); their behaviour follows langium/lib/parser/langium-parser.js line by line.
 */
export class LeanLangiumParser extends LangiumParser {
    private readonly features = new Map<GrammarAST.AbstractElement | undefined, FeatureFacts>();
    private readonly defaults = new Map<string, readonly DefaultedProperty[]>();
    /** The short string values of the parse under way, each once (see `shared`). */
    private readonly strings = new Map<string, string>();

    /**
     * With no parser rule taking parameters, a rule's arguments are never read (no guard can test
     * them): every rule call passes the same empty ones instead of a fresh `{ ARGS: [{}] }`.
     */
    private readonly noArguments: { ARGS: unknown[] } | undefined;

    constructor(private readonly leanServices: LangiumCoreServices) {
        super(leanServices);
        this.noArguments = sharedRuleArguments(leanServices.Grammar);
        // The lexer's tokens become the CST's leaves (token-leaf.ts), lone children are held without arrays (compact-composite.ts).
        (this as unknown as { nodeBuilder: FabricCstBuilder }).nodeBuilder = new FabricCstBuilder();
    }

    /**
     * LangiumParser.subrule, passing the shared empty arguments where the grammar has no parameters.
     * The rule builder (lean-parser-builder.ts) hands over the element's `facts` it looked up once.
     */
    override subrule(idx: number, rule: SubruleArguments[1], fragment: boolean, feature: GrammarAST.AbstractElement, args: SubruleArguments[4], facts?: FeatureFacts): void {
        const self = this as unknown as LangiumParserInternals;
        // Recording happens once, while Chevrotain records the grammar, never in the middle of a rule call.
        const recording = self.wrapper.IS_RECORDING;
        // A CST node only for a rule that makes its own AST node (a fragment fills in the caller's).
        const cstNode = !recording && !fragment ? self.nodeBuilder.buildCompositeNode(feature) : undefined;
        let result: unknown;
        try {
            result = this.noArguments ? self.wrapper.subrule(idx, rule, this.noArguments) : self.wrapper.wrapSubrule(idx, rule, args);
        } finally {
            if (!recording) {
                // A recognition error left the rule's node unconstructed; it is assigned all the same if it consumed anything.
                if (result === undefined && !fragment) result = this.constructNode();
                if (result !== undefined && cstNode && cstNode.length > 0) this.assignSubruleResult(result, feature, cstNode, facts);
            }
        }
    }

    /** LangiumParser.consume; `facts` are the element's, when the rule builder looked them up once. */
    override consume(idx: number, tokenType: TokenType, feature: GrammarAST.AbstractElement, facts = this.facts(feature)): void {
        const self = this as unknown as LangiumParserInternals;
        const token = self.wrapper.wrapConsume(idx, tokenType);
        if (self.wrapper.IS_RECORDING || token.isInsertedInRecovery || !validTokenRange(token)) return;
        // Hidden tokens (comments) before this one go into the CST first; with none, Langium's call is a no-op.
        const hidden = self.lexerResult!.hidden;
        if (hidden.length > 0 && hidden[0].startOffset <= token.startOffset) self.nodeBuilder.addHiddenNodes(takeHiddenBefore(hidden, token.startOffset));
        const leafNode = self.nodeBuilder.buildLeafNode(token, feature);
        if (facts.assignment) {
            const value = facts.keyword ? token.image : facts.convert(token.image, leafNode);
            this.assignValue(facts.operator, facts.property, value, leafNode, facts.crossRef);
            return;
        }
        const current = self.stack[self.stack.length - 1];
        if (current.$type === DatatypeSymbol) {
            current.value += facts.keyword ? token.image : facts.convert(token.image, leafNode)!.toString();
        }
    }

    /**
     * One string for every equal short value of a parse (a name, a unit, a reference's text): a
     * token's image is cut out of the text afresh for each token, and a 50k-line fabric's 200k
     * references name a few dozen things. `releaseStrings` empties the table after a parse.
     */
    private shared(value: string): string {
        if (value.length > MAX_SHARED_LENGTH) return value;
        const known = this.strings.get(value);
        if (known !== undefined) return known;
        this.strings.set(value, value);
        return value;
    }

    /** LangiumParser.parse, forgetting the parse's shared strings after it (FabricParser parses its own way and forgets them too). */
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        try {
            return super.parse<T>(input, options);
        } finally {
            this.releaseStrings();
        }
    }

    /** Forgets the strings of the last parse (they stay in its tree). */
    protected releaseStrings(): void {
        this.strings.clear();
    }

    /** LangiumParser.assign, also setting `$container`, `$containerProperty` and `$containerIndex` of a node assigned. */
    protected assignValue(operator: string, property: string, value: unknown, cstNode: CstNode, crossRef: 'single' | 'multi' | undefined): void {
        const self = this as unknown as LangiumParserInternals;
        const obj = self.stack[self.stack.length - 1];
        let item = typeof value === 'string' ? this.shared(value) : value;
        if (crossRef === 'single' && typeof item === 'string') item = self.linker.buildReference(obj as unknown as AstNode, property, cstNode, item);
        else if (crossRef === 'multi' && typeof item === 'string') item = self.linker.buildMultiReference(obj as unknown as AstNode, property, cstNode, item);
        const node = isAstNode(item) ? item as unknown as Node & { $cstNode?: { astNode: unknown } } : undefined;
        if (node?.$cstNode) node.$cstNode.astNode = node;
        // Parts of an infix expression are regrouped when it is constructed: linked there, after regrouping.
        const link = node !== undefined && obj.$infixName === undefined;
        switch (operator) {
            case '=':
                obj[property] = item;
                if (link) { node.$container = obj; node.$containerProperty = property; }
                break;
            case '?=':
                obj[property] = true;
                break;
            case '+=': {
                if (!Array.isArray(obj[property])) obj[property] = [];
                const items = obj[property] as unknown[];
                items.push(item);
                if (link) { node.$container = obj; node.$containerProperty = property; node.$containerIndex = items.length - 1; }
            }
        }
    }

    /** LangiumParser.performSubruleAssignment with the element's facts worked out once. */
    protected assignSubruleResult(result: unknown, feature: GrammarAST.AbstractElement, cstNode: CstNode, facts = this.facts(feature)): void {
        const self = this as unknown as LangiumParserInternals;
        if (facts.assignment) {
            this.assignValue(facts.operator, facts.property, result, cstNode, facts.crossRef);
            return;
        }
        const current = self.stack[self.stack.length - 1];
        if (current.$type === DatatypeSymbol) {
            current.value += (result as { toString(): string }).toString();
        } else if (typeof result === 'object' && result) {
            // An unassigned rule call (`Member: Connect | ...`): the called rule's node takes the caller's place and what was assigned to it.
            const merged = assignWithoutOverride(result as Node, current);
            self.stack.pop();
            self.stack.push(merged);
            relinkMoved(merged, current);
        }
    }

    /** LangiumParser.startImplementation, creating each rule's nodes with its own class (ast-node-shapes.ts) instead of `{ $type }`. */
    protected startRule($type: string | symbol | undefined, infixName: string | undefined, implementation: (args: unknown) => void): (args: unknown) => unknown {
        const self = this as unknown as LangiumParserInternals;
        if (typeof $type !== 'string' || infixName !== undefined) return startImplementation.call(this, $type, infixName, implementation);
        const Shape = astNodeShape($type);
        const type = $type;
        let defaulted: readonly DefaultedProperty[] | undefined;
        return args => {
            if (self.wrapper.IS_RECORDING) {
                implementation(args);
                return undefined;
            }
            self.stack.push(new Shape() as Node);
            implementation(args);
            const obj = self.stack.pop()!;
            self.nodeBuilder.construct(obj);
            // Still the rule's own node (no action or unassigned rule call put another in its place): neither an infix
            // node nor a datatype rule's, and its defaults are the rule's, looked up once.
            if (obj.$type !== type) return this.finishNode(obj);
            fillDefaults(obj, defaulted ??= this.defaultsOf(type));
            return obj;
        };
    }

    /** LangiumParser.construct, with each type's defaulted properties listed once and its lists cut to their length. */
    protected constructNode(): unknown {
        const self = this as unknown as LangiumParserInternals;
        if (self.wrapper.IS_RECORDING) return undefined;
        const obj = self.stack.pop()!;
        self.nodeBuilder.construct(obj);
        return this.finishNode(obj);
    }

    /** The rest of LangiumParser.construct, after the node got its CST node. */
    private finishNode(obj: Node): unknown {
        const self = this as unknown as LangiumParserInternals;
        if ('$infixName' in obj) {
            const result = self.constructInfix(obj, self.operatorPrecedence.get(obj.$infixName as string));
            if (isAstNode(result)) linkContainers(result);
            return result;
        }
        if (obj.$type === DatatypeSymbol) {
            const cstNode = obj.$cstNode as CstNode;
            return this.facts(cstNode.grammarSource).convert(obj.value as string, cstNode);
        }
        fillDefaults(obj, this.defaultsOf(obj.$type as string));
        return obj;
    }

    /** The properties of `type` with a default (assignMandatoryProperties), listed once per type. */
    private defaultsOf(type: string): readonly DefaultedProperty[] {
        let defaulted = this.defaults.get(type);
        if (!defaulted) {
            defaulted = Object.values(this.leanServices.shared.AstReflection.getTypeMetaData(type).properties)
                .filter(p => p.defaultValue !== undefined).map(p => ({ name: p.name, defaultValue: p.defaultValue }));
            this.defaults.set(type, defaulted);
        }
        return defaulted;
    }

    /** What the parser needs to know about a grammar element, worked out on first use (the rule builder asks once per element). */
    facts(feature: GrammarAST.AbstractElement | undefined): FeatureFacts {
        let facts = this.features.get(feature);
        if (!facts) {
            const assignment = feature && AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
            facts = {
                assignment,
                operator: assignment?.operator ?? '',
                property: assignment?.feature ?? '',
                crossRef: assignment && GrammarAST.isCrossReference(assignment.terminal) ? (assignment.terminal.isMulti ? 'multi' : 'single') : undefined,
                keyword: GrammarAST.isKeyword(feature),
                convert: this.converterFor(feature)
            };
            this.features.set(feature, facts);
        }
        return facts;
    }

    /** DefaultValueConverter.convert for a token of `feature`, decided once; a converter of the language's own is called as it is. */
    private converterFor(feature: GrammarAST.AbstractElement | undefined): (input: string, cstNode: CstNode) => ValueType {
        const converter = (this as unknown as LangiumParserInternals).converter;
        if (converter.convert !== DefaultValueConverter.prototype.convert) return (input, cstNode) => converter.convert(input, cstNode);
        let element = feature;
        if (GrammarAST.isCrossReference(element)) element = GrammarUtils.getCrossReferenceTerminal(element);
        if (!GrammarAST.isRuleCall(element)) return input => input;
        const rule = element.rule.ref;
        if (!rule) return () => { throw new Error('This cst node was not parsed by a rule.'); };
        type Run = { runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType };
        const run = (converter as unknown as Run).runConverter;
        if (run !== (DefaultValueConverter.prototype as unknown as Run).runConverter) return (input, cstNode) => run.call(converter, rule, input, cstNode);
        switch (rule.name.toUpperCase()) {
            case 'INT': return ValueConverter.convertInt;
            case 'STRING': return ValueConverter.convertString;
            case 'ID': return ValueConverter.convertID;
        }
        switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
            case 'number': return convertNumber;
            case 'boolean': return ValueConverter.convertBoolean;
            case 'bigint': return ValueConverter.convertBigint;
            case 'date': return ValueConverter.convertDate;
            default: return input => input;
        }
    }
}

// Langium calls these private methods by name (`subrule` → performSubruleAssignment, `action` → assign, the rules → construct).
const replaced = LeanLangiumParser.prototype as unknown as Record<string, unknown>;
replaced.assign = LeanLangiumParser.prototype['assignValue'];
replaced.performSubruleAssignment = LeanLangiumParser.prototype['assignSubruleResult'];
replaced.construct = LeanLangiumParser.prototype['constructNode'];
const startImplementation = replaced.startImplementation as (this: unknown, ...args: unknown[]) => (args: unknown) => unknown;
replaced.startImplementation = LeanLangiumParser.prototype['startRule'];

/** The longest value `shared` looks up (longer ones, citations and paths, are rarely repeated). */
const MAX_SHARED_LENGTH = 32;

/** langium's isValidTokenRange: a token inserted by recovery or the EOF token has none. */
function validTokenRange(token: IToken): boolean {
    const { startOffset, endOffset } = token;
    return typeof startOffset === 'number' && Number.isFinite(startOffset) && startOffset >= 0
        && typeof endOffset === 'number' && Number.isFinite(endOffset) && endOffset >= startOffset;
}

/** The hidden tokens starting at or before `offset`, taken off the front of the list (LangiumParser.extractHiddenTokens). */
function takeHiddenBefore(hidden: IToken[], offset: number): IToken[] {
    for (let i = 0; i < hidden.length; i++) {
        if (hidden[i].startOffset > offset) return hidden.splice(0, i);
    }
    return hidden.splice(0, hidden.length);
}

/**
 * LangiumParser.assignWithoutOverride, walking `source`'s own properties (in the same order)
 * without Object.entries' array of pairs per unassigned rule call.
 */
function assignWithoutOverride(target: Node, source: Node): Node {
    for (const name in source) {
        if (!Object.hasOwn(source, name)) continue;
        const existingValue = source[name];
        const newValue = target[name];
        if (newValue === undefined) {
            target[name] = existingValue;
        } else if (Array.isArray(newValue) && Array.isArray(existingValue)) {
            existingValue.push(...newValue);
            target[name] = existingValue;
        }
    }
    // As Langium: the node's CST node is set again by the CST builder.
    target.$cstNode = undefined;
    return target;
}

/** ValueConverter.convertNumber (`Number(input)`), with a NUMBER of up to 9 digits read digit by digit (the same value, no string-to-double conversion). */
export function convertNumber(input: string): number {
    const length = input.length;
    if (length === 0 || length > 9) return Number(input);
    let value = 0;
    for (let i = 0; i < length; i++) {
        const digit = input.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return Number(input);
        value = value * 10 + digit;
    }
    return value;
}

/** LangiumParser.assignMandatoryProperties for a node of a type with these defaulted properties. */
function fillDefaults(obj: Node, defaulted: readonly DefaultedProperty[]): void {
    for (let i = 0; i < defaulted.length; i++) {
        const { name, defaultValue } = defaulted[i];
        const value = obj[name];
        if (value === undefined) obj[name] = copyDefault(defaultValue);
        // A list filled by `+=` grew by pushes, to room for 17 items (152 bytes on 64-bit V8) for the 2 or 3 a connection's
        // segments or options hold: the node keeps a copy of exactly its length (as Langium's CstNodeBuilder does for `content`).
        else if (Array.isArray(value) && Array.isArray(defaultValue)) obj[name] = value.slice();
    }
}

function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
}

/** After `merged` took over what was assigned to `moved`, the nodes among it belong to `merged`, at their new indices. */
function relinkMoved(merged: Node, moved: Node): void {
    for (const name in moved) {
        if (name.charCodeAt(0) === 36 /* '$' */) continue;
        const value = merged[name];
        if (Array.isArray(value)) {
            value.forEach((item: unknown, index) => {
                if (!isAstNode(item)) return;
                const child = item as unknown as Node;
                child.$container = merged; child.$containerProperty = name; child.$containerIndex = index;
            });
        } else if (isAstNode(value)) {
            const child = value as unknown as Node;
            child.$container = merged; child.$containerProperty = name;
        }
    }
}
