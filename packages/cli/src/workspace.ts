/**
 * Loading `.fabric` files with the language services, and naming places in them as `file:line:col`.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFabricServices, loadFabricDocuments, type FabricFile, type FabricServices } from '@fabric/language';
import type { FabricModel, SourceRef } from '@fabric/simulator';
import { NodeFileSystem } from 'langium/node';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { UsageError } from './exit-codes.js';
import { palette, type Palette } from './cli-io.js';

export interface LoadedFiles {
    readonly services: FabricServices;
    readonly documents: LangiumDocument<FabricFile>[];
}

/** Builds the given files (and their imports) with the Fabric services. */
export async function loadFiles(paths: readonly string[]): Promise<LoadedFiles> {
    const { Fabric } = createFabricServices(NodeFileSystem);
    try {
        const documents = await loadFabricDocuments(Fabric, paths);
        return { services: Fabric, documents };
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
}

export const SEVERITY_NAMES = ['error', 'error', 'warning', 'info', 'hint'] as const;
export type SeverityName = typeof SEVERITY_NAMES[number];

export function severityName(diagnostic: Diagnostic): SeverityName {
    return SEVERITY_NAMES[diagnostic.severity ?? 1];
}

export function diagnosticCode(diagnostic: Diagnostic): string {
    return String(diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? 'fabric');
}

/** `file:line:col severity code message`, with 1-based line and column. */
export function formatDiagnostic(document: LangiumDocument, diagnostic: Diagnostic, colours: Palette = palette(false)): string {
    const { line, character } = diagnostic.range.start;
    const severity = severityName(diagnostic);
    const paint = severity === 'error' ? colours.red : severity === 'warning' ? colours.yellow : colours.cyan;
    return `${colours.bold(`${displayPath(document)}:${line + 1}:${character + 1}`)} ${paint(severity)} ${colours.dim(diagnosticCode(diagnostic))} ${diagnostic.message}`;
}

export function displayPath(document: LangiumDocument): string {
    return displayFsPath(document.uri.fsPath);
}

/** Relative to where fabric runs when the file is below it, else absolute. */
export function displayFsPath(fsPath: string): string {
    const rel = relative(process.cwd(), fsPath);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : fsPath;
}

/** `file:line:col` of a place the model points back to. */
export function sourceLocation(source: SourceRef): string {
    const path = source.uri.startsWith('file:') ? displayFsPath(fileURLToPath(source.uri)) : source.uri;
    return `${path}:${source.range.start.line + 1}:${source.range.start.character + 1}`;
}

export interface LoadedFabric {
    readonly file: string;
    readonly model: FabricModel;
    /** Every fabric the file declares (for `diff` of two fabrics in one file). */
    readonly models: readonly FabricModel[];
}

/**
 * One file's fabric, ready for the simulator: a file with errors, with no fabric, or without the
 * fabric asked for is an input error that names the places (`file:line:col`).
 */
export async function loadFabrics(path: string): Promise<LoadedFabric[]> {
    const loaded = await loadFiles([path]);
    const [document] = loaded.documents;
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    const file = displayPath(document);
    if (errors.length > 0) {
        throw new UsageError(`${file} has ${errors.length} error${errors.length > 1 ? 's' : ''}; fix them first (see 'fabric check ${file}')`,
            errors.map(d => formatDiagnostic(document, d)));
    }
    const models = loaded.services.elaboration.FabricElaboration.of(document).models;
    if (models.length === 0) throw new UsageError(`${file}:1:1: declares no fabric (part types only)`);
    return models.map(model => ({ file, model, models }));
}

export function pickFabric(fabrics: readonly LoadedFabric[], name: string | undefined): LoadedFabric {
    if (!name) return fabrics[0];
    const found = fabrics.find(f => f.model.name === name);
    if (!found) {
        const have = fabrics.map(f => `${f.model.name} (${sourceLocation(f.model.groups[0].source)})`).join(', ');
        throw new UsageError(`${fabrics[0].file}:1:1: no fabric named '${name}'; it has: ${have}`);
    }
    return found;
}

export async function loadFabric(path: string, name?: string): Promise<LoadedFabric> {
    return pickFabric(await loadFabrics(path), name);
}
