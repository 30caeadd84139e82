import type { AstNode, LangiumDocument, LangiumDocuments, URI } from 'langium';
import type { FabricFile } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { FabricImports } from '../workspace/fabric-imports.js';
import { elaborateDocument, type DocumentElaboration } from './elaborator.js';

/** One cached elaboration and the syntax trees it was computed from. */
interface Entry {
    readonly root: AstNode;
    /** Every file in the document's import closure, with the syntax tree it had (undefined: not loaded). */
    readonly closure: ReadonlyArray<{ readonly uri: URI; readonly root: AstNode | undefined }>;
    readonly elaboration: DocumentElaboration;
}

/**
 * The elaborated models of each document, computed once after linking and shared by validation,
 * hovers, inlay hints, code lenses, the analysis scheduler, the diagram feed and the CLI.
 *
 * Per document, and valid as long as the document's own syntax tree and those of every file in its
 * import closure are the ones it was computed from: a re-parse (an edit, a change on disk) makes a
 * new tree, so an edit invalidates exactly the edited file and its importers, and every other
 * document keeps its models — and with them (FabricAnalyses is keyed by model) its analysis.
 * Entries of deleted documents are dropped; the document lifecycle releases closed ones.
 */
export class FabricElaboration {
    private readonly entries = new Map<string, Entry>();
    private readonly documents: LangiumDocuments;
    private readonly imports: FabricImports;

    constructor(services: FabricServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.imports = services.workspace.FabricImports;
        services.shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach(uri => this.release(uri)));
    }

    of(document: LangiumDocument): DocumentElaboration {
        const key = document.uri.toString();
        const entry = this.entries.get(key);
        if (entry && this.isCurrent(entry, document)) return entry.elaboration;
        const root = document.parseResult.value;
        const closure = this.imports.importClosure(document).map(({ uri, document: imported }) => ({ uri, root: imported?.parseResult.value }));
        const elaboration = elaborateDocument(root as FabricFile);
        this.entries.set(key, { root, closure, elaboration });
        return elaboration;
    }

    /** The cached elaboration if it is still current; never computes. */
    peek(document: LangiumDocument): DocumentElaboration | undefined {
        const entry = this.entries.get(document.uri.toString());
        return entry && this.isCurrent(entry, document) ? entry.elaboration : undefined;
    }

    /** Forgets a document's models (closed or deleted): its analyses go with them. */
    release(uri: URI | string): void {
        this.entries.delete(uri.toString());
    }

    /** The documents with cached models (for the server's statistics and tests). */
    get cachedUris(): string[] {
        return [...this.entries.keys()];
    }

    private isCurrent(entry: Entry, document: LangiumDocument): boolean {
        if (entry.root !== document.parseResult.value) return false;
        return entry.closure.every(({ uri, root }) => this.documents.getDocument(uri)?.parseResult.value === root);
    }
}
