import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, readText, testPath } from './fabric-test-services.js';

/**
 * The quick-fix test creator: each `<name>.before.fabric` under `quick-fixes/` starts with
 * `// $FIX <code> "<title>"`; the fix with that title, offered for the one diagnostic with that
 * code, must turn the file into `<name>.after.fabric`, where that diagnostic is gone and no new
 * error or warning appears.
 */
const DIR = testPath('lsp/quick-fixes');
const FIX = /\/\/\s*\$FIX\s+(\S+)\s+"(.*)"$/m;
const codeOf = (d: Diagnostic) => String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? '');

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('quick fixes', () => {
    for (const name of readdirSync(DIR).filter(f => f.endsWith('.before.fabric')).sort()) {
        const before = readText(join(DIR, name));
        const after = readText(join(DIR, name.replace('.before.', '.after.')));
        const [, code, title] = FIX.exec(before) ?? [];
        test(`${name.replace('.before.fabric', '')}: ${title}`, async () => {
            const path = join(DIR, name.replace('.before.', '.work.'));
            const document = await buildText(services, path, before);
            const relevant = (document.diagnostics ?? []).filter(d => codeOf(d) === code);
            expect(relevant, `expected one ${code}`).toHaveLength(1);
            const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument: { uri: document.textDocument.uri }, range: relevant[0].range, context: { diagnostics: relevant }
            }) as CodeAction[];
            const action = actions.find(a => a.title === title);
            expect(action, `offered: ${actions.map(a => a.title).join(' | ')}`).toBeDefined();
            const edits = action!.edit!.changes![document.textDocument.uri];
            const fixed = TextDocument.applyEdits(TextDocument.create(document.textDocument.uri, 'fabric', 0, before), edits);
            expect(fixed).toBe(after);
            const rebuilt = await buildText(services, path, fixed);
            expect((rebuilt.diagnostics ?? []).filter(d => codeOf(d) === code).map(d => d.message)).toEqual([]);
            // A fix never makes things worse (issue 12 item 5): no error or warning that was not there before.
            const serious = (ds: Diagnostic[]) => ds.filter(d => (d.severity ?? 1) <= 2).map(d => `${codeOf(d)} ${d.message}`);
            const earlier = new Set(serious(document.diagnostics ?? []));
            expect(serious(rebuilt.diagnostics ?? []).filter(d => !earlier.has(d))).toEqual([]);
        });
    }
});

describe('optics fixes keep the link consistent (issue 12 item 5)', () => {
    test('copper at 30 m in the pod576 example: every fix offered clears the reach error and adds no rate or protocol error; the preferred one is the cheapest', async () => {
        const example = readText(testPath('../../../examples/pod576-cpo.fabric')).replace('NVLinkCopper length 1.2 m', 'NVLinkCopper length 30 m');
        const path = testPath('lsp/quick-fixes/pod576-30m.work.fabric');
        const document = await buildText(services, path, example);
        const reach = (document.diagnostics ?? []).filter(d => codeOf(d) === 'reach/exceeded');
        expect(reach).toHaveLength(1);
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.textDocument.uri }, range: reach[0].range, context: { diagnostics: reach }
        }) as CodeAction[];
        expect(actions.length).toBeGreaterThan(1);
        expect(actions.filter(a => a.isPreferred).map(a => a.title)).toEqual([actions[0].title]);
        const watts = actions.map(a => Number(/, ([\d.]+) W per link/.exec(a.title)?.[1]));
        expect(watts).toEqual([...watts].sort((a, b) => a - b));
        for (const action of actions) {
            const fixed = TextDocument.applyEdits(TextDocument.create(document.textDocument.uri, 'fabric', 0, example), action.edit!.changes![document.textDocument.uri]);
            const rebuilt = await buildText(services, path, fixed);
            const wrong = (rebuilt.diagnostics ?? []).filter(d => ['reach/exceeded', 'link/rate-mismatch', 'link/protocol-mismatch', 'elaborate/missing-laser'].includes(codeOf(d)));
            expect(wrong.map(d => `${action.title}: ${d.message}`)).toEqual([]);
        }
    });
});
