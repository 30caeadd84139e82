import type { LangiumDocument } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import type { FabricServices } from '../../src/index.js';
import { checkSemanticTokens } from '../../src/fuzz/result-checks.js';
import { buildText, createTestServices, testPath } from './fabric-test-services.js';

/** Issue 12 items 3, 13 and 15 (providers on half-typed text), issue 9 item 17 (keywords as names). */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const HEAD = 'import "catalog/nvidia"\nfabric F {\n    tray t[0..1] { accelerator gpu[0..3] : B200 }\n    switch sw[0..1] : NVLinkSwitch\n';
let counter = 0;
const open = (body: string) => buildText(services, testPath(`lsp/half-typed-${counter++}.fabric`), `${HEAD}${body}`);
const at = (document: LangiumDocument, text: string, delta = 0) => document.textDocument.positionAt(document.textDocument.getText().lastIndexOf(text) + delta);
const id = (document: LangiumDocument) => ({ uri: document.textDocument.uri });
const messages = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => `${d.code} ${d.message}`);

describe('providers answer half-typed text with what they can', () => {
    test('outline of instances without their type (`laser x`, `accelerator gpu[0..3]`)', async () => {
        const document = await open('    laser x\n    accelerator gpus[0..3]\n}\n');
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: id(document) });
        const children = symbols[0].children!.map(s => `${s.name} (${s.detail})`);
        expect(children).toEqual(expect.arrayContaining(['x (laser)', 'gpus (accelerator[0..3])', 't (tray[0..1])']));
    });

    for (const body of ['    connect [*]\n}\n', '    connect t[*].gpu[*] to [\n}\n', '    workload w { phase p all-reduce 1 GiB over [\n}\n']) {
        test(`semantic tokens on ${JSON.stringify(body.trim())}, asked twice, stay inside the document without overlaps`, async () => {
            const document = await open(body);
            for (let i = 0; i < 2; i++) {
                const tokens = await services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: id(document) });
                expect(tokens.data.length).toBeGreaterThan(0);
                expect(checkSemanticTokens(tokens.data, document.textDocument)).toEqual([]);
            }
        });
    }

    test('a trailing `on` in a phase is a syntax error at the end, not an internal error over the workload', async () => {
        const document = await open('    workload w {\n        phase grads all-reduce 4 GiB over t[*].gpu[*] on\n    }\n}\n');
        expect(messages(document).filter(m => /internal|An error occurred/.test(m))).toEqual([]);
        expect(messages(document)).toEqual(["parsing-error expected a name but found '}'"]);
    });

    test('code actions on `connect gpu` (an unresolved name, no `via`)', async () => {
        const document = await open('    connect gpu\n}\n');
        const diagnostics = document.diagnostics ?? [];
        expect(diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['linking-error', 'parsing-error']));
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: id(document), range: diagnostics[0].range, context: { diagnostics }
        });
        expect(Array.isArray(actions)).toBe(true);
    });

    test('hover on `connect [`', async () => {
        const document = await open('    connect [\n}\n');
        await expect(services.lsp.HoverProvider!.getHoverContent(document, { textDocument: id(document), position: at(document, '[') })).resolves.toBeUndefined();
    });

    test('linking `over [0].x` reports the unresolved name, without a linker exception', async () => {
        const document = await open('    workload w { phase p all-reduce 1 GiB over [0].x }\n}\n');
        expect(messages(document).filter(m => /An error occurred|internal/.test(m))).toEqual([]);
        expect(messages(document)).toContain("linking-error cannot resolve 'x': no instance, group or layer named 'x' is visible here");
    });
});

describe('keywords as names (issue 9, item 17)', () => {
    test('`group ring[0..1]` says that ring is a keyword, and nothing throws', async () => {
        const document = await open('    group ring[0..1] { accelerator a : B200 }\n}\n');
        expect(messages(document)).toEqual([
            "parsing-error expected a name but found 'ring': 'ring' is a keyword and cannot be used as a name; rename it (for example 'my_ring')"
        ]);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: id(document) });
        expect(symbols.map(s => s.name)).toEqual(['F']);
    });
});

describe('every diagnostic has a code (item 13)', () => {
    test('parsing and linking errors carry their code in `code`, not only in `data.code`', async () => {
        const document = await open('    accelerator a : Nothing\n    connect [\n}\n');
        const codes = (document.diagnostics ?? []).map((d: Diagnostic) => d.code);
        expect(codes).toEqual(expect.arrayContaining(['linking-error', 'parsing-error']));
        expect(codes.every(code => typeof code === 'string' && code.length > 0)).toBe(true);
    });

    test('lexing errors too', async () => {
        const document = await buildText(services, testPath('lsp/half-typed-lexing.fabric'), 'fabric F { § }\n');
        expect((document.diagnostics ?? []).map(d => d.code)).toContain('lexing-error');
    });
});

