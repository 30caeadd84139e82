import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testPath } from './fabric-test-services.js';
import { startInProcessServer, type InProcessServer } from './in-process-server.js';

/** Issue 12 item 7: a relative import resolves relative to the importing file, wherever the workspace folder is. */
let server: InProcessServer;
let folder: string;
beforeAll(async () => {
    server = await startInProcessServer({ workspaceFolder: pathToFileURL(testPath('lsp/quick-fixes')).toString() });
    folder = join(mkdtempSync(join(tmpdir(), 'fabric-outside-')), 'designs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'parts.fabric'), 'link MyCable { kind dac lanes 2 x 200 Gbps reach 3 m }\naccelerator Chip { ports 4 }\n');
});
afterAll(() => server?.dispose());

const MAIN = 'import "./parts"\nfabric F {\n    accelerator a[0..1] : Chip\n    connect a[0] to a[1] via MyCable length 1 m\n}\n';

test('main.fabric beside parts.fabric, outside the workspace folder: the import resolves', async () => {
    const uri = pathToFileURL(join(folder, 'main.fabric')).toString();
    const diagnostics = await server.open(uri, MAIN);
    expect(diagnostics.map(d => `${d.code} ${d.message}`)).toEqual([]);
    const definition = await server.client.sendRequest<Array<{ targetUri: string }> | null>('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 31 } });
    expect(definition?.map(d => d.targetUri)).toEqual([pathToFileURL(join(folder, 'parts.fabric')).toString()]);
});

test('a missing import out there is an import error, not a silent unresolved name', async () => {
    const uri = pathToFileURL(join(folder, 'lonely.fabric')).toString();
    const diagnostics = await server.open(uri, MAIN.replace('./parts', './nowhere'));
    expect(diagnostics.map(d => d.code)).toContain('import/not-found');
});
