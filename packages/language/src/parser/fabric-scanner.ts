import type { LexerResult } from 'langium';
import { SpanningTokenLeaf, TokenKinds, TokenLeaf } from './token-leaf.js';

type IToken = LexerResult['tokens'][number];
type TokenType = IToken['tokenType'];

/** What a character can start, for the scanner's dispatch. */
const enum Start { Other, Space, Word, Digit, Quote, Slash, Punctuation }

/**
 * The terminals the scanner knows, in Chevrotain's order, as fabric.langium declares them: any
 * other definition (a terminal changed, added or reordered) leaves the lexing to Chevrotain.
 */
const TERMINALS: ReadonlyArray<readonly [name: string, pattern: string, group: string | undefined]> = [
    ['WS', '\\s+', 'skipped'],
    ['ID', '[_a-zA-Z][\\w]*', undefined],
    ['DIMS', '[0-9]+(x[0-9]+)+', undefined],
    ['NUMBER', '[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?', undefined],
    ['STRING', '"[^"\\r\\n]*"', undefined],
    ['ML_COMMENT', '\\/\\*[\\s\\S]*?\\*\\/', 'hidden'],
    ['SL_COMMENT', '\\/\\/[^\\n\\r]*', 'hidden']
];

const WORD_KEYWORD = /^[_a-zA-Z]\w*$/;
const HYPHENATED_KEYWORD = /^[_a-zA-Z]\w*(-\w+)+$/;

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * A hand-written scanner for Fabric's terminals, yielding exactly the tokens Chevrotain's lexer
 * yields from Langium's token definition (the same token types, offsets, lines and columns, the
 * comments as hidden tokens, whitespace skipped), as TokenLeafs, in a fraction of the time: one
 * pass over the characters with a table per first character instead of trying each pattern.
 *
 * Chevrotain's rules it follows: patterns are tried in the definition's order and the first match
 * wins (keywords first, longest first, then the terminals); a keyword with a longer alternative
 * (ID for every word keyword, the comments for `/`) yields to it when that matches more. Lines end
 * at `\n`, `\r\n` or `\r`; columns are 1-based.
 *
 * It is only sure of itself on well-formed text: at any character that no terminal starts (a lexer
 * error: `#`, an unterminated string) or outside ASCII it answers undefined and the caller lexes the
 * whole text with Chevrotain, so lexer errors and odd whitespace come out exactly as before.
 * `FabricScanner.from` answers undefined for a definition it does not know (a grammar change), and
 * test/core/fabric-scanner.test.ts compares it with Chevrotain token by token.
 */
export class FabricScanner {
    private readonly starts = new Uint8Array(128);
    /** Word keywords by their first character and length (a word is looked up without cutting it out of the text). */
    private readonly words: Array<Array<Array<readonly [string, TokenType]>>> = [];
    /** Hyphenated and punctuation keywords by their first character, in the definition's order. */
    private readonly byFirst: Array<Array<readonly [string, TokenType]>> = [];

    private constructor(
        private readonly id: TokenType, private readonly dims: TokenType, private readonly number: TokenType,
        private readonly string: TokenType, private readonly mlComment: TokenType, private readonly slComment: TokenType,
        private readonly slash: TokenType
    ) {
        for (let c = 0; c < 128; c++) {
            this.byFirst.push([]);
            this.words.push([]);
        }
        for (const c of [9, 10, 11, 12, 13, 32]) this.starts[c] = Start.Space;
        for (let c = 0; c < 128; c++) {
            if (isDigit(c)) this.starts[c] = Start.Digit;
            else if (isWordChar(c)) this.starts[c] = Start.Word;
        }
        this.starts[34] = Start.Quote;
        this.starts[47] = Start.Slash;
    }

