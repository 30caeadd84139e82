import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'vscode-languageserver';

/** Helpers for tests that drive the compiled language server over JSON-RPC (`npm test` builds it first). */
export { LspClient } from '../../src/testing/lsp-client.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
export const examplePath = (name: string) => join(EXAMPLES_DIR, `${name}.fabric`);

/** The position just after the first occurrence of `needle` (plus `offset` characters). */
export function positionAfter(text: string, needle: string, offset = 0): Position {
    const at = text.indexOf(needle);
    if (at < 0) throw new Error(`'${needle}' is not in the text`);
    return positionAt(text, at + needle.length + offset);
}

export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

export function temporaryFolder(prefix = 'fabric-server-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

export function hoverText(hover: { contents: unknown } | null): string {
    const contents = hover?.contents as { value?: string } | string | undefined;
    return typeof contents === 'string' ? contents : contents?.value ?? '';
}
