import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { TextEdit } from 'vscode-languageserver';
import { CATALOG_DIR } from '../../src/index.js';
import { EXAMPLES_DIR, examplePath, LspClient, positionAfter, temporaryFolder } from './server-helpers.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const POD = readFileSync(examplePath('pod576-cpo'), 'utf8');
const OUTSIDE = 'import "catalog/nvidia"\nfabric Outside {\n    accelerator a[0..1] : B200\n    connect a[0] to a[1] via NoSuchCable length 1 m\n}\n';
const B200_IN_POD = positionAfter(POD, ': B20');
const fileName = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

describe('closed files are unloaded or re-read, and release what they held (issue 12, items 6 and 12)', () => {
    test('a closed file outside the workspace: diagnostics cleared once, gone from references, never re-published', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR });
        const c = client;
        const outsidePath = join(temporaryFolder(), 'outside.fabric');
        writeFileSync(outsidePath, OUTSIDE);
        const outside = await c.open(outsidePath);
        expect((await c.nextDiagnostics(outside, () => true, true)).diagnostics.map(d => d.severity)).toContain(1);
        const pod = await c.open(examplePath('pod576-cpo'));
        await c.nextDiagnostics(pod, () => true, true);
        expect((await c.references(pod, B200_IN_POD)).map(l => fileName(l.uri))).toContain('outside.fabric');

        await c.close(outside);
        // (A publication the server sent before it read the close may still arrive first.)
        await c.nextDiagnostics(outside, p => p.diagnostics.length === 0);
        const published = c.publications(outside).length;
        expect((await c.stats()).documents).not.toContain(outside);
        expect((await c.references(pod, B200_IN_POD)).map(l => fileName(l.uri))).not.toContain('outside.fabric');

        await c.change(pod, POD.replace('length 20 m', 'length 21 m'));
        await c.nextDiagnostics(pod);
        await c.change(pod, POD.replace('length 20 m', 'length 22 m'));
        await c.nextDiagnostics(pod);
        expect(c.publications(outside).length).toBe(published);
    });

    test('a closed workspace file loses its unsaved text: it is read again from disk', async () => {
        const folder = temporaryFolder();
        const path = join(folder, 'rack.fabric');
        copyFileSync(examplePath('nvl72-copper'), path);
        client = await LspClient.start({ workspaceFolder: folder });
        const c = client;
        const uri = await c.open(path);
        await c.nextDiagnostics(uri, () => true, true);
        await c.change(uri, readFileSync(path, 'utf8').replace('NVLinkCopper', 'NoSuchCable'));
        expect((await c.nextDiagnostics(uri)).diagnostics.map(d => d.severity)).toContain(1);
        await c.close(uri);
        await c.nextDiagnostics(uri, p => p.diagnostics.every(d => d.severity !== 1));
        expect((await c.stats()).documents).toContain(uri);
    });

    test('a closed workspace file with an unresolved reference is not re-published on every edit elsewhere', async () => {
        const folder = temporaryFolder();
        writeFileSync(join(folder, 'broken.fabric'), OUTSIDE);
        const mainPath = join(folder, 'main.fabric');
        writeFileSync(mainPath, readFileSync(examplePath('nvl72-copper'), 'utf8'));
        client = await LspClient.start({ workspaceFolder: folder });
        const c = client;
        const broken = pathToFileURL(join(folder, 'broken.fabric')).toString();
        const main = await c.open(mainPath);
        await c.nextDiagnostics(main, () => true, true);
        await c.nextDiagnostics(broken, p => p.diagnostics.length > 0, true);
        const before = c.publications(broken).length;
        for (const length of ['1.3 m', '1.4 m', '1.5 m']) {
            await c.change(main, readFileSync(mainPath, 'utf8').replace('1.2 m', length));
            await c.nextDiagnostics(main);
        }
        expect(c.publications(broken).length).toBe(before);
    });

    test('closing documents releases their models and analyses', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR, nodeArgs: ['--expose-gc'] });
        const c = client;
        const base = await c.until(() => c.stats(), s => s.documents.length >= 8);
        const uris: string[] = [];
        for (const name of ['pod576-cpo', 'nvl72-copper', 'vcsel-slow-wide']) {
            const uri = await c.open(examplePath(name));
            uris.push(uri);
            await c.until(() => c.codeLenses(uri), lenses => lenses.length > 2);
        }
        const open = await c.stats();
        expect(open.elaborations.sort()).toEqual([...uris].sort());
        for (const uri of uris) await c.close(uri);
        const closed = await c.until(() => c.stats(), s => s.elaborations.length === 0);
        // What the open documents held on the heap (models, analyses, indexes) is mostly given back.
        expect(closed.memory.heapUsedMB - base.memory.heapUsedMB).toBeLessThan((open.memory.heapUsedMB - base.memory.heapUsedMB) / 2);
        expect(closed.analysis).toEqual({ pending: 0, analysing: 0, published: 0 });
    });
});

describe('the shipped catalog is read-only to every edit (issue 12, item 6)', () => {
    test('rename refuses a symbol declared in the catalog, with a message; a local symbol renames in the user\'s file only', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR });
        const c = client;
        const pod = await c.open(examplePath('pod576-cpo'));
        await c.nextDiagnostics(pod, () => true, true);
        const refused = c.rename(pod, B200_IN_POD, 'MyGpu');
        await expect(refused).rejects.toThrow(/'B200' is declared in the shipped catalog \(catalog\/nvidia\.fabric\), which is read-only/);
        await expect(c.request('textDocument/prepareRename', { textDocument: { uri: pod }, position: B200_IN_POD })).rejects.toThrow(/read-only/);

        const edit = await c.rename(pod, positionAfter(POD, 'switch NVLinkSwi'), 'LeafSwitch');
        expect(Object.keys(edit!.changes!)).toEqual([pod]);
        expect(edit!.changes![pod].length).toBe(3); // the declaration and its two uses
    });

    test('no formatting and no quick fixes for a catalog file opened in the editor', async () => {
        client = await LspClient.start({ workspaceFolder: EXAMPLES_DIR });
        const c = client;
        const catalogPath = join(CATALOG_DIR.fsPath, 'nvidia.fabric');
        const messy = readFileSync(catalogPath, 'utf8').replace(/\n {4}/g, '\n  ');
        const format = (uri: string) => c.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        const copy = join(temporaryFolder(), 'nvidia-copy.fabric');
        writeFileSync(copy, messy);
        const user = await c.open(copy, messy);
        await c.nextDiagnostics(user, () => true, true);
        expect((await format(user))?.length).toBeGreaterThan(0);
        const catalog = await c.open(catalogPath, messy);
        expect(catalog).toBe(pathToFileURL(catalogPath).toString());
        await c.nextDiagnostics(catalog, () => true, true);
        expect(await format(catalog) ?? []).toEqual([]);
        const actions = await c.request<unknown[] | null>('textDocument/codeAction', {
            textDocument: { uri: catalog }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'unit/missing' }] }
        });
        expect(actions ?? []).toEqual([]);
    });
});
