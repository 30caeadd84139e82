import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { DefaultLexer, type LexerResult } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { CATALOG_DIR, type FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { grammarKeywords } from '../../src/fuzz/fuzz-campaign.js';
import { inputKinds } from '../../src/fuzz/input-kinds.js';
import type { FabricLexer } from '../../src/parser/fabric-lexer.js';
import { TokenLeaf } from '../../src/parser/token-leaf.js';
import { createTestServices, testPath } from '../lsp/fabric-test-services.js';

/**
 * FabricScanner (parser/fabric-scanner.ts) lexes well-formed text in Chevrotain's place: every
 * token it yields must be Chevrotain's (same token type object, image, offsets, lines, columns,
 * the same comments as hidden tokens; compared with the tokens of Langium's own lexer, and of
 * FabricLexer's Chevrotain path, whose tokens are TokenLeafs too), and on any text Chevrotain finds a lexer error in it must
 * step aside (answer undefined), so that FabricLexer lets Chevrotain lex it and the errors stay
 * Chevrotain's.
 */
type IToken = LexerResult['tokens'][number];
const read = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.fabric')).sort().map(name => [name, readFileSync(join(dir, name), 'utf8')] as [string, string]);
const EXAMPLES = read(fileURLToPath(new URL('../../../../examples/', import.meta.url)));
const CATALOG = read(CATALOG_DIR.fsPath);
const REGRESSIONS = read(testPath('fuzz/regressions'));
const EDGES = [
    '', ' ', '\n', '\r', '\r\n', '\n\r', ' \t\v\f\r\n ',
    'fabricx fabric_ fabric1 _fabric Fabric fabric-x fabric',
    'in in-network in-networkx in-networks in-net inx-network in- -in x x1 xx x_ X',
    'port-rate port-rates port-rate2 ports-x ports power-per-end power-per power- all-to-all-to all--to all-to-all-',
    'multi-dimensional halving-doubling reconfiguration configuration lanes-per-laser reduce-scatter',
    '4x4 4x 4xa 4x4x 4x4x4 4X4 0x0 12x34x56x78 4x4.5 4xx4',
    '1.5e3 1.5e 1.5E+3 1e+ 1e-3 1e- 1.e3 1..3 0..3 .. ... . .5 1.5.5 007 1e3e3 2E',
    '/* a */ /* multi\n line\r\n comment */ x /* \r */ y /* \n\n */ z /**/ /*/ */ /*** ***/',
    '/* unterminated', 'a /* unterminated\n at end', '// sl\r\n// sl2\rx// sl3\ny//', '/', 'a/b', 'a/*b*/c', 'a//b\nc', '/ /',
    '"str" "" "a b" "é unicode ✓ in a string"', '"unterminated\n"', '"unterminated', 'a "', '"\r"',
    '{}[]:,.*+=-/ {{ }} ..=',
    'é', 'fabric é', 'x\u00a0y', '\ufefffabric F {}', 'a # b', 'a@b', 'a;b', '(a)', '!', '$x', '~', 'a\u2028b',
    '/* é ✓ */ // ✓ comment\nfabric F { }',
    'fabric F {\r\n  rack r[0..3] {\r\n    accelerator g[0..7] : B200\r\n  }\r\n}\r\n',
    'accelerator A { ports 2 } fabric F { rack r[0..1] { accelerator g[0..1] : A } connect r[0].g[0] to r[1].g[ via L length'
];
/** Pieces random texts are made of: keywords, their prefixes and extensions, numbers, punctuation, comment and string ends, odd characters. */
const PIECES = [
    'fabric', 'fabricx', 'in', 'in-network', 'in-', 'port-rate', 'ports', 'x', 'X', '4', '42', '4x4', '1.5', 'e3', 'E-', '.', '..', '-', '/', '*', '/*', '*/', '//',
    '"', '"s"', '{', '}', '[', ']', ':', ',', '+', '=', ' ', '\t', '\n', '\r', '\r\n', '_', 'a1', 'é', '#', '\u00a0'
];

let services: FabricServices;
let lexer: FabricLexer;
/** Langium's own lexer: Chevrotain's tokens as Chevrotain makes them (not TokenLeafs). */
let plain: DefaultLexer;
let corpus: Array<[string, string]>;
beforeAll(async () => {
    services = await createTestServices();
    lexer = services.parser.Lexer as FabricLexer;
    plain = new DefaultLexer(services);
    const kinds = inputKinds(grammarKeywords(services), EXAMPLES.map(([, text]) => text));
    const fuzz = kinds.flatMap(kind => fc.sample(kind.inputs, { seed: 777, numRuns: 40 }).map((text, i) => [`${kind.name} ${i}`, text] as [string, string]));
    const random = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map(pieces => pieces.join('')), { seed: 31, numRuns: 600 })
        .map((text, i) => [`pieces ${i}`, text] as [string, string]);
    corpus = [...EXAMPLES, ...CATALOG, ...REGRESSIONS, ...EDGES.map((text, i) => [`edge ${i}`, text] as [string, string]), ...fuzz, ...random];
});

