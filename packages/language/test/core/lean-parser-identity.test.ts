import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { AstUtils, createLangiumParser, CstUtils, isAstNode, isCompositeCstNode, isLeafCstNode, isRootCstNode, type AstNode, type CstNode, type LangiumParser, type ParseResult } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { CATALOG_DIR, type FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { grammarKeywords } from '../../src/fuzz/fuzz-campaign.js';
import { inputKinds } from '../../src/fuzz/input-kinds.js';
import type { FabricLexer } from '../../src/parser/fabric-lexer.js';
import { convertNumber } from '../../src/parser/lean-langium-parser.js';
import { lineStarts, moveLeaf, tokenLeaf, TokenKinds, TokenLeaf } from '../../src/parser/token-leaf.js';
import { createTestServices, testPath } from '../lsp/fabric-test-services.js';

/**
 * The Fabric parser builds its tree with less work than Langium's (parser/lean-langium-parser.ts:
 * facts per grammar element, containers linked as nodes are assigned): the tree must be exactly
 * the one stock Langium builds from the same text — every AST node with the same keys in the same
 * order and the same values, container links, references and CST nodes; every CST node with the
 * same kind (leaf, composite, root), number of children, offsets, ranges, grammar source, token type
 * and AST node; the same lexer and parser errors — on every example, the catalog, the fuzz
 * regressions, half-typed text, a generated fabric and fuzz inputs of every kind.
 */
const read = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.fabric')).sort().map(name => [name, readFileSync(join(dir, name), 'utf8')] as [string, string]);
const EXAMPLES = read(fileURLToPath(new URL('../../../../examples/', import.meta.url)));
const CATALOG = read(CATALOG_DIR.fsPath);
const REGRESSIONS = read(testPath('fuzz/regressions'));
const HALF_TYPED = [
    'fabric F { accelerator gpu[0..3] : }',
    'fabric F { connect [*] to [ via }',
    'accelerator A { ports 2 } fabric F { rack r[0..1] { accelerator g[0..1] : A } connect r[0].g[0] to r[1].g[ via L length',
    'fabric F { workload w { phase p all-reduce 1 GiB over a, b on } failure domain d[t in 0..1] = r[t], links a to b spares 1 }',
    '/* lead */ fabric F { // one\n rack r { /* in */ } /* tail */ } // end',
    '', '   ', '// only a comment', 'fabric', '}}}{{{'
];
const FUZZ_RUNS = 30;

/** A parse result as plain data: AST nodes and CST nodes by their position in tree order, grammar elements by first appearance. */
function shape(result: ParseResult<AstNode>, grammarIds: Map<object, number>): unknown {
    const gid = (element: unknown) => {
        if (element === undefined) return undefined;
        if (!grammarIds.has(element as object)) grammarIds.set(element as object, grammarIds.size);
        return grammarIds.get(element as object);
    };
    const root = result.value;
    const astNodes = AstUtils.streamAst(root).toArray();
    const astIndex = new Map<unknown, number>(astNodes.map((n, i) => [n, i]));
    const cstNodes = root.$cstNode ? CstUtils.streamCst(root.$cstNode.root).toArray() : [];
    const cstIndex = new Map<unknown, number>(cstNodes.map((n, i) => [n, i]));
    const cstRef = (node: CstNode | undefined) => node === undefined ? undefined
        : cstIndex.has(node) ? { cst: cstIndex.get(node) } : { detachedCst: [node.offset, node.length, gid(node.grammarSource)] };
    const value = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(value);
        if (isAstNode(v)) return astIndex.has(v) ? { ast: astIndex.get(v) } : { outsideTree: v.$type };
        if (v && typeof v === 'object' && '$refText' in v) {
            const ref = v as { $refText: string; $refNode?: CstNode };
            return { refKeys: Object.keys(ref), refText: ref.$refText, refNode: cstRef(ref.$refNode) };
        }
        if (v && typeof v === 'object') return { object: Object.keys(v) };
        return v;
    };
    const ast = astNodes.map(node => Object.entries(node).map(([key, v]) =>
        key === '$container' ? [key, value(v)] : key === '$cstNode' ? [key, cstRef(v as CstNode)] : [key, value(v)]));
    const cst = cstNodes.map(node => {
        const own = node as unknown as { _astNode?: AstNode; content?: CstNode[] };
        // A node is compared by what it answers: the Fabric parser's leaves are its tokens (parser/token-leaf.ts), its composite
        // nodes hold a lone child without an array until `content` is read (parser/compact-composite.ts).
        const leaf = isLeafCstNode(node);
        return {
            kind: leaf ? 'leaf' : isRootCstNode(node) ? 'root' : isCompositeCstNode(node) ? 'composite' : 'neither', leafAstNode: leaf ? value(node.astNode) : undefined, offset: node.offset, length: node.length, end: node.end, hidden: node.hidden,
            range: node.range, text: node.text, grammar: gid(node.grammarSource), tokenType: (node as { tokenType?: { name: string } }).tokenType?.name,
            container: node.container ? cstIndex.get(node.container) ?? 'outside' : undefined,
            content: own.content?.length, astNode: own._astNode ? value(own._astNode) : undefined
        };
    });
    const parserErrors = result.parserErrors.map(e => ({
        name: e.name, message: e.message, ruleStack: e.context.ruleStack, resynced: e.resyncedTokens.length,
        token: { image: e.token.image, startOffset: e.token.startOffset, endOffset: e.token.endOffset, type: e.token.tokenType?.name }
    }));
    return { ast, cst, lexerErrors: result.lexerErrors, lexerReport: result.lexerReport, parserErrors };
}

