import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeFileSystem } from 'langium/node';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createFabricServices, loadFabricDocuments, type DocumentElaboration, type FabricFile, type FabricServices } from '../../src/index.js';

export interface Checked {
    readonly services: FabricServices;
    readonly document: LangiumDocument<FabricFile>;
    readonly diagnostics: Diagnostic[];
    readonly elaboration: DocumentElaboration;
    readonly errors: Diagnostic[];
}

/**
 * Writes `main.fabric` (and any other files) into a fresh temporary folder and builds it the way
 * the CLI does: real files, real imports, the shipped catalog.
 */
export async function checkFiles(main: string, others: Record<string, string> = {}): Promise<Checked> {
    const dir = mkdtempSync(join(tmpdir(), 'fabric-test-'));
    for (const [name, text] of Object.entries({ 'main.fabric': main, ...others })) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return checkPath(join(dir, 'main.fabric'));
}

export async function checkPath(path: string): Promise<Checked> {
    const { Fabric: services } = createFabricServices(NodeFileSystem);
    const [document] = await loadFabricDocuments(services, [path]);
    const diagnostics = document.diagnostics ?? [];
    return {
        services, document, diagnostics,
        elaboration: services.elaboration.FabricElaboration.of(document),
        errors: diagnostics.filter(d => d.severity === 1)
    };
}

/** `code line:col-line:col message`, 1-based, for exact assertions. */
export function describe(diagnostic: Diagnostic): string {
    const { start, end } = diagnostic.range;
    const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code;
    return `${code} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.message}`;
}
