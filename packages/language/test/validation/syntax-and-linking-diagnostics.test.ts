import { DocumentValidator } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import type { FabricDocumentValidator } from '../../src/validation/fabric-document-validator.js';
import { buildText, createTestServices, testPath } from '../lsp/fabric-test-services.js';

/**
 * The early publication of a large document's diagnostics reads the lexing, parsing and linking
 * errors without walking the tree: it must give exactly what Langium's built-in category gives.
 */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const TEXTS: Record<string, string> = {
    'lexing, parsing and linking errors': [
        'link Copper { kind dac lanes 2 x 200 Gbps per-direction reach 2 m }',
        'fabric F {',
        '    accelerator gpu[0..3] : NoSuchGpu',
        '    connect gpu[0] to gpu[1] via Copper length 1 m ) ~',
        '    connect gpu[2] to via Copper',
        '    connect gpu[3] to nowhere[0] via Cable length 1 m',
        '}'
    ].join('\n'),
    'clean': 'fabric F { }'
};

describe('syntaxAndLinkingDiagnostics equals validateDocument with the built-in category', () => {
    test.each(Object.entries(TEXTS))('%s', async (name, text) => {
        const document = await buildText(services, testPath(`validation/early-${name.replace(/\W+/g, '-')}.fabric`), text);
        const validator = services.validation.DocumentValidator as FabricDocumentValidator;
        const early = validator.syntaxAndLinkingDiagnostics(document);
        expect(early).toEqual(await validator.validateDocument(document, { categories: ['built-in'] }));
        const codes = new Set(early.map(d => d.code));
        if (name === 'clean') expect(early).toEqual([]);
        else expect([...codes].sort()).toEqual([DocumentValidator.LexingError, DocumentValidator.LinkingError, DocumentValidator.ParsingError].sort());
    });
});
