import * as vscode from 'vscode';
import type { ExportFormat } from './diagram-session.js';

/** The bytes to write for an export: SVG text as UTF-8, a PNG from its base64. */
export function exportBytes(format: ExportFormat, data: string): Uint8Array {
    return format === 'svg' ? new TextEncoder().encode(data) : Uint8Array.from(Buffer.from(data, 'base64'));
}

/** Where to write an export of `document`'s diagram: asks, and asks again before replacing a file. */
export async function chooseExportTarget(document: vscode.Uri, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const base = document.path.replace(/\.fabric$/, '');
    const target = await vscode.window.showSaveDialog({
        defaultUri: document.with({ path: `${base}.diagram.${format}` }),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        title: `Export Diagram as ${format.toUpperCase()}`
    });
    if (!target) return undefined;
    if (await exists(target)) {
        const name = target.path.slice(target.path.lastIndexOf('/') + 1);
        const choice = await vscode.window.showWarningMessage(`${name} already exists. Replace it?`, { modal: true }, 'Replace');
        if (choice !== 'Replace') return undefined;
    }
    return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}
