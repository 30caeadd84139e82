import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils, GrammarUtils } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { PropertyNodes } from '../../src/elaboration/property-nodes.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/** The elaboration's property lookup must find exactly the CST node Langium's findNodeForProperty finds. */
const dir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const EXAMPLES = readdirSync(dir).filter(name => name.endsWith('.fabric')).sort().map(name => [name, readFileSync(join(dir, name), 'utf8')]);
const HALF_TYPED = ['fabric F { accelerator gpu[0..3] : }', 'fabric F { connect [*] to [ via }', '/* a */ fabric F { // b\n rack r[0..1] { accelerator g : A } }'];

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

function expectSameNodes(text: string): number {
    const root = services.parser.LangiumParser.parse(text).value;
    const properties = new PropertyNodes();
    let compared = 0;
    for (const node of AstUtils.streamAst(root)) {
        for (const property of [...Object.keys(node).filter(key => !key.startsWith('$')), 'name', 'value', 'no-such-property']) {
            expect(properties.find(node.$cstNode, property)).toBe(GrammarUtils.findNodeForProperty(node.$cstNode, property));
            compared++;
        }
    }
    return compared;
}

describe('PropertyNodes finds what GrammarUtils.findNodeForProperty finds', () => {
    test.each([...EXAMPLES, ...HALF_TYPED.map((text, i) => [`half-typed ${i}`, text])])('%s', (_name, text) => {
        expect(expectSameNodes(text)).toBeGreaterThan(0);
    });

    test('a generated fabric', () => {
        expect(expectSameNodes(generateFabric(300).text)).toBeGreaterThan(1000);
    });
});
