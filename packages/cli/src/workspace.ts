import { relative } from 'node:path';
import { createFabricServices, loadFabricDocuments, type FabricFile, type FabricServices } from '@fabric/language';
import { NodeFileSystem } from 'langium/node';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface LoadedFiles {
    readonly services: FabricServices;
    readonly documents: LangiumDocument<FabricFile>[];
}

/** Builds the given files (and their imports) with the Fabric services. */
export async function loadFiles(paths: readonly string[]): Promise<LoadedFiles> {
    const { Fabric } = createFabricServices(NodeFileSystem);
    const documents = await loadFabricDocuments(Fabric, paths);
    return { services: Fabric, documents };
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** `file:line:col severity code message`, with 1-based line and column. */
export function formatDiagnostic(document: LangiumDocument, diagnostic: Diagnostic): string {
    const file = displayPath(document);
    const { line, character } = diagnostic.range.start;
    const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? 'fabric';
    return `${file}:${line + 1}:${character + 1} ${SEVERITY[diagnostic.severity ?? 1]} ${code} ${diagnostic.message}`;
}

export function displayPath(document: LangiumDocument): string {
    return relative(process.cwd(), document.uri.fsPath) || document.uri.fsPath;
}
