import { expectFormatting } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, testPath } from './fabric-test-services.js';

/** Issue 12 items 8 and 15: large arrays, zero budgets, and the formatter's fixed points. */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

let counter = 0;
async function hoverAndHints(text: string, hoverAt: string) {
    const document = await buildText(services, testPath(`lsp/large-${counter++}.fabric`), text);
    const textDocument = { uri: document.textDocument.uri };
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: document.textDocument.positionAt(text.indexOf(hoverAt) + 1) });
    const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) } });
    return { hover: (hover?.contents as { value: string } | undefined)?.value ?? '', hints: (hints ?? []).map(h => String(h.label)), document };
}

describe('large arrays never overflow the stack (Math.min(...values), push(...items))', () => {
    test('hover on accelerator a[0..199999]', async () => {
        const { hover } = await hoverAndHints('import "catalog/nvidia"\nfabric F {\n    accelerator a[0..199999] : B200\n}\n', 'a[0..');
        expect(hover).toContain('**accelerator × 200,000** · B200');
        expect(hover).toContain('| ports used / available | 0 / 18 | 0 / 3,600,000 |');
    });

    test('inlay hints and hover on a 600-way all-to-all (179,700 links)', async () => {
        const text = 'import "catalog/nvidia"\nfabric F {\n    accelerator a[0..599] : B200\n    connect a[*] all-to-all via NVLinkCopper length 1 m\n}\n';
        const { hover, hints } = await hoverAndHints(text, 'connect');
        // passive NVLink copper adds no watts beyond the chips (catalog 2): the sum is still formed over every link
        expect(hints).toEqual([expect.stringMatching(/^ 179,700 × 0 W = 0 W · \d/)]);
        expect(hover).toContain('**179,700 links** · NVLinkCopper (dac)');
    });
});

describe('budgets (item 8)', () => {
    test('a zero budget is a diagnostic, and no hover divides by it', async () => {
        const text = 'import "catalog/nvidia"\nfabric F {\n    budget power 0 kW\n    accelerator gpu[0..3] : B200\n}\n';
        const { hover, document } = await hoverAndHints(text, 'gpu[');
        expect((document.diagnostics ?? []).map(d => d.code)).toContain('power/zero-budget');
        expect(hover).toContain('**accelerator × 4**');
        expect(hover).not.toMatch(/Infinity|NaN/);
    });
});

describe('formatter fixed points (item 15)', () => {
    test('an empty block', async () => {
        await expectFormatting(services)({ before: 'fabric F {}\n', after: 'fabric F { }\n' });
        await expectFormatting(services)({ before: 'fabric F { }\n', after: 'fabric F { }\n' });
    });

    test('a tab-indented comment before a member takes the member\'s indentation, once', async () => {
        const formatted = 'fabric F {\n    // the gpus\n    accelerator a : A\n}\n';
        await expectFormatting(services)({ before: 'fabric F {\n\t\t// the gpus\n\taccelerator a : A\n}\n', after: formatted });
        await expectFormatting(services)({ before: formatted, after: formatted });
        await expectFormatting(services)({ before: 'fabric F {\n    tray t {\n\t// c\n\taccelerator a : A\n    }\n}\n', after: 'fabric F {\n    tray t {\n        // c\n        accelerator a : A\n    }\n}\n' });
    });
});
