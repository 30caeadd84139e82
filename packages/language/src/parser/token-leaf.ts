import { AbstractCstNode, type AstNode, type CstNode, type LexerResult } from 'langium';

type IToken = LexerResult['tokens'][number];
type TokenType = IToken['tokenType'];
type Range = CstNode['range'];

/**
 * A token that is also its own CST leaf. Chevrotain's lexer makes one object per token, and
 * Langium's CST builder a second one, the leaf, copying the token's position: on a 50k-line fabric
 * that is 900k objects more, all alive until the parse ends, so the garbage collector copies them
 * (and the token's image strings) while the tree is built. FabricLexer makes its tokens this way
 * and the parser's CST builder (FabricCstBuilder, fabric-cst-builder.ts) adopts each token as the leaf.
 *
 * As a token it has Chevrotain's fields (`startOffset`; `startLine`, packed with the length in one
 * small integer; `tokenType`, `tokenTypeIdx` and
 * `startColumn` are read from its TokenKind, which the text's tokens of a type share with the
 * text's line starts, `endOffset` and `image` from the text, so that the tree keeps no image
 * strings; `endLine` and `endColumn` follow from the start and the length, except
 * for a token over several lines — a block comment — which is a SpanningTokenLeaf: 16 bytes less
 * per leaf for the collector to copy, on 900k leaves); as a leaf it answers as LeafCstNodeImpl does (`offset`,
 * `length`, `end`, `range` in 0-based LSP positions, `hidden`, `tokenType`, `astNode`, `text`).
 * A leaf is hidden (a comment) exactly when it has no grammar element, as Langium builds them.
 * test/core/lean-parser-identity.test.ts compares every leaf with stock Langium's.
 */
export class TokenLeaf extends AbstractCstNode {
    startOffset: number;
    /**
     * The token's line and its image's length (the leaf's `length`) in one small integer
     * (`line * LENGTH_PLACES + length`: one field where two were, 8 bytes on 900k leaves), or
     * IN_KIND when they are its kind's own (a moved leaf's, or one beyond MAX_PACKED_LINE or
     * LENGTH_PLACES).
     */
    private lineAndLength: number;
    /**
     * The token's type, the text it was read from and where that text's lines start (shared by the
     * text's tokens of its type: one field where three were — type, text and column); once the leaf
     * is moved, its own, with its image, column, line and length. (A text as long as the image is the image: a
     * token that is the whole text.)
     */
    private kind: TokenKind;

    /** Chevrotain's createFullToken, with `kind` the token type's in the text being lexed (TokenKinds), which also gives its column. */
    constructor(kind: TokenKind, startOffset: number, startLine: number, length: number) {
        super();
        this.startOffset = startOffset;
        if (startLine <= MAX_PACKED_LINE && length < LENGTH_PLACES) {
            this.lineAndLength = startLine * LENGTH_PLACES + length;
            this.kind = kind;
        } else {
            this.lineAndLength = IN_KIND;
            this.kind = new TokenKind(kind.tokenType, kind.tokenTypeIdx, kind.source, kind.lines, kind.column, startLine, length);
        }
    }

    /** Chevrotain's 1-based line. */
    get startLine(): number {
        const packed = this.lineAndLength;
        return packed === IN_KIND ? this.kind.line : packed >> LENGTH_BITS;
    }

    set startLine(line: number) {
        if (this.lineAndLength !== IN_KIND) this.holdImage();
        this.kind.line = line;
    }

    /** The image's length. */
    private get imageLength(): number {
        const packed = this.lineAndLength;
        return packed === IN_KIND ? this.kind.length : packed & (LENGTH_PLACES - 1);
    }

    /** Chevrotain's 1-based column: from where the token's line starts in its text, or the kind's own (a moved leaf's). */
    get startColumn(): number {
        const kind = this.kind;
        return kind.lines === undefined ? kind.column : this.startOffset - kind.lines[this.startLine - 1] + 1;
    }

    set startColumn(column: number) {
        this.holdImage();
        this.kind.column = column;
    }

    get tokenType(): TokenType {
        return this.kind.tokenType;
    }

    /** Chevrotain's end line: a token of one line ends on the line it starts on (SpanningTokenLeaf holds its own). */
    get endLine(): number {
        return this.startLine;
    }

    /** Chevrotain's end column, inclusive (a token of one line; SpanningTokenLeaf holds its own). */
    get endColumn(): number {
        return this.startColumn + this.imageLength - 1;
    }

    /** Chevrotain's index of the token's type. */
    get tokenTypeIdx(): number {
        return this.kind.tokenTypeIdx;
    }

    get image(): string {
        const source = this.kind.source;
        return source.length === this.imageLength ? source : source.substring(this.startOffset, this.startOffset + this.imageLength);
    }

    /** Keeps the image, the column, the line and the length in a kind of its own when the leaf moves to another place in another text (moveLeaf). */
    holdImage(): void {
        const { tokenType, tokenTypeIdx } = this.kind;
        this.kind = new TokenKind(tokenType, tokenTypeIdx, this.image, undefined, this.startColumn, this.startLine, this.imageLength);
        this.lineAndLength = IN_KIND;
    }

    get endOffset(): number {
        return this.startOffset + this.imageLength - 1;
    }

    get length(): number {
        return this.imageLength;
    }

    get offset(): number {
        return this.startOffset;
    }

    get end(): number {
        return this.startOffset + this.imageLength;
    }