const fields = (token: IToken) => ({
    type: token.tokenType.name, image: token.image, startOffset: token.startOffset, endOffset: token.endOffset,
    startLine: token.startLine, endLine: token.endLine, startColumn: token.startColumn, endColumn: token.endColumn
});

/** Compares the scanner with Chevrotain on `text`; answers whether the scanner lexed it. */
function expectChevrotainsTokens(name: string, text: string): boolean {
    const chevrotain = lexer.chevrotainTokenize(text);
    const scanned = lexer.scanner!.scan(text);
    if (!scanned) return false;
    try {
        expect(chevrotain.errors).toEqual([]);
        const own = plain.tokenize(text);
        expect(scanned.tokens.map(fields)).toEqual(own.tokens.map(fields));
        expect(scanned.hidden.map(fields)).toEqual(own.hidden.map(fields));
        expect(chevrotain.tokens.map(fields)).toEqual(own.tokens.map(fields));
        expect(chevrotain.hidden.map(fields)).toEqual(own.hidden.map(fields));
        // The very same token type objects (the parser matches on them), and tokens the parser can adopt as leaves.
        // (Langium's own lexer builds its own token types, with indices of their own.)
        scanned.tokens.forEach((token, i) => expect([token.tokenType, token.tokenTypeIdx]).toEqual([chevrotain.tokens[i].tokenType, chevrotain.tokens[i].tokenTypeIdx]));
        scanned.hidden.forEach((token, i) => expect([token.tokenType, token.tokenTypeIdx]).toEqual([chevrotain.hidden[i].tokenType, chevrotain.hidden[i].tokenTypeIdx]));
        scanned.tokens.forEach((token, i) => expect(token.tokenType).toBe(chevrotain.tokens[i].tokenType));
        expect([...scanned.tokens, ...scanned.hidden].every(token => token instanceof TokenLeaf)).toBe(true);
    } catch (error) {
        throw new Error(`${name}: ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '…' : text)}\n${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
}

describe('the hand-written scanner yields exactly Chevrotain\'s tokens', () => {
    test('it is in use for the Fabric grammar', () => {
        expect(lexer.scanner).toBeDefined();
    });

    test('every example, catalog file and fuzz regression is scanned, token by token as Chevrotain lexes it', () => {
        for (const [name, text] of [...EXAMPLES, ...CATALOG]) expect(expectChevrotainsTokens(name, text), name).toBe(true);
        for (const [name, text] of REGRESSIONS) expectChevrotainsTokens(name, text);
    });

    test('generated fabrics', () => {
        for (const lines of [200, 5000]) expect(expectChevrotainsTokens(`generated ${lines}`, generateFabric(lines).text)).toBe(true);
    });

    test('edge texts, fuzz inputs of every kind and random pieces: the same tokens, or Chevrotain lexes them', () => {
        let scanned = 0;
        for (const [name, text] of corpus) if (expectChevrotainsTokens(name, text)) scanned++;
        // Most of these are well-formed as far as the lexer goes: the comparison covers them, not only the fallback.
        expect(scanned).toBeGreaterThan(corpus.length / 2);
    });

    test('it steps aside on every lexer error and on whitespace Chevrotain alone knows, so the errors are Chevrotain\'s', () => {
        for (const text of ['a # b', '"unterminated\nx', 'fabric é', 'x\u00a0y', '\ufefffabric F {}', 'a\u2028b']) {
            expect(lexer.scanner!.scan(text), text).toBeUndefined();
            const lexed = lexer.tokenize(text);
            const chevrotain = plain.tokenize(text);
            expect(lexed.errors).toEqual(chevrotain.errors);
            expect(lexed.tokens.map(fields)).toEqual(chevrotain.tokens.map(fields));
            expect(lexed.hidden.map(fields)).toEqual(chevrotain.hidden.map(fields));
        }
        expect(lexer.tokenize('a # b').errors).toHaveLength(1);
        for (const [, text] of corpus) if (lexer.chevrotainTokenize(text).errors.length > 0) expect(lexer.scanner!.scan(text)).toBeUndefined();
    });

    test('the lexer\'s result for scanned text is Chevrotain\'s, with its lexing report', () => {
        const text = EXAMPLES[0][1];
        const lexed = lexer.tokenize(text);
        const chevrotain = lexer.chevrotainTokenize(text);
        expect(lexed.tokens.map(fields)).toEqual(chevrotain.tokens.map(fields));
        expect(lexed.hidden.map(fields)).toEqual(chevrotain.hidden.map(fields));
        expect([lexed.errors, lexed.report]).toEqual([chevrotain.errors, chevrotain.report]);
    });

    test('the comparison sees a difference: a column off by one is caught', () => {
        const text = 'fabric F { }';
        const scanned = lexer.scanner!.scan(text)!;
        (scanned.tokens[1] as TokenLeaf).startColumn++;
        expect(scanned.tokens.map(fields)).not.toEqual(lexer.chevrotainTokenize(text).tokens.map(fields));
    });
});
