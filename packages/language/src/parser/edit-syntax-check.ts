import { CstUtils, GrammarAST, type AstNode, type CompositeCstNode, type CstNode, type LangiumParser, type ParseResult } from 'langium';
import type { FabricServices } from '../fabric-module.js';
import type { FabricLexer, FabricLexingReport } from './fabric-lexer.js';
import { commonEnds } from '../text-difference.js';
import { limitNesting, MAX_NESTING } from './nesting-limit.js';
import { moveLeaf } from './token-leaf.js';

/** Containers whose members are judged one at a time (every member is a statement of its own). */
const CONTAINERS = new Set(['FabricFile', 'Fabric', 'Group', 'Layer', 'Workload', 'Configuration', 'PartType', 'CollectiveSettings']);

/** Beyond this share of the text, judging one statement alone saves nothing over checking the whole text. */
const MAX_STRETCH_SHARE = 0.25;

/** An edit judged from its statement alone: where the statement is, and its new tree (positions in the new text). */
export interface EditedStatement {
    /** The statement before the edit, in the previous tree. */
    readonly previous: AstNode;
    /** Its new tree, parsed alone, not in any tree (`$container` unset); its CST positions are those of the new text. */
    readonly parsed: ParseResult<AstNode>;
    /** The stretch judged, in the previous text: from the end of the token before the statement to the start of the token after it. */
    readonly start: number;
    readonly end: number;
}

/**
 * Whether an edit leaves a large document free of syntax errors, judged from its previous tree
 * and the edited statement alone: for an edit inside one statement (a connect, an instance, a
 * phase, a part type's property…) of a text that had no syntax error, the statement's new text is
 * lexed and parsed on its own, with the rule that parsed it — a few hundred characters instead of
 * the whole file. If that finds nothing, a parse of the whole new text finds nothing either, so the
 * syntax check of the whole text (FabricSyntaxCheck) has nothing to report and is skipped, and the
 * statement's own tree tells its linking errors at once (early-diagnostics).
 *
 * It judges only where that holds, and otherwise answers nothing (the whole text is checked):
 * - the previous tree had no lexing or parsing error and nothing nested too deep;
 * - the stretch judged runs from the end of the token before the statement to the start of the
 *   token after it, begins and ends with white space the edit did not touch (so no token outside
 *   it changes), lexes and parses alone without an error, opens no block deeper than the nesting
 *   limit where it sits, and is at most a quarter of the text;
 * - the statements on either side still end where they did: the new statement followed by the
 *   next one, and the previous one followed by the new one, each parse as one statement that stops
 *   exactly where the other begins (a statement whose trailing part could take the start of the
 *   next one is not judged).
 * test/core/edit-syntax-check.test.ts checks on seeded edits of every example and catalog file
 * that whatever it judges, the whole new text parses without an error.
 */
export class EditSyntaxCheck {
    /** Edits judged this way (for the server's statistics and tests). */
    judged = 0;
    private readonly parser: LangiumParser;
    private readonly lexer: FabricLexer;

    constructor(services: FabricServices) {
        this.parser = services.parser.LangiumParser;
        this.lexer = services.parser.Lexer as FabricLexer;
    }

    /** The edited statement, judged alone, if `text` (an edit of the text `previous` was parsed from) is sure to parse without a lexing or parsing error. */
    judge(previous: ParseResult<AstNode>, text: string): EditedStatement | undefined {
        const rootCst = previous.value.$cstNode?.root;
        if (!rootCst || !cleanParse(previous)) return undefined;
        const old = rootCst.fullText;
        if (old === text) return undefined;
        const { prefix, suffix } = commonEnds(old, text);
        const editStart = prefix, editEnd = old.length - suffix;
        const delta = text.length - old.length;
        for (let cst: CstNode | undefined = CstUtils.findLeafNodeBeforeOffset(rootCst, editStart); cst; cst = cst.container) {
            const statement = ownNode(cst);
            if (!statement?.$container || statement.$containerIndex === undefined || !CONTAINERS.has(statement.$container.$type)) continue;
            const before = CstUtils.getPreviousNode(cst, true);
            const after = CstUtils.getNextNode(cst, true);
            const start = before ? lastLeaf(before).end : 0;
            const end = after ? firstLeaf(after).offset : old.length;
            if (!(start < editStart && editEnd < end)) continue;
            if (end - start > MAX_STRETCH_SHARE * old.length) return undefined;
            if (!isSpace(old.charCodeAt(start)) || !isSpace(old.charCodeAt(end - 1))) continue;
            const rule = ruleOf(cst);
            const stretch = text.substring(start, end + delta);
            const parsed = rule && this.parseAlone(rule, stretch, depthOf(statement));
            if (!parsed || !this.boundariesHold(cst, rule, text, start, end + delta, delta)) return undefined;
            moveParsed(parsed, start, before);
            this.judged++;
            return { previous: statement, parsed, start, end };
        }
        return undefined;
    }