let services: FabricServices;
let stock: LangiumParser;
let fuzzInputs: Array<[string, string]>;
beforeAll(async () => {
    services = await createTestServices();
    stock = createLangiumParser(services);
    const kinds = inputKinds(grammarKeywords(services), EXAMPLES.map(([, text]) => text));
    fuzzInputs = kinds.flatMap(kind => fc.sample(kind.inputs, { seed: 4242, numRuns: FUZZ_RUNS }).map((text, i) => [`${kind.name} ${i}`, text] as [string, string]));
});

function expectSameTree(text: string): void {
    const ids = new Map<object, number>();
    const expected = shape(stock.parse(text), ids);
    const actual = shape(services.parser.LangiumParser.parse(text), ids);
    expect(actual).toEqual(expected);
}

describe('the Fabric parser builds exactly the tree stock Langium builds', () => {
    test.each([...EXAMPLES, ...CATALOG, ...REGRESSIONS, ...HALF_TYPED.map((text, i) => [`half-typed ${i}`, text])])('%s', (_name, text) => {
        expectSameTree(text);
    });

    test('a generated 1k-line fabric', () => {
        expectSameTree(generateFabric(1000).text);
    });

    test('fuzz inputs of every kind', () => {
        expect(fuzzInputs.length).toBeGreaterThan(100);
        for (const [name, text] of fuzzInputs) {
            try {
                expectSameTree(text);
            } catch (error) {
                throw new Error(`${name}: ${JSON.stringify(text)}\n${error instanceof Error ? error.message : String(error)}`);
            }
        }
    });

    test('its leaves are the lexer\'s tokens, and they answer as tokens what the lexer gave', () => {
        const text = EXAMPLES[0][1];
        const lexed = (services.parser.Lexer as FabricLexer).tokenize(text);
        const root = services.parser.LangiumParser.parse(text).value.$cstNode!.root;
        const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).toArray();
        expect(leaves.length).toBeGreaterThan(100);
        expect(leaves.every(leaf => leaf instanceof TokenLeaf)).toBe(true);
        // Chevrotain's token fields, as its own full-position token has them (its recovery and Langium's diagnostics read them).
        for (const token of [...lexed.tokens, ...lexed.hidden]) {
            expect(token.image).toBe(text.substring(token.startOffset, token.endOffset + 1));
            const lines = token.image.split('\n');
            expect([token.endLine, token.endColumn]).toEqual([token.startLine! + lines.length - 1,
                lines.length === 1 ? token.startColumn! + token.image.length - 1 : lines[lines.length - 1].length]);
            expect(token.tokenTypeIdx).toBe(token.tokenType.tokenTypeIdx);
        }
    });

    test('a leaf\'s column comes from where its line starts, or is its own where Chevrotain counted otherwise', () => {
        expect(lineStarts('a\r\nb\rc\nd')).toEqual([0, 3, 5, 7]);
        const text = 'ab\ncd';
        const kinds = new TokenKinds(text, lineStarts(text));
        const id = services.parser.Lexer.definition['ID'];
        const counted = tokenLeaf(kinds, 'cd', 3, id, 2, 1, 2);
        const own = tokenLeaf(kinds, 'cd', 3, id, 2, 5, 2);
        expect([counted.startColumn, counted.endColumn, counted.range.start.character, counted.image]).toEqual([1, 2, 0, 'cd']);
        expect([own.startColumn, own.endColumn, own.range.start.character, own.image, own.tokenType]).toEqual([5, 6, 4, 'cd', id]);
    });

    test('tokens handed to a second parse leave the first tree as it was', () => {
        const text = '/* lead */ fabric F { rack r[0..1] { accelerator g : A } connect r[0].g to r[1].g via L length 2 m } // end';
        const ids = new Map<object, number>();
        const expected = shape(stock.parse(text), ids);
        const lexer = services.parser.Lexer as FabricLexer;
        const lexed = lexer.tokenize(text);
        const parser = services.parser.LangiumParser;
        (lexer as unknown as { kept: unknown }).kept = { text, result: { ...lexed, hidden: [...lexed.hidden] } };
        const first = parser.parse(text);
        (lexer as unknown as { kept: unknown }).kept = { text, result: { ...lexed, hidden: [...lexed.hidden] } };
        const second = parser.parse(text);
        expect(shape(second, ids)).toEqual(expected);
        expect(shape(first, ids)).toEqual(expected);
    });

    test('moveLeaf moves a token leaf as it moves a Langium leaf', () => {
        const text = 'fabric F {\n  rack r { }\n}';
        const ours = CstUtils.streamCst(services.parser.LangiumParser.parse(text).value.$cstNode!.root).filter(isLeafCstNode).toArray();
        const theirs = CstUtils.streamCst(stock.parse(text).value.$cstNode!.root).filter(isLeafCstNode).toArray();
        const image = ours.map(leaf => (leaf as unknown as TokenLeaf).image);
        const types = ours.map(leaf => [leaf.tokenType, (leaf as unknown as TokenLeaf).tokenTypeIdx]);
        ours.forEach(leaf => moveLeaf(leaf, 3, 2, 1));
        theirs.forEach(leaf => moveLeaf(leaf, 3, 2, 1));
        expect(ours.map(leaf => [leaf.offset, leaf.end, leaf.range])).toEqual(theirs.map(leaf => [leaf.offset, leaf.end, leaf.range]));
        moveLeaf(ours[0], 1, 1);
        moveLeaf(theirs[0], 1, 1);
        expect([ours[0].offset, ours[0].range]).toEqual([theirs[0].offset, theirs[0].range]);
        expect(ours.map(leaf => (leaf as unknown as TokenLeaf).image)).toEqual(image);
        // A moved leaf holds its image with its own kind: its type stays.
        expect(ours.map(leaf => [leaf.tokenType, (leaf as unknown as TokenLeaf).tokenTypeIdx])).toEqual(types);
    });

    test('its NUMBER conversion gives Number\'s value for every form of the terminal', () => {
        const numbers = ['0', '7', '007', '42', '123456789', '1234567890', '99999999999999999999', '1.5', '0.25', '1e3', '1E+3', '2e-3', '1.5e10', '000000000', '999999999'];
        for (const text of numbers) expect(Object.is(convertNumber(text), Number(text)), text).toBe(true);
        fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,12}(\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?$/), text => Object.is(convertNumber(text), Number(text))), { seed: 9 });
    });

    test('the comparison sees a difference: a container link changed is caught', () => {
        const ids = new Map<object, number>();
        const text = EXAMPLES[0][1];
        const expected = shape(stock.parse(text), ids);
        const result = services.parser.LangiumParser.parse(text);
        const node = AstUtils.streamAst(result.value).toArray()[3] as { $containerIndex?: number };
        node.$containerIndex = (node.$containerIndex ?? 0) + 1;
        expect(shape(result, ids)).not.toEqual(expected);
    });
});
