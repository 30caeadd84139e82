import { DocumentState, type LangiumDocument } from 'langium';
import type { Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { commonEnds } from '../text-difference.js';

/**
 * The last linked version of each open document, kept while its next version is being built, so
 * that requests which only read (hover) answer at once from consistent, slightly older text
 * instead of waiting behind the parse and link of a large file.
 *
 * A snapshot is a document of its own: the previous syntax tree (still linked: its references
 * are set aside before Langium unlinks the document for re-parsing), its text, its diagnostics.
 * It lives until the new version is validated, the document is closed or deleted.
 */
export class DocumentSnapshots {
    private readonly snapshots = new Map<string, Snapshot>();

    /**
     * Sets the document's current, linked state aside before it is re-parsed (FabricDocumentBuilder);
     * nothing to keep when its tree is not linked, or when `next` (the text to be parsed) is the same
     * text (Langium keeps the tree then).
     */
    take(document: LangiumDocument, next: string): void {
        const root = document.parseResult.value;
        const text = root.$cstNode?.root.fullText;
        if (text === undefined || text === next || document.state < DocumentState.Linked) return;
        const uri = document.uri.toString();
        const snapshot: LangiumDocument = {
            uri: document.uri,
            textDocument: TextDocument.create(uri, document.textDocument.languageId, 0, text),
            parseResult: document.parseResult,
            state: DocumentState.Validated,
            references: document.references,
            diagnostics: document.diagnostics
        };
        // The old tree now belongs to the snapshot: lookups from its nodes find the old text.
        (root as { $document?: LangiumDocument }).$document = snapshot;
        // Langium unlinks `document.references` before re-parsing; the snapshot keeps its own, linked.
        document.references = [];
        this.snapshots.set(uri, new Snapshot(snapshot, text));
    }

    get(uri: string): Snapshot | undefined {
        return this.snapshots.get(uri);
    }

    drop(uri: string): void {
        this.snapshots.delete(uri);
    }

    get size(): number {
        return this.snapshots.size;
    }
}

/** One document's previous version, and how positions in the current text map into it. */
export class Snapshot {
    private mapping: { text: string; prefix: number; suffix: number } | undefined;

    constructor(readonly document: LangiumDocument, private readonly text: string) { }

    /**
     * The position in the snapshot's text of `position` in `current`: unchanged before the edited
     * stretch, shifted after it, undefined inside it (its old text says nothing about the new).
     */
    mapPosition(current: TextDocument, position: Position): Position | undefined {
        const now = current.getText();
        const offset = current.offsetAt(position);
        const { prefix, suffix } = this.differenceWith(now);
        if (offset <= prefix) return this.document.textDocument.positionAt(offset);
        if (offset >= now.length - suffix) return this.document.textDocument.positionAt(offset - (now.length - this.text.length));
        return undefined;
    }

    /**
     * A range of the snapshot's text in `current`'s: unchanged before the edited stretch, shifted
     * after it, undefined if it touches the stretch.
     */
    mapRangeForward(current: TextDocument, range: Range): Range | undefined {
        const now = current.getText();
        const { prefix, suffix } = this.differenceWith(now);
        const old = this.document.textDocument;
        const start = old.offsetAt(range.start), end = old.offsetAt(range.end);
        if (end < prefix) return range;
        const shift = now.length - this.text.length;
        if (start > this.text.length - suffix) return { start: current.positionAt(start + shift), end: current.positionAt(end + shift) };
        return undefined;
    }

    /** Lengths of the common prefix and suffix of the snapshot's text and `now` (computed once per text). */
    private differenceWith(now: string): { prefix: number; suffix: number } {
        if (this.mapping?.text === now) return this.mapping;
        this.mapping = { text: now, ...commonEnds(this.text, now) };
        return this.mapping;
    }
}
