import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
    expectCompletion, expectFindReferences, expectFoldings, expectFormatting, expectSemanticToken, expectSymbols, highlightHelper, parseHelper
} from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { SemanticTokenTypes, type DocumentSymbol } from 'vscode-languageserver';
import type { FabricFile, FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const RACK = `import "catalog/nvidia"

fabric Rack {
    tray compute[0..1] { accelerator gpu[0..3] : B200 }
    tray nvswitch {
        switch sw[0..1] : NVLinkSwitch
    }
    connect compute[*].gpu[*] to nvswitch.sw[*] all-to-all via NVLinkCopper length 1 m
    workload train {
        phase grads all-reduce 4 GiB over compute[*].gpu[*]
    }
}
`;

describe('formatter', () => {
    test('indents blocks, keeps one-line blocks, tightens selections and ranges', async () => {
        await expectFormatting(services)({
            before: 'fabric   F{\n  tray t [ 0 .. 1 ] { accelerator a[0..1]:X }\nconnect t [*] . a[*] ring via L length 1 m\n      workload w {\n phase p all-reduce 1 GiB over t[*].a[*] ,t[0].a[0]\n}\n}\n',
            after: 'fabric F {\n    tray t[0..1] { accelerator a[0..1] : X }\n    connect t[*].a[*] ring via L length 1 m\n    workload w {\n        phase p all-reduce 1 GiB over t[*].a[*], t[0].a[0]\n    }\n}\n'
        });
    });

    for (const name of ['nvl72-copper', 'pod576-cpo', 'tpu-ocs-pod', 'vcsel-slow-wide']) {
        test(`leaves the ${name} example as written (formatted text is a fixed point)`, async () => {
            const text = readFileSync(fileURLToPath(new URL(`../../../../examples/${name}.fabric`, import.meta.url)), 'utf8');
            await expectFormatting(services)({ before: text, after: text });
        });
    }
});

describe('semantic tokens', () => {
    test('part types, instances, groups, units and words by meaning', async () => {
        const tokens = await highlightHelper(services)('link <|L|> { kind <|dac|> lanes 2 x 200 <|Gbps|> reach 2 m }\nfabric F { tray <|t|> { accelerator <|a|>[0..1] : <|B|> } }');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.decorator });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.namespace });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(tokens, { rangeIndex: 5, tokenType: SemanticTokenTypes.type });
    });
});

describe('document symbols', () => {
    test('outline of a fabric: groups, instances with types, workload and phases; no properties', async () => {
        const show = (s: DocumentSymbol): string => `${s.name}${s.detail ? ` (${s.detail})` : ''}${s.children?.length ? ` {${s.children.map(show).join(', ')}}` : ''}`;
        await expectSymbols(services)({
            text: RACK,
            assert: symbols => expect(symbols.map(show)).toEqual([
                'Rack {compute (tray[0..1]) {gpu (accelerator[0..3] : B200)}, nvswitch (tray) {sw (switch[0..1] : NVLinkSwitch)}, train {grads (all-reduce)}}'
            ])
        });
    });
});

describe('folding', () => {
    test('multi-line blocks fold', async () => {
        await expectFoldings(services)({
            text: RACK,
            assert: ranges => expect(ranges.map(r => `${r.startLine + 1}-${r.endLine + 1}`)).toEqual(expect.arrayContaining(['3-11', '5-6', '9-10']))
        });
    });
});

describe('completion', () => {
    test('units valid for the property: a reach takes lengths', async () => {
        await expectCompletion(services)({
            text: 'link L { kind dac lanes 2 x 200 Gbps reach 2 <|> }',
            index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['m', 'km', 'mm']));
                expect(labels).not.toContain('W');
            }
        });
    });

    test('units of a budget are power units', async () => {
        await expectCompletion(services)({
            text: 'fabric F { budget power 100 <|> }',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['W', 'kW', 'MW']))
        });
    });

    test('optics kinds after `kind`', async () => {
        await expectCompletion(services)({
            text: 'link L { kind <|> }',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['dac', 'aec', 'pluggable', 'lpo', 'npo', 'cpo', 'vcsel', 'ocs-circuit']))
        });
    });

    test('part types, including imported ones, after `via`', async () => {
        await expectCompletion(services)({
            text: 'import "catalog/nvidia"\nimport "catalog/optics"\nfabric F { tray t { switch s[0..1] : NVLinkSwitch } connect t.s[0] to t.s[1] via <|> }',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['NVLinkCopper', 'CPO1600', 'CopperAEC']))
        });
    });

    test('keywords at the start of a member', async () => {
        await expectCompletion(services)({
            text: 'fabric F { <|> }',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['connect', 'rack', 'tray', 'layer', 'failure', 'workload', 'budget']))
        });
    });
});

describe('references and rename', () => {
    test('find references of a group across selections', async () => {
        await expectFindReferences(services)({
            text: 'import "catalog/nvidia"\nfabric F {\n    tray <|<|>t|> { switch s[0..1] : NVLinkSwitch }\n    connect <|t|>.s[0] to <|t|>.s[1] via NVLinkCopper length 1 m\n    failure domain d = <|t|>\n}',
            includeDeclaration: true
        });
    });

    test('rename a part type renames its uses', async () => {
        const document = await parseHelper<FabricFile>(services)('link Cable { kind dac lanes 2 x 200 Gbps reach 2 m }\nlink Longer extends Cable { reach 3 m }\nfabric F { tray t { accelerator a[0..1] : X } connect t.a[0] to t.a[1] via Cable length 1 m }');
        const offset = document.textDocument.getText().indexOf('Cable');
        const edit = await services.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.textDocument.uri }, position: document.textDocument.positionAt(offset), newName: 'Copper'
        });
        const edits = edit?.changes?.[document.textDocument.uri] ?? [];
        const text = document.textDocument.getText();
        const uses = [...text.matchAll(/Cable/g)].map(m => document.textDocument.positionAt(m.index)).map(p => `${p.line}:${p.character} Copper`);
        expect(uses).toHaveLength(3);
        expect(edits.map(e => `${e.range.start.line}:${e.range.start.character} ${e.newText}`).sort()).toEqual(uses.sort());
    });
});