    /** The statement's new text lexed and parsed alone with `rule`, if without an error. */
    private parseAlone(rule: string, stretch: string, depth: number): ParseResult<AstNode> | undefined {
        try {
            const lexed = this.lexer.keep(stretch);
            if (lexed.errors.length > 0 || lexed.tokens.length === 0 || (lexed.report as FabricLexingReport | undefined)?.nestingTooDeep) return undefined;
            // No block may open deeper than the limit counted from where the statement sits.
            if (limitNesting(lexed.tokens, MAX_NESTING - depth)) return undefined;
            const parsed = this.parser.parse(stretch, { rule });
            return cleanParse(parsed) ? parsed : undefined;
        } finally {
            this.lexer.forget();
        }
    }

    /**
     * The new statement followed by the next one, and the previous one followed by the new one,
     * each parsed as one statement, stop exactly where the other begins (`from`..`to` is the new
     * stretch in `text`; the neighbours are read from the previous tree, moved by `delta` after it).
     */
    private boundariesHold(cst: CstNode, rule: string, text: string, from: number, to: number, delta: number): boolean {
        const next = CstUtils.getNextNode(cst, false);
        if (next && ownNode(next)) {
            const nextStart = firstLeaf(next).offset + delta, nextEnd = lastLeaf(next).end + delta;
            if (!this.stopsAt(rule, text.substring(from, nextEnd), nextStart - from)) return false;
        }
        const previous = CstUtils.getPreviousNode(cst, false);
        const previousRule = previous && ownNode(previous) ? ruleOf(previous) : undefined;
        if (previous && previousRule) {
            const previousStart = firstLeaf(previous).offset;
            const firstToken = from + (text.substring(from, to).search(/\S/));
            if (!this.stopsAt(previousRule, text.substring(previousStart, to), firstToken - previousStart)) return false;
        }
        return true;
    }

    /** Whether `input` parsed with `rule` is one statement ending just before `offset`: the only error, the rest unparsed from there. */
    private stopsAt(rule: string, input: string, offset: number): boolean {
        const result = this.parser.parse(input, { rule });
        return result.lexerErrors.length === 0 && result.parserErrors.length === 1
            && result.parserErrors[0].name === 'NotAllInputParsedException' && result.parserErrors[0].token.startOffset === offset;
    }
}

/** The name of the parser rule that parsed `cst`'s statement, if it is one a parse can start with. */
function ruleOf(cst: CstNode): string | undefined {
    const rule = GrammarAST.isRuleCall(cst.grammarSource) ? cst.grammarSource.rule.ref : undefined;
    return rule && GrammarAST.isParserRule(rule) ? rule.name : undefined;
}

/** Moves the positions of the statement's tree, parsed from `start`, to those of the whole text. */
function moveParsed(parsed: ParseResult<AstNode>, start: number, before: CstNode | undefined): void {
    const end = before ? lastLeaf(before).range.end : { line: 0, character: 0 };
    const visit = (node: CstNode) => {
        if ('content' in node) {
            (node as { _rangeCache?: unknown })._rangeCache = undefined;
            for (const child of (node as CompositeCstNode).content) visit(child);
        } else {
            const { start: first, end: last } = node.range;
            // Columns move only on the stretch's first line, where it does not start at column 0.
            moveLeaf(node, start, end.line, first.line === 0 ? end.character : 0, last.line === 0 ? end.character : 0);
        }
    };
    if (parsed.value.$cstNode) visit(parsed.value.$cstNode.root);
}

function cleanParse(result: ParseResult<AstNode>): boolean {
    const report = result.lexerReport as FabricLexingReport | undefined;
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && !report?.nestingTooDeep && (report?.diagnostics.length ?? 0) === 0;
}

/** The AST node whose own CST node `cst` is (not one it only lies within). */
function ownNode(cst: CstNode): AstNode | undefined {
    const own = (cst as { _astNode?: AstNode })._astNode;
    return own && own.$cstNode === cst ? own : undefined;
}

/** How many blocks are open where the statement starts (each container but the file opens one). */
function depthOf(statement: AstNode): number {
    let depth = 0;
    for (let node = statement.$container; node?.$container; node = node.$container) depth++;
    return depth;
}

/** White space as the grammar's WS terminal (`/\s+/`) matches it. */
function isSpace(code: number): boolean {
    return /\s/.test(String.fromCharCode(code));
}

function firstLeaf(node: CstNode): CstNode {
    let current = node;
    while ('content' in current) current = (current as CompositeCstNode).content[0];
    return current;
}

function lastLeaf(node: CstNode): CstNode {
    let current = node;
    while ('content' in current) { const content = (current as CompositeCstNode).content; current = content[content.length - 1]; }
    return current;
}
