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
 * code, must turn the file into `<name>.after.fabric`, where that diagnostic is gone.
 */
const DIR = testPath('lsp/quick-fixes');
const FIX = /\/\/\s*\$FIX\s+(\S+)\s+"([^"]*)"/;
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
        });
    }
});