    /** The scanner for Langium's token definition (`skipped`: Chevrotain's Lexer.SKIPPED), or undefined when it is not the one the scanner knows. */
    static from(definition: Record<string, TokenType>, skipped: string): FabricScanner | undefined {
        const types = Object.values(definition);
        const keywords = types.slice(0, types.length - TERMINALS.length);
        const terminals = types.slice(keywords.length);
        for (let i = 0; i < TERMINALS.length; i++) {
            const [name, pattern, group] = TERMINALS[i];
            const type = terminals[i];
            if (!type || type.name !== name || !(type.PATTERN instanceof RegExp) || type.PATTERN.source !== pattern || type.PATTERN.flags !== ''
                || type.LONGER_ALT !== undefined || type.CATEGORIES?.length || type.PUSH_MODE !== undefined || type.POP_MODE !== undefined
                || type.GROUP !== (group === 'skipped' ? skipped : group)) return undefined;
        }
        const [, id, dims, number, string, mlComment, slComment] = terminals;
        const slash = definition['/'];
        if (!slash || slash.PATTERN !== '/') return undefined;
        const scanner = new FabricScanner(id, dims, number, string, mlComment, slComment, slash);
        let previousLength = Infinity;
        for (const type of keywords) {
            const text = type.PATTERN;
            if (typeof text !== 'string' || text.length === 0 || text.length > previousLength || type.GROUP !== undefined
                || type.CATEGORIES?.length || type.PUSH_MODE !== undefined || type.POP_MODE !== undefined) return undefined;
            previousLength = text.length;
            const longer = type.LONGER_ALT === undefined ? [] : Array.isArray(type.LONGER_ALT) ? type.LONGER_ALT : [type.LONGER_ALT];
            const first = text.charCodeAt(0);
            if (first >= 128) return undefined;
            if (WORD_KEYWORD.test(text)) {
                // First match wins, and ID is the longer alternative: a word is the keyword exactly when it is all of it.
                if (longer.length !== 1 || longer[0] !== id) return undefined;
                (scanner.words[first][text.length] ??= []).push([text, type]);
            } else if (HYPHENATED_KEYWORD.test(text)) {
                // Longer than the word before its hyphen: an ID alternative never matches more.
                if (longer.some(alt => alt !== id)) return undefined;
                scanner.byFirst[first].push([text, type]);
            } else if (type === slash) {
                if (longer.length !== 2 || longer[0] !== mlComment || longer[1] !== slComment) return undefined;
            } else {
                if (longer.length !== 0 || scanner.starts[first] !== Start.Other && scanner.starts[first] !== Start.Punctuation) return undefined;
                scanner.starts[first] = Start.Punctuation;
                scanner.byFirst[first].push([text, type]);
            }
        }
        return scanner;
    }

