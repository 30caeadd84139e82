import { createLangiumParser } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Connect, Fabric, FabricFile, Instance, LaserOption } from '../../src/generated/ast.js';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, testPath } from '../lsp/fabric-test-services.js';

/**
 * `connect … via L` ends with its options, one of which is `laser <selections>`; a laser
 * declaration (`laser els[0..1] : ELSFP`) may follow it in the same block. Langium's rules take
 * `laser els[0..1]` as the option (their lookahead does not see past the statement's end) and
 * fail at the `:`; the Fabric parser's gate (parser/declaration-gate.ts) leaves the options there.
 */
const HEAD = 'import "catalog/nvidia"\nimport "catalog/optics"\n\nfabric F {\n    tray t {\n        switch sw[0..1] : NVLinkSwitch\n    }\n';
const DECLARED_AFTER = `${HEAD}    connect t.sw[0] to t.sw[1] via CPO1600 lanes 2 length 5 m
    laser els[0..1] : ELSFP
    laser extra : ELSFP
}
`;
const OPTION_THEN_DECLARED = `${HEAD}    laser els[0..1] : ELSFP
    connect t.sw[0] to t.sw[1] via CPO1600 lanes 2 length 5 m laser els[0], els[1]
    laser extra : ELSFP
}
`;

let services: FabricServices;
beforeAll(async () => {
    services = await createTestServices();
});

const fabricOf = (text: string) => {
    const result = services.parser.LangiumParser.parse<FabricFile>(text);
    return { result, fabric: result.value.elements.find((e): e is Fabric => e.$type === 'Fabric')! };
};

describe('a laser declaration after a connect is a declaration, not the connect\'s laser option', () => {
    test('stock Langium rules misparse it (the reason for the gate)', () => {
        const errors = createLangiumParser(services).parse(DECLARED_AFTER).parserErrors;
        expect(errors.map(e => e.token.image)).toContain(':');
    });

    test('the Fabric parser ends the connect before `laser els[0..1] :` and `laser extra :`', () => {
        const { result, fabric } = fabricOf(DECLARED_AFTER);
        expect(result.parserErrors).toEqual([]);
        const connect = fabric.members.find((m): m is Connect => m.$type === 'Connect')!;
        expect(connect.options.map(o => o.$type)).toEqual(['LanesOption', 'LengthOption']);
        const lasers = fabric.members.filter((m): m is Instance => m.$type === 'Instance' && m.kind === 'laser');
        expect(lasers.map(l => [l.name, l.range?.from, l.range?.to, l.type.$refText])).toEqual([['els', 0, 1, 'ELSFP'], ['extra', undefined, undefined, 'ELSFP']]);
    });

    test('a laser option still takes its selections, and the declaration after it stays one', () => {
        const { result, fabric } = fabricOf(OPTION_THEN_DECLARED);
        expect(result.parserErrors).toEqual([]);
        const connect = fabric.members.find((m): m is Connect => m.$type === 'Connect')!;
        const laser = connect.options.find((o): o is LaserOption => o.$type === 'LaserOption')!;
        expect(laser.lasers.map(s => s.segments.map(g => g.target.$refText).join('.'))).toEqual(['els', 'els']);
        expect(fabric.members.filter(m => m.$type === 'Instance').map(m => (m as Instance).name)).toEqual(['els', 'extra']);
    });

    test('a laser option that names a selection is not taken for a declaration (no `:` follows)', () => {
        const text = OPTION_THEN_DECLARED.replace('laser els[0], els[1]', 'laser els[0..1]');
        const { result, fabric } = fabricOf(text);
        expect(result.parserErrors).toEqual([]);
        const connect = fabric.members.find((m): m is Connect => m.$type === 'Connect')!;
        expect(connect.options.map(o => o.$type)).toEqual(['LanesOption', 'LengthOption', 'LaserOption']);
    });

    test('the syntax check (the recognizer) agrees with the parse', () => {
        for (const text of [DECLARED_AFTER, OPTION_THEN_DECLARED]) expect(services.parser.FabricSyntaxCheck.check(text)?.parserErrors).toEqual([]);
        const broken = DECLARED_AFTER.replace('laser extra : ELSFP', 'laser extra : ');
        expect(services.parser.FabricSyntaxCheck.check(broken)?.parserErrors.length).toBe(services.parser.LangiumParser.parse(broken).parserErrors.length);
    });

    test('completion after `laser els[0..1] : ` following a connect offers laser types, as it does before one', async () => {
        const typed = DECLARED_AFTER.replace('laser els[0..1] : ELSFP', 'laser els[0..1] : ');
        const document = await buildText(services, testPath('fixtures/declaration-gate-completion.fabric'), typed);
        const offset = typed.indexOf('laser els[0..1] : ') + 'laser els[0..1] : '.length;
        const completion = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        expect(completion?.items.map(i => i.label)).toContain('ELSFP');
        expect(completion?.items.map(i => i.label)).not.toContain('CPO1600');
    });

    test('the fabric elaborates with its link and its three lasers', async () => {
        const document = await buildText(services, testPath('fixtures/declaration-gate.fabric'), DECLARED_AFTER);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(d => d.message)).toEqual([]);
        const model = services.elaboration.FabricElaboration.of(document).models[0];
        expect(model.links.length).toBe(1);
        expect(model.laserSources.length).toBe(3);
    });
});
