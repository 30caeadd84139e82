import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { createLangiumParser, CstNodeBuilder, CstUtils, isCompositeCstNode, type CompositeCstNode, type CstNode, type GrammarAST, type LangiumParser, type LexerResult } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { CompactComposite, isComposite, kidAt, kidCount } from '../../src/parser/compact-composite.js';
import { FabricCstBuilder } from '../../src/parser/fabric-cst-builder.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

type IToken = LexerResult['tokens'][number];

/**
 * The Fabric parser's composite CST nodes hold a lone child without an array, and several as a row
 * of a chunk the parse shares, until `content` is read (parser/compact-composite.ts). What must
 * hold: the array, once made, is the same one every time; the positions Langium's getters answer
 * need no array and agree with stock Langium's; comments land where Langium's builder puts them;
 * and the builder (parser/fabric-cst-builder.ts), driven by any sequence of the parser's calls —
 * comments, removed and regrouped nodes, `content` read while a node is built — builds Langium's tree.
 */
let services: FabricServices;
let stock: LangiumParser;
beforeAll(async () => {
    services = await createTestServices();
    stock = createLangiumParser(services);
});

const TEXT = generateFabric(200).text;
const held = (node: CstNode) => (node as unknown as { _kids: unknown })._kids;

/** Every composite node below `root` in tree order, reached by count and index (no `content` read). */
function composites(root: CstNode): CompositeCstNode[] {
    const found: CompositeCstNode[] = [];
    const visit = (node: CstNode) => {
        if (!isComposite(node)) return;
        found.push(node);
        for (let i = 0; i < kidCount(node); i++) visit(kidAt(node, i)!);
    };
    visit(root);
    return found;
}

/** A tree as plain data, read through the public API only: kind, place, children and text of every node. */
function outline(root: CstNode): unknown[] {
    return CstUtils.streamCst(root).map(node => [isCompositeCstNode(node) ? node.content.length : 'leaf', node.offset, node.end, node.hidden, node.text,
        node.container ? node.container.content.indexOf(node) : -1, node.range]).toArray();
}

describe('compact composite CST nodes', () => {
    test('a lone child is held without an array until content is read; then content is the same array every time', () => {
        const root = services.parser.LangiumParser.parse(TEXT).value.$cstNode!.root;
        const nodes = composites(root).filter(node => node instanceof CompactComposite);
        const lone = nodes.filter(node => kidCount(node) === 1);
        expect(lone.length).toBeGreaterThan(nodes.length / 3);
        for (const node of lone) {
            const child = kidAt(node, 0)!;
            expect(Array.isArray(held(node))).toBe(false);
            expect(isCompositeCstNode(node)).toBe(true);
            const content = node.content;
            expect(content).toEqual([child]);
            expect(node.content).toBe(content);
            expect(kidAt(node, 0)).toBe(child);
            expect(child.container).toBe(node);
        }
        for (const node of nodes) expect(node.content).toBe(node.content);
    });

    test('offset, end, length, range and text of every composite need no array and answer as stock Langium\'s', () => {
        const ours = composites(services.parser.LangiumParser.parse(TEXT).value.$cstNode!.root);
        const answers = ours.map(node => [node.offset, node.end, node.length, node.range, node.text, node.astNode.$type]);
        expect(ours.filter(node => kidCount(node) === 1).every(node => !Array.isArray(held(node)))).toBe(true);
        const theirs = CstUtils.streamCst(stock.parse(TEXT).value.$cstNode!.root).filter(isCompositeCstNode).toArray();
        expect(answers).toEqual(theirs.map(node => [node.offset, node.end, node.length, node.range, node.text, node.astNode.$type]));
    });

    test('comments around lone children are placed as Langium places them', () => {
        const texts = [
            'fabric F { connect /*a*/ r0 /*b*/ . /*c*/ t0 /*d*/ [ /*e*/ 0 /*f*/ ] /*g*/ to /*h*/ r1 via /*i*/ L /*j*/ length /*k*/ 2 /*l*/ m /*m*/ }',
            '// lead\nfabric F {\n  // before\n  rack /* kind */ r /* name */ { accelerator g : /* type */ A // after\n }\n /* tail */ } // end',
            'fabric F { connect r0.t0 to r1 via L length 2 m // unit\n}'
        ];
        for (const text of texts) {
            const ours = services.parser.LangiumParser.parse(text).value.$cstNode!.root;
            expect(outline(ours)).toEqual(outline(stock.parse(text).value.$cstNode!.root));
            expect(CstUtils.streamCst(ours).filter(node => node.hidden).count()).toBeGreaterThan(0);
        }
    });
});

const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const EXAMPLES = readdirSync(EXAMPLE_DIR).filter(name => name.endsWith('.fabric')).sort().map(name => readFileSync(join(EXAMPLE_DIR, name), 'utf8'));
const ODD = [
    '/* lead */ fabric F { // one\n rack r { /* in */ } /* tail */ } // end',
    'fabric F { accelerator gpu[0..3] : }', 'fabric F { connect [*] to [ via }',
    'accelerator A { ports 2 } fabric F { rack r[0..1] { accelerator g[0..1] : A } connect r[0].g[0] to r[1].g[ via L length',
    'fabric F { workload w { phase p all-reduce 1 GiB over a, b on } failure domain d[t in 0..1] = r[t], links a to b spares 1 }',
    '', '// only a comment', 'fabric', '}}}{{{', 'fabric F { rack r { } rack { } }'
];

