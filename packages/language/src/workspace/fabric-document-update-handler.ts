import { DocumentState, URI, UriUtils, type LangiumDocument } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FabricServices } from '../fabric-module.js';
import type { FabricDocumentBuilder } from './fabric-document-builder.js';
import { isCatalogFile } from './read-only-files.js';

/**
 * What the language server keeps of a document once the editor closes it (Langium keeps every
 * document it ever loaded, with its last text, analyses and diagnostics):
 *
 * - a file in a workspace folder, or the shipped catalog, stays loaded (references, rename and
 *   diagnostics cover the workspace) but is re-read from disk, dropping unsaved text;
 * - any other file — opened from outside the workspace — is unloaded, with every file outside
 *   the workspace that only it imported: it leaves references and rename, its diagnostics are
 *   cleared once and never re-published;
 * - no closed document keeps its elaborated models (nor so their analyses) past a build: they are
 *   recomputed if the file is opened again.
 *
 * A file outside the workspace stays while an open document (or a workspace file) imports it.
 *
 * Edits of a large document are coalesced: its rebuild starts once typing has paused for
 * COALESCE_MS, so a burst of keystrokes parses the last version once instead of starting (and
 * cancelling, after its uninterruptible parse) a rebuild per keystroke. Small documents rebuild at
 * once, as Langium does. Listeners registered with `onCoalescedRebuild` run (and are awaited) just
 * before such a rebuild starts: the early diagnostics check the new text's syntax there.
 */
/** A document this large (about 2,000 lines) takes a few hundred milliseconds to parse and link. */
export const LARGE_DOCUMENT_CHARS = 100_000;
/** Quiet time before a large document is rebuilt: longer than the gap between fast keystrokes. */
export const COALESCE_MS = 120;

export class FabricDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly shared: LangiumSharedServices;
    private readonly coalescing = new Set<string>();
    private coalesceTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly beforeRebuild: Array<(uris: readonly string[]) => Promise<void>> = [];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
        services.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => this.releaseClosedModels());
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = change.document.uri;
        if (change.document.getText().length < LARGE_DOCUMENT_CHARS && !this.coalescing.has(uri)) {
            super.didChangeContent(change);
            return;
        }
        this.coalescing.add(uri);
        if (this.coalesceTimer) clearTimeout(this.coalesceTimer);
        this.coalesceTimer = setTimeout(() => void this.flushCoalesced(), COALESCE_MS);
    }

    /** Runs `listener` with the documents of each coalesced rebuild, before the rebuild starts. */
    onCoalescedRebuild(listener: (uris: readonly string[]) => Promise<void>): void {
        this.beforeRebuild.push(listener);
    }

    private async flushCoalesced(): Promise<void> {
        this.coalesceTimer = undefined;
        const uris = [...this.coalescing];
        this.coalescing.clear();
        if (uris.length === 0) return;
        for (const listener of this.beforeRebuild) {
            try {
                await listener(uris);
            } catch (error) {
                console.error('A listener before a coalesced rebuild failed:', error);
            }
        }
        // A document closed meanwhile was dealt with by didCloseDocument.
        const open = uris.filter(uri => this.isOpenUri(uri));
        if (open.length > 0) this.fireDocumentUpdate(open.map(uri => URI.parse(uri)), []);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const closed = URI.parse(event.document.uri);
        this.coalescing.delete(event.document.uri);
        (this.documentBuilder as FabricDocumentBuilder).snapshots.drop(event.document.uri);
        this.releaseClosedModels();
        const unneeded = this.unneededDocuments();
        const reread = unneeded.some(uri => UriUtils.equals(uri, closed)) || !this.shared.workspace.LangiumDocuments.hasDocument(closed) ? [] : [closed];
        if (reread.length > 0 || unneeded.length > 0) this.fireDocumentUpdate(reread, unneeded);
    }

    /**
     * Drops the cached models of every document not open (validation computed them during the
     * build). All of them, not only this build's: a build cancelled at its very end skips its
     * listeners, and the next one catches up.
     */
    private releaseClosedModels(): void {
        for (const services of this.serviceRegistry.all as FabricServices[]) {
            const elaboration = services.elaboration?.FabricElaboration;
            for (const uri of elaboration?.cachedUris ?? []) if (!this.isOpenUri(uri)) elaboration.release(uri);
        }
    }

    /** Loaded documents that are neither open, in the workspace, the catalog, nor imported by one of those. */
    private unneededDocuments(): URI[] {
        const documents = this.shared.workspace.LangiumDocuments.all.toArray();
        const kept = new Set<string>();
        const keep = (document: LangiumDocument) => {
            if (kept.has(document.uri.toString())) return;
            kept.add(document.uri.toString());
            for (const { document: imported } of this.fabric(document.uri)?.workspace.FabricImports.importClosure(document) ?? []) {
                if (imported) kept.add(imported.uri.toString());
            }
        };
        documents.filter(d => this.isOpen(d.uri) || this.inWorkspace(d.uri) || isCatalogFile(d.uri)).forEach(keep);
        return documents.filter(d => !kept.has(d.uri.toString())).map(d => d.uri);
    }

    private inWorkspace(uri: URI): boolean {
        return (this.workspaceManager.workspaceFolders ?? []).some(folder => UriUtils.contains(folder.uri, uri));
    }

    private isOpen(uri: URI): boolean {
        return this.isOpenUri(uri.toString());
    }

    private isOpenUri(uri: string): boolean {
        return this.shared.workspace.TextDocuments.get(uri) !== undefined;
    }

    private fabric(uri: URI): FabricServices | undefined {
        return this.serviceRegistry.hasServices(uri) ? this.serviceRegistry.getServices(uri) as FabricServices : undefined;
    }
}