    /** The tokens and the hidden tokens (comments) of `text`, or undefined when Chevrotain must lex it. */
    scan(text: string): { tokens: IToken[]; hidden: IToken[] } | undefined {
        const tokens: IToken[] = [];
        const hidden: IToken[] = [];
        const lines = [0];
        const kinds = new TokenKinds(text, lines);
        const starts = this.starts;
        const length = text.length;
        let line = 1;
        let lineStart = 0;
        let offset = 0;
        while (offset < length) {
            const c = text.charCodeAt(offset);
            const start = c < 128 ? starts[c] : Start.Other;
            let end: number;
            let type: TokenType;
            switch (start) {
                case Start.Space: {
                    end = offset;
                    do {
                        const s = text.charCodeAt(end++);
                        if (s === 10) {
                            line++;
                            lineStart = end;
                            lines.push(lineStart);
                        } else if (s === 13) {
                            if (text.charCodeAt(end) === 10) end++;
                            line++;
                            lineStart = end;
                            lines.push(lineStart);
                        }
                    } while (end < length && starts[text.charCodeAt(end)] === Start.Space);
                    offset = end;
                    continue;
                }
                case Start.Word: {
                    end = offset + 1;
                    while (isWordChar(text.charCodeAt(end))) end++;
                    type = this.id;
                    let keyword: TokenType | undefined;
                    if (text.charCodeAt(end) === 45) {
                        for (const [image, candidate] of this.byFirst[c]) {
                            if (text.startsWith(image, offset)) {
                                keyword = candidate;
                                end = offset + image.length;
                                break;
                            }
                        }
                    }
                    if (!keyword) {
                        const candidates = this.words[c][end - offset];
                        if (candidates) {
                            for (const [image, candidate] of candidates) {
                                if (text.startsWith(image, offset)) {
                                    keyword = candidate;
                                    break;
                                }
                            }
                        }
                    }
                    if (keyword) type = keyword;
                    break;
                }
                case Start.Digit: {
                    end = offset + 1;
                    while (isDigit(text.charCodeAt(end))) end++;
                    let dimsEnd = end;
                    while (text.charCodeAt(dimsEnd) === 120 && isDigit(text.charCodeAt(dimsEnd + 1))) {
                        dimsEnd += 2;
                        while (isDigit(text.charCodeAt(dimsEnd))) dimsEnd++;
                    }
                    if (dimsEnd > end) {
                        end = dimsEnd;
                        type = this.dims;
                        break;
                    }
                    if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
                        end += 2;
                        while (isDigit(text.charCodeAt(end))) end++;
                    }
                    const e = text.charCodeAt(end);
                    if (e === 101 || e === 69) {
                        const sign = text.charCodeAt(end + 1);
                        const digits = sign === 43 || sign === 45 ? end + 2 : end + 1;
                        if (isDigit(text.charCodeAt(digits))) {
                            end = digits + 1;
                            while (isDigit(text.charCodeAt(end))) end++;
                        }
                    }
                    type = this.number;
                    break;
                }
                case Start.Quote: {
                    end = offset + 1;
                    let s = text.charCodeAt(end);
                    while (end < length && s !== 34 && s !== 10 && s !== 13) s = text.charCodeAt(++end);
                    if (s !== 34 || end >= length) return undefined;
                    end++;
                    type = this.string;
                    break;
                }
                case Start.Slash: {
                    const next = text.charCodeAt(offset + 1);
                    const close = next === 42 ? text.indexOf('*/', offset + 2) : -1;
                    if (close >= 0) {
                        end = close + 2;
                        const startLine = line;
                        for (let i = offset + 2; i < close; i++) {
                            const s = text.charCodeAt(i);
                            if (s === 10 || s === 13) {
                                if (s === 13 && text.charCodeAt(i + 1) === 10) i++;
                                line++;
                                lineStart = i + 1;
                                lines.push(lineStart);
                            }
                        }
                        if (line === startLine) {
                            hidden.push(new TokenLeaf(kinds.of(this.mlComment), offset, startLine, end - offset));
                        } else {
                            // As Chevrotain's updateTokenEndLineColumnLocation: it ends at the last line's last character.
                            const comment = new SpanningTokenLeaf(kinds.of(this.mlComment), offset, startLine, end - offset);
                            comment.endLine = line;
                            comment.endColumn = end - lineStart;
                            hidden.push(comment);
                        }
                        offset = end;
                        continue;
                    }
                    if (next === 47) {
                        end = offset + 2;
                        let s = text.charCodeAt(end);
                        while (end < length && s !== 10 && s !== 13) s = text.charCodeAt(++end);
                        hidden.push(new TokenLeaf(kinds.of(this.slComment), offset, line, end - offset));
                        offset = end;
                        continue;
                    }
                    end = offset + 1;
                    type = this.slash;
                    break;
                }
                case Start.Punctuation: {
                    const candidates = this.byFirst[c];
                    let found: TokenType | undefined;
                    end = offset;
                    for (const [image, candidate] of candidates) {
                        if (image.length === 1 || text.startsWith(image, offset)) {
                            found = candidate;
                            end = offset + image.length;
                            break;
                        }
                    }
                    if (!found) return undefined;
                    type = found;
                    break;
                }
                default:
                    return undefined;
            }
            tokens.push(new TokenLeaf(kinds.of(type), offset, line, end - offset));
            offset = end;
        }
        return { tokens, hidden };
    }
}
