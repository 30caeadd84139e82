import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, readText, testPath } from '../lsp/fabric-test-services.js';
import { readFixtureMarkers, type ExpectedSeverity } from './fixture-markers.js';

/**
 * The validation test creator: every `.fabric` file under `fixtures/` becomes test cases, one per
 * expected diagnostic and one per `$NONE`, plus one saying the file has no unexpected errors.
 * Adding a test is adding a fixture (see fixture-markers.ts for the marker language).
 */
const FIXTURES = testPath('validation/fixtures');
const SEVERITY: Record<ExpectedSeverity, number> = { error: 1, warning: 2, info: 3, hint: 4 };

function fixtureFiles(dir: string): string[] {
    return readdirSync(dir).sort().flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? fixtureFiles(path) : name.endsWith('.fabric') ? [path] : [];
    });
}

const codeOf = (d: Diagnostic) => String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? '');
const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;
const show = (ds: Diagnostic[]) => ds.map(d => `${codeOf(d)} ${at(d)} ${d.message}`).join('\n');

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

for (const path of fixtureFiles(FIXTURES)) {
    const markers = readFixtureMarkers(readText(path));
    describe(relative(FIXTURES, path), () => {
        let diagnostics: Diagnostic[] = [];
        beforeAll(async () => {
            diagnostics = (await buildText(services, path, markers.text)).diagnostics ?? [];
        });

        for (const expected of markers.expected) {
            const name = `${expected.severity} ${expected.code}${expected.message ? ` "${expected.message}"` : ''} (marker at line ${expected.markerLine})`;
            test(name, () => {
                const matching = diagnostics.filter(d => codeOf(d) === expected.code
                    && d.range.start.line === expected.range.start.line && d.range.start.character === expected.range.start.character
                    && d.range.end.line === expected.range.end.line && d.range.end.character === expected.range.end.character
                    && d.message.includes(expected.message ?? ''));
                expect(matching, `no such ${expected.code} at the marked range; found:\n${show(diagnostics)}`).toHaveLength(1);
                expect(matching[0].severity).toBe(SEVERITY[expected.severity]);
                if (expected.related) {
                    const [file, text] = expected.related.split(/:\s*/, 2);
                    const related = (matching[0].relatedInformation ?? []).map(r => {
                        const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(r.location.uri));
                        const line = document?.textDocument.getText().split('\n')[r.location.range.start.line] ?? '';
                        return `${r.location.uri.slice(r.location.uri.lastIndexOf('/') + 1)}: ${line.trim()}`;
                    });
                    expect(related.some(r => r.startsWith(`${file}: `) && r.includes(text)), `related: ${related.join(' | ')}`).toBe(true);
                }
            });
        }

        const expectedCodes = new Set(markers.expected.map(e => e.code));
        for (const code of expectedCodes) {
            test(`${code}: nothing beyond the marked diagnostics`, () => {
                const count = markers.expected.filter(e => e.code === code).length;
                expect(show(diagnostics.filter(d => codeOf(d) === code)).split('\n').filter(Boolean)).toHaveLength(count);
            });
        }

        for (const code of markers.absentCodes) {
            test(`no ${code}`, () => {
                expect(show(diagnostics.filter(d => codeOf(d) === code))).toBe('');
            });
        }

        test('no unexpected errors', () => {
            const unexpected = diagnostics.filter(d => d.severity === 1 && !expectedCodes.has(codeOf(d)));
            expect(show(unexpected)).toBe('');
        });
    });
}
