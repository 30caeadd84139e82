import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { FabricCode, type FabricServices } from '../../src/index.js';
import { createTestServices } from '../lsp/fabric-test-services.js';
import { MAX_NESTING } from '../../src/parser/nesting-limit.js';

/** Deep input (issue 12, item 2, and item 15's parser-overflow poisoning and deep completion). */
const nested = (levels: number, closed = true, inner = '') =>
    'fabric F {\n' + 'group g {\n'.repeat(levels) + inner + (closed ? '}\n'.repeat(levels) : '') + '}\n';
const NVL72 = readFileSync(fileURLToPath(new URL('../../../../examples/nvl72-copper.fabric', import.meta.url)), 'utf8');

let services: FabricServices;
let count = 0;
beforeAll(async () => { services = await createTestServices(); });

async function build(text: string) {
    const shared = services.shared.workspace;
    const document = shared.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///deep-${count++}.fabric`));
    shared.LangiumDocuments.addDocument(document);
    await shared.DocumentBuilder.build([document], { validation: true });
    return document;
}
const codes = (document: { diagnostics?: Array<{ code?: unknown; data?: unknown }> }) =>
    (document.diagnostics ?? []).map(d => String(d.code ?? (d.data as { code?: string } | undefined)?.code));

describe('nesting deeper than the limit is a diagnostic, never a crash', () => {
    test('240 nested groups: one error at the first block too deep; the blocks around it parse as written', async () => {
        const document = await build(nested(240));
        expect(codes(document)).toEqual([FabricCode.NestingTooDeep]);
        const diagnostic = document.diagnostics![0];
        expect(diagnostic.message).toBe(`nesting deeper than ${MAX_NESTING} levels: its contents are not read; flatten the nesting`);
        expect(diagnostic.range.start).toEqual({ line: MAX_NESTING, character: 8 }); // line 0 opens the fabric, level 1
    });

    test('an unclosed file with 128 group openings: the missing brace and the nesting, no exception', async () => {
        const document = await build(nested(128, false));
        expect(codes(document)).toEqual([FabricCode.ParseError, FabricCode.NestingTooDeep]);
    });

    test('nesting within the limit is untouched', async () => {
        const document = await build(nested(MAX_NESTING - 1));
        expect(codes(document)).toEqual([]);
    });

    test('after deep input the same services still build the NVL72 example in full', async () => {
        await build(nested(240));
        await build(nested(128, false));
        await build(nested(5000, false));
        const document = await build(NVL72);
        expect(document.diagnostics).toEqual([]);
        const models = services.elaboration.FabricElaboration.of(document).models;
        expect(models.map(m => m.links.length)).toEqual([1296]);
        expect(document.references.filter(r => r.error)).toEqual([]);
    });

    test('a parser that throws (here: out of stack) is clean for the next file', async () => {
        const parser = services.parser.LangiumParser;
        // Parse with less and less stack left until the parser runs out of it mid-parse.
        let overflowed = false;
        const parseAt = (depth: number): void => {
            if (depth > 0) { parseAt(depth - 1); return; }
            try { parser.parse(NVL72); } catch { overflowed = true; }
        };
        const probe = (depth: number): boolean => { try { parseAt(depth); return true; } catch { return false; } };
        for (let depth = 100; depth < 200_000 && !overflowed; depth += 100) if (!probe(depth)) break;
        expect(overflowed).toBe(true);

        const result = parser.parse(NVL72);
        expect(result.parserErrors).toEqual([]);
        expect(result.lexerErrors).toEqual([]);
        expect((result.value as { elements: unknown[] }).elements.length).toBe(1);
    });

    test('completion inside 150-deep nesting answers', async () => {
        const document = await build(nested(150, true, 'acc\n'));
        const completion = await services.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: { line: 151, character: 3 }
        });
        expect(completion).toBeDefined();
    });

    test('the formatter formats a failure domain with 150,000 members', async () => {
        const members = Array.from({ length: 150_000 }, () => 'a').join(' ,a');
        const document = await build(`fabric F { accelerator a : X\n    failure domain d = ${members} }\n`);
        const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(edits.filter(e => e.newText === '').length).toBeGreaterThanOrEqual(149_999);
    }, 240_000);
});
