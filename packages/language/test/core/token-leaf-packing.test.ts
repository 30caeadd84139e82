import { createLangiumParser, CstUtils, isLeafCstNode, type CstNode, type LangiumParser } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import type { FabricLexer } from '../../src/parser/fabric-lexer.js';
import { moveLeaf, type TokenLeaf } from '../../src/parser/token-leaf.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * A TokenLeaf (parser/token-leaf.ts) holds its line and its length in one small integer, up to a
 * line and a length it can pack; a token beyond them (a long comment, a text of 300k lines) keeps
 * them with its kind. Either way it answers as a token and as a leaf what the text says, and moves
 * as a Langium leaf moves.
 */
let services: FabricServices;
let stock: LangiumParser;
beforeAll(async () => {
    services = await createTestServices();
    stock = createLangiumParser(services);
});

const LONG = 'x'.repeat(5000);
const TEXTS = [
    `/* ${LONG} */ fabric F { // ${LONG}\n rack r { accelerator g : A } }`,
    `fabric F${LONG} { rack r { } }`,
    `${'\n'.repeat(300_000)}fabric F { /* a\n b */ rack r { accelerator g : A } } // end`,
    `${'\n'.repeat(262_142)}fabric F {\n rack r {\n }\n}`
];

/** Chevrotain's 1-based line and column of `offset` in `text`, counted afresh. */
function place(text: string, offset: number): [number, number] {
    const before = text.substring(0, offset);
    const line = before.split('\n').length;
    return [line, offset - before.lastIndexOf('\n')];
}

const leaves = (root: CstNode) => CstUtils.streamCst(root).filter(isLeafCstNode).toArray();

describe('token leaves pack their line and length where they can', () => {
    test('every token answers the line, column, length and image the text gives', () => {
        for (const text of TEXTS) {
            const lexed = (services.parser.Lexer as FabricLexer).tokenize(text);
            const tokens = [...lexed.tokens, ...lexed.hidden];
            expect(tokens.length).toBeGreaterThan(5);
            for (const token of tokens) {
                const end = token.endOffset! + 1;
                expect(token.image).toBe(text.substring(token.startOffset, end));
                expect([token.startLine, token.startColumn]).toEqual(place(text, token.startOffset));
                const [line, column] = place(text, end - 1);
                expect([token.endLine, token.endColumn]).toEqual([line, column]);
            }
        }
    });

    test('every leaf answers offset, length, range and text as stock Langium\'s', () => {
        for (const text of TEXTS) {
            const answers = (root: CstNode) => leaves(root).map(leaf => [leaf.offset, leaf.length, leaf.end, leaf.range, leaf.text, leaf.hidden, leaf.tokenType.name]);
            const ours = answers(services.parser.LangiumParser.parse(text).value.$cstNode!.root);
            expect(ours.some(([, length]) => (length as number) >= 4096) || ours.some(([, , , range]) => (range as CstNode['range']).start.line >= 262_143)).toBe(true);
            expect(ours).toEqual(answers(stock.parse(text).value.$cstNode!.root));
        }
    });

    test('a leaf moved past the lines it packs, and back, moves as a Langium leaf', () => {
        const text = `fabric F { // ${LONG}\n rack r { accelerator g : A } }`;
        const ours = leaves(services.parser.LangiumParser.parse(text).value.$cstNode!.root);
        const theirs = leaves(stock.parse(text).value.$cstNode!.root);
        const answers = (all: CstNode[]) => all.map(leaf => [leaf.offset, leaf.end, leaf.range]);
        const images = ours.map(leaf => (leaf as unknown as TokenLeaf).image);
        for (const [offset, lines, columns] of [[400_000, 300_000, 2], [-399_990, -299_999, -1], [5, 0, 3]]) {
            ours.forEach(leaf => moveLeaf(leaf, offset, lines, columns));
            theirs.forEach(leaf => moveLeaf(leaf, offset, lines, columns));
            expect(answers(ours)).toEqual(answers(theirs));
        }
        expect(ours.map(leaf => (leaf as unknown as TokenLeaf).image)).toEqual(images);
    });
});
