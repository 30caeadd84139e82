import { createLangiumParser, CstUtils, isCompositeCstNode, type CompositeCstNode, type CstNode, type LangiumParser } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { CompactComposite, isComposite, kidAt, kidCount } from '../../src/parser/compact-composite.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * The Fabric parser's composite CST nodes hold a lone child without an array until `content` is
 * read (parser/compact-composite.ts). What must hold: the array, once made, is the same one every
 * time; the positions Langium's getters answer need no array and agree with stock Langium's; and
 * comments around lone children land where Langium's builder puts them.
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