/** A tree as plain data read by count and index (no `content` read): kind, grammar element, place, text, children. */
function tree(node: CstNode, ids: Map<unknown, number>, read: 'kids' | 'content'): unknown {
    const id = (element: unknown) => element === undefined ? undefined : (ids.has(element) || ids.set(element, ids.size), ids.get(element));
    const own = { grammar: id(node.grammarSource), offset: node.offset, end: node.end, hidden: node.hidden, text: node.text, range: node.range };
    if (read === 'kids' ? !isComposite(node) : !isCompositeCstNode(node)) return own;
    const composite = node as CompositeCstNode;
    const kids = read === 'kids' ? Array.from({ length: kidCount(composite) }, (_, i) => kidAt(composite, i)!) : composite.content;
    return { ...own, kids: kids.map(kid => kid.container === composite ? tree(kid, ids, read) : 'wrong container') };
}

describe('children held in shared rows', () => {
    test('a composite with several children holds a row of a chunk the parse shares, not an array, until content is read', () => {
        const root = services.parser.LangiumParser.parse(TEXT).value.$cstNode!.root;
        const several = composites(root).filter(node => node instanceof CompactComposite && kidCount(node) > 1);
        expect(several.length).toBeGreaterThan(100);
        const chunks = new Set(several.map(held));
        expect(chunks.size).toBeLessThan(several.length / 20);
        for (const node of several) {
            const kids = Array.from({ length: kidCount(node) }, (_, i) => kidAt(node, i));
            const content = node.content;
            expect(content).toEqual(kids);
            expect(node.content).toBe(content);
            expect(held(node)).toBe(content);
        }
    });

    test('read by count and index before any content is read, every tree answers as stock Langium\'s (comments, recovery, removed nodes)', () => {
        for (const text of [...EXAMPLES, ...ODD]) {
            const ids = new Map<unknown, number>();
            const ours = services.parser.LangiumParser.parse(text).value.$cstNode?.root;
            const theirs = stock.parse(text).value.$cstNode?.root;
            if (!ours || !theirs) { expect(ours).toBe(theirs); continue; }
            const expected = tree(theirs, ids, 'content');
            expect(tree(ours, ids, 'kids')).toEqual(expected);
            expect(tree(ours, ids, 'content')).toEqual(expected);
        }
    });

    test('driven by any sequence of the parser\'s calls, the builder builds the tree Langium\'s builder builds', () => {
        type Op = { op: 'open' | 'leaf' | 'close' | 'readOpen' | 'readClosed' | 'removeClosed' | 'regroup' } | { op: 'hidden'; n: number };
        const ops = fc.array(fc.oneof(
            ...(['open', 'open', 'leaf', 'leaf', 'leaf', 'close', 'close', 'readOpen', 'readClosed', 'removeClosed', 'regroup'] as const).map(op => fc.constant({ op } as Op)),
            fc.integer({ min: 0, max: 2 }).map(n => ({ op: 'hidden', n }) as Op)), { maxLength: 60 });
        const features = Array.from({ length: 5 }, (_, i) => ({ $type: 'Keyword', value: `k${i}` }) as unknown as GrammarAST.AbstractElement);
        fc.assert(fc.property(ops, fc.nat(), (sequence, salt) => {
            const builders = [new CstNodeBuilder(), new FabricCstBuilder()];
            const text = 'x'.repeat(1000);
            const closed: CstNode[][] = [[], []];
            builders.forEach(b => b.buildRootNode(text));
            let depth = 0, offset = 0, step = salt;
            const token = () => { offset += 2; return { image: 'x', startOffset: offset, startLine: 1, startColumn: offset + 1, endLine: 1, endColumn: offset + 1, tokenType: { name: 'T' } } as unknown as IToken; };
            for (const item of sequence) {
                step++;
                if (item.op === 'open') { builders.forEach(b => b.buildCompositeNode(features[step % 5])); depth++; }
                else if (item.op === 'leaf') { const t = token(); builders.forEach(b => b.buildLeafNode(t, features[step % 5])); }
                else if (item.op === 'hidden') { const ts = Array.from({ length: item.n }, token); builders.forEach(b => b.addHiddenNodes(ts)); }
                else if (item.op === 'close' && depth > 0) { builders.forEach((b, i) => { const node = { $type: 'X' } as { $type: string; $cstNode: CstNode }; b.construct(node); closed[i].push(node.$cstNode); }); depth--; }
                else if (item.op === 'readOpen' && depth > 0) builders.forEach(b => void (b as unknown as { nodeStack: CompositeCstNode[] }).nodeStack[1 + step % depth].content.length);
                else if (item.op === 'readClosed' && closed[0].length > 0) builders.forEach((b, i) => void (closed[i][step % closed[i].length] as CompositeCstNode).content.length);
                else if (item.op === 'removeClosed' && closed[0].length > 0) builders.forEach((b, i) => b.removeNode(closed[i][step % closed[i].length]));
                else if (item.op === 'regroup' && depth > 0) {
                    // LangiumParser.action with a feature: the current node is closed, taken out and put into a new one.
                    builders.forEach(b => { const node = { $type: 'X' } as { $type: string; $cstNode: CstNode }; b.construct(node); b.removeNode(node.$cstNode); const group = b.buildCompositeNode(features[0]); b.appendChild(group, node.$cstNode); });
                }
            }
            for (; depth > 0; depth--) builders.forEach(b => b.construct({ $type: 'X' } as { $type: string; $cstNode: CstNode }));
            const trailing = [token()];
            builders.forEach(b => b.addHiddenNodes(trailing));
            const roots = builders.map(b => (b as unknown as { rootNode: CstNode }).rootNode);
            const ids = new Map<unknown, number>();
            const expected = tree(roots[0], ids, 'content');
            expect(tree(roots[1], ids, 'kids')).toEqual(expected);
            expect(tree(roots[1], ids, 'content')).toEqual(expected);
        }), { seed: 12, numRuns: 400 });
    });
});
