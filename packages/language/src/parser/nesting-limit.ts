import type { LexerResult } from 'langium';

type IToken = LexerResult['tokens'][number];

/**
 * How deep `{ … }` blocks may nest. The parser is recursive descent: every level costs a dozen
 * stack frames, and a cold parser overflows Node's stack at about 230 levels (a warm one later);
 * completion walks the same grammar. Real fabrics nest a handful of levels (fabric, layer, pod,
 * rack, tray); 64 leaves a wide margin on both sides.
 */
export const MAX_NESTING = 64;

/** Where the nesting went past the limit: the opening brace of the first block too deep. */
export interface NestingTooDeep {
    readonly offset: number;
    readonly line: number;
    readonly column: number;
    readonly length: number;
    readonly limit: number;
    /** How many blocks were too deep (each is read as empty). */
    readonly blocks: number;
}

/**
 * Keeps the token stream within MAX_NESTING: the inside of every block that opens deeper than the
 * limit is dropped, its braces kept (so the block reads as empty and the text around it parses as
 * written); an unclosed too-deep block loses the rest of the file. Linear in the tokens; returns
 * undefined when nothing is too deep (the common case, which allocates nothing).
 */
export function limitNesting(tokens: IToken[], limit = MAX_NESTING): { tokens: IToken[]; tooDeep: NestingTooDeep } | undefined {
    let depth = 0;
    let first = -1;
    for (let i = 0; i < tokens.length; i++) {
        const name = tokens[i].tokenType.name;
        if (name === '{' && ++depth > limit) { first = i; break; }
        if (name === '}' && depth > 0) depth--;
    }
    if (first < 0) return undefined;
    const kept: IToken[] = tokens.slice(0, first);
    let blocks = 0;
    depth = limit;
    for (let i = first; i < tokens.length; i++) {
        const token = tokens[i];
        const name = token.tokenType.name;
        if (name === '{' && depth === limit) {
            // A block too deep: keep its braces, skip to its closing brace (or the end of the file).
            blocks++;
            kept.push(token);
            let inner = 1;
            while (++i < tokens.length) {
                const n = tokens[i].tokenType.name;
                if (n === '{') inner++;
                else if (n === '}' && --inner === 0) { kept.push(tokens[i]); break; }
            }
            continue;
        }
        if (name === '{') depth++;
        else if (name === '}' && depth > 0) depth--;
        kept.push(token);
    }
    const at = tokens[first];
    return {
        tokens: kept,
        tooDeep: { offset: at.startOffset, line: at.startLine ?? 1, column: at.startColumn ?? 1, length: 1, limit, blocks }
    };
}