    get hidden(): boolean {
        return this.grammarSource === undefined;
    }

    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }

    /** As LeafCstNodeImpl: Chevrotain's 1-based lines and columns made 0-based; its inclusive end column is the exclusive end. */
    get range(): Range {
        return { start: { line: this.startLine - 1, character: this.startColumn - 1 }, end: { line: this.endLine - 1, character: this.endColumn } };
    }
}

/** A token over several lines (a block comment): its end line and column are its own. */
export class SpanningTokenLeaf extends TokenLeaf {
    private lastLine: number;
    private lastColumn: number;

    constructor(kind: TokenKind, startOffset: number, startLine: number, length: number) {
        super(kind, startOffset, startLine, length);
        this.lastLine = startLine;
        this.lastColumn = this.startColumn + length - 1;
    }

    override get endLine(): number {
        return this.lastLine;
    }

    override set endLine(line: number) {
        this.lastLine = line;
    }

    override get endColumn(): number {
        return this.lastColumn;
    }

    override set endColumn(column: number) {
        this.lastColumn = column;
    }
}

/** The token Chevrotain's full position tracking makes (createFullToken), as a TokenLeaf: a SpanningTokenLeaf when its image has a line end. */
export function tokenLeaf(kinds: TokenKinds, image: string, startOffset: number, tokenType: TokenType, startLine: number, startColumn: number, length: number): TokenLeaf {
    const kind = kinds.at(tokenType, startOffset, startLine, startColumn);
    return length > 1 && (image.includes('\n') || image.includes('\r'))
        ? new SpanningTokenLeaf(kind, startOffset, startLine, length)
        : new TokenLeaf(kind, startOffset, startLine, length);
}

/** A leaf's `lineAndLength` when its line and length are its kind's. */
const IN_KIND = -1;
/** The lengths a leaf's `lineAndLength` holds (below), and the lines (to MAX_PACKED_LINE): `lineAndLength` stays below 2^30, a small integer in V8. */
const LENGTH_BITS = 12;
const LENGTH_PLACES = 1 << LENGTH_BITS;
const MAX_PACKED_LINE = (1 << (30 - LENGTH_BITS)) - 1;

/**
 * What the tokens of one type in one text share: the type, its index, the text their images are read from and where its lines start;
 * or one token's own (a moved leaf's, or one whose line or length a TokenLeaf does not pack), with its line and length.
 */
export class TokenKind {
    constructor(
        readonly tokenType: TokenType,
        readonly tokenTypeIdx: number,
        readonly source: string,
        /** The offset each line of `source` starts at (line n at n - 1), or undefined for a kind of one token, whose column is `column`. */
        readonly lines: readonly number[] | undefined,
        public column: number,
        /** A kind of one token: its line and its image's length, when the leaf holds them here. */
        public line = 0,
        readonly length = 0
    ) {}
}

/** The TokenKinds of one text being lexed, one per token type (made on first use). */
export class TokenKinds {
    private readonly kinds: Array<TokenKind | undefined> = [];

    /** `lines`: where the text's lines start, as far as it is lexed (the lexer adds each line it reaches). */
    constructor(readonly source: string, readonly lines: number[]) {}

    /** The kind of a token of `tokenType` whose column follows from its line's start (the scanner's tokens). */
    of(tokenType: TokenType): TokenKind {
        const idx = tokenType.tokenTypeIdx!;
        return this.kinds[idx] ??= new TokenKind(tokenType, idx, this.source, this.lines, 0);
    }

    /** The kind of a token Chevrotain made: the shared one when its column is the one its line's start gives, else one of its own. */
    at(tokenType: TokenType, startOffset: number, startLine: number, startColumn: number): TokenKind {
        if (this.lines[startLine - 1] === startOffset - startColumn + 1) return this.of(tokenType);
        return new TokenKind(tokenType, tokenType.tokenTypeIdx!, this.source, undefined, startColumn);
    }
}

/** Where each line of `text` starts, lines ending at `\n`, `\r\n` or `\r` (as Chevrotain counts them). */
export function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        if (c === 10 || c === 13) starts.push(i + 1);
    }
    return starts;
}

interface MovableLeaf { _offset: number; _startLine: number; _endLine: number; _startColumn: number; _endColumn: number }

/**
 * Moves a CST leaf by `offsetDelta` characters and `lineDelta` lines, and its columns by
 * `columnDelta` when given (an edit earlier on the same line; its end column by `endColumnDelta`,
 * the same unless given: a comment over several lines keeps its end column): for a TokenLeaf and
 * a Langium LeafCstNodeImpl alike. Its text is read from the document's new text, as before. The
 * end of a leaf of one line moves with its start (`endColumnDelta` is for a leaf over several lines).
 */
export function moveLeaf(leaf: CstNode, offsetDelta: number, lineDelta: number, columnDelta?: number, endColumnDelta = columnDelta): void {
    if (leaf instanceof TokenLeaf) {
        leaf.holdImage();
        leaf.startOffset += offsetDelta;
        if (leaf instanceof SpanningTokenLeaf) {
            leaf.endLine += lineDelta;
            if (endColumnDelta !== undefined) leaf.endColumn += endColumnDelta;
        }
        leaf.startLine += lineDelta;
        if (columnDelta !== undefined) leaf.startColumn += columnDelta;
        return;
    }
    const langium = leaf as unknown as MovableLeaf;
    langium._offset += offsetDelta;
    langium._startLine += lineDelta;
    langium._endLine += lineDelta;
    if (columnDelta !== undefined) langium._startColumn += columnDelta;
    if (endColumnDelta !== undefined) langium._endColumn += endColumnDelta;
}
