import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstUtils, CstUtils, URI, type AstNode } from 'langium';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { CATALOG_DIR, type FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { grammarKeywords } from '../../src/fuzz/fuzz-campaign.js';
import { inputKinds } from '../../src/fuzz/input-kinds.js';
import type { FabricLexer } from '../../src/parser/fabric-lexer.js';
import type { FabricDocumentValidator } from '../../src/validation/fabric-document-validator.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * The syntax check (a recognizer pass that builds no tree, published for large documents before
 * their parse) must find exactly what the parse finds: the same diagnostics, message for message
 * and range for range, on valid files, half-typed text, absurd token streams and text nested past
 * the lexer's limit. And the parse that reuses the check's tokens must build the same tree as one
 * that lexes the text itself.
 */
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const files = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.fabric')).map(name => readFileSync(`${dir}/${name}`, 'utf8'));
const examples = files(EXAMPLES);
const HALF_TYPED = [
    '',
    'fabric',
    'fabric F { accelerator gpu[0..3] : }',
    'fabric F { connect [*] to [ via }',
    'accelerator A { ports 2 } fabric F { rack r[0..1] { accelerator g[0..1] : A } connect r[0].g[0] to r[1].g[ via L length',
    'fabric F { workload w { phase p all-reduce 1 GiB over a, b on } failure domain d[t in 0..1] = r[t], links a to b spares 1 }',
    'fabric F { link L { kind dac lanes 2 x 200 Gbps } connect a to b via L length m }',
    `fabric F { ${'group g { '.repeat(200)}}`,
    '"unclosed string fabric F {',
    '/* unclosed comment fabric F { }'
];

let services: FabricServices;
let inputs: string[];
beforeAll(async () => {
    services = await createTestServices();
    const kinds = inputKinds(grammarKeywords(services), [examples[0]]);
    const fuzzed = kinds.flatMap((kind, k) => fc.sample(kind.inputs, { numRuns: 60, seed: 20261201 + k }));
    inputs = [...examples, ...files(CATALOG_DIR.fsPath), ...HALF_TYPED, ...fuzzed, generateFabric(400).text];
});

/** The syntax diagnostics of a full parse of `text` that lexes it itself. */
function parsedDiagnostics(text: string) {
    (services.parser.Lexer as FabricLexer).forget();
    const parseResult = services.parser.LangiumParser.parse(text);
    return { parseResult, diagnostics: (services.validation.DocumentValidator as FabricDocumentValidator).syntaxDiagnostics({ parseResult } as never) };
}

/** Every node as its type, properties that are not nodes, and its text range; every CST leaf as its offset, length and token type. */
function treeShape(root: AstNode): unknown {
    const nodes = AstUtils.streamAst(root).toArray().map(node => {
        const plain = Object.entries(node).filter(([key, value]) => !key.startsWith('$') && typeof value !== 'object');
        return [node.$type, node.$containerProperty, node.$containerIndex, node.$cstNode?.offset, node.$cstNode?.length, plain];
    });
    const leaves = root.$cstNode ? CstUtils.streamCst(root.$cstNode).filter(n => !('content' in n)).map(n => [n.offset, n.length, n.hidden, n.grammarSource?.$type]).toArray() : [];
    return { nodes, leaves };
}

describe('the syntax check finds exactly what the parse finds', () => {
    test('on examples, catalog files, half-typed text and 420 fuzzed inputs', () => {
        const validator = services.validation.DocumentValidator as FabricDocumentValidator;
        let withErrors = 0;
        for (const text of inputs) {
            const findings = services.parser.FabricSyntaxCheck.check(text);
            expect(findings, JSON.stringify(text.slice(0, 200))).toBeDefined();
            const checked = validator.syntaxDiagnostics(findings!);
            const { diagnostics } = parsedDiagnostics(text);
            expect(checked, JSON.stringify(text.slice(0, 200))).toEqual(diagnostics);
            if (diagnostics.length > 0) withErrors++;
        }
        // The comparison means something only if many inputs have errors (and some have none).
        expect(withErrors).toBeGreaterThan(200);
        expect(withErrors).toBeLessThan(inputs.length);
    });

    test('a parse that reuses the check\'s tokens builds the same tree as one that lexes again', () => {
        for (const text of inputs.filter((_, i) => i % 5 === 0)) {
            const fresh = treeShape(parsedDiagnostics(text).parseResult.value);
            services.parser.FabricSyntaxCheck.check(text);
            const reused = services.parser.LangiumParser.parse(text);
            expect(treeShape(reused.value), JSON.stringify(text.slice(0, 200))).toEqual(fresh);
        }
    });

    test('kept tokens serve only the same text, once', () => {
        const lexer = services.parser.Lexer as FabricLexer;
        const text = 'fabric F { }';
        const kept = lexer.keep(text);
        expect(lexer.tokenize('fabric G { }').tokens).not.toBe(kept.tokens);
        expect(lexer.tokenize(text).tokens).toBe(kept.tokens);
        expect(lexer.tokenize(text).tokens).not.toBe(kept.tokens);
        lexer.keep(text);
        lexer.forget();
        expect(lexer.tokenize(text).tokens).not.toBe(kept.tokens);
        // Completion lexes in its own mode: never the kept tokens.
        const again = lexer.keep(text);
        expect(lexer.tokenize(text, { mode: 'partial' }).tokens).not.toBe(again.tokens);
    });

    test('the document built after a check is the document built without one', async () => {
        const text = examples[0];
        const build = async (check: boolean) => {
            if (check) services.parser.FabricSyntaxCheck.check(text);
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///check-${check}.fabric`));
            return treeShape(document.parseResult.value);
        };
        expect(await build(true)).toEqual(await build(false));
    });
});
