import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstUtils, type AstNode } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * The parser links every node to its container itself (a cheaper pass than Langium's, see
 * parser/container-links.ts): the links must be exactly those Langium's own pass gives, on every
 * example and on half-typed text (error recovery leaves partial nodes).
 */
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(EXAMPLES).filter(name => name.endsWith('.fabric')).map(name => [name, readFileSync(EXAMPLES + name, 'utf8')]);
const HALF_TYPED = [
    'fabric F { accelerator gpu[0..3] : }',
    'fabric F { connect [*] to [ via }',
    'accelerator A { ports 2 } fabric F { rack r[0..1] { accelerator g[0..1] : A } connect r[0].g[0] to r[1].g[ via L length',
    'fabric F { workload w { phase p all-reduce 1 GiB over a, b on } failure domain d[t in 0..1] = r[t], links a to b spares 1 }'
];

/** Each node (in tree order) as its type, its container's position in that order, the property and the index. */
type Links = Array<[string, number, string | undefined, number | undefined]>;
function links(root: AstNode): Links {
    const nodes = AstUtils.streamAst(root).toArray();
    const position = new Map(nodes.map((node, i) => [node, i]));
    return nodes.map(n => [n.$type, n.$container ? position.get(n.$container) ?? -2 : -1, n.$containerProperty, n.$containerIndex]);
}

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('container links set by the parser equal Langium\'s linkContentToContainer', () => {
    test.each([...examples, ...HALF_TYPED.map((text, i) => [`half-typed ${i}`, text])])('%s', (_name, text) => {
        const { value } = services.parser.LangiumParser.parse(text);
        const ours = links(value);
        expect(ours.length).toBeGreaterThan(1);
        // Clear them, let Langium link the same tree, and compare node by node.
        for (const node of AstUtils.streamAst(value)) {
            if (node === value) continue;
            const mutable = node as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
            mutable.$container = undefined;
            mutable.$containerProperty = undefined;
            mutable.$containerIndex = undefined;
        }
        AstUtils.linkContentToContainer(value, { deep: true });
        expect(ours).toEqual(links(value));
    });
});
