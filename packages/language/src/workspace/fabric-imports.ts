import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstUtils, URI, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import type { FabricFile, Import } from '../generated/ast.js';

/** The shipped parts catalog: `import "catalog/nvidia"` reads `packages/language/catalog/nvidia.fabric`. */
export const CATALOG_PREFIX = 'catalog/';
export const CATALOG_DIR = URI.file(fileURLToPath(new URL('../../catalog/', import.meta.url)));

/** An import cycle, as the list of document URIs starting and ending at the same file. */
export type ImportCycle = readonly string[];

/**
 * Resolves `import "…"` paths to document URIs and answers which documents a document can see:
 * itself plus everything it imports, transitively. Results are cached until the workspace changes.
 */
export class FabricImports {
    protected readonly documents: LangiumDocuments;
    protected readonly visibleCache: WorkspaceCache<string, ReadonlySet<string>>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.visibleCache = new WorkspaceCache(shared);
    }

    /** The URI an import path denotes: relative to the importing file, or inside the shipped catalog. */
    resolveImportUri(from: URI, path: string): URI {
        const withExtension = path.endsWith('.fabric') ? path : `${path}.fabric`;
        if (path.startsWith(CATALOG_PREFIX)) {
            return UriUtils.joinPath(CATALOG_DIR, withExtension.slice(CATALOG_PREFIX.length));
        }
        if (path.startsWith('/')) {
            return URI.file(withExtension);
        }
        return UriUtils.resolvePath(UriUtils.dirname(from), withExtension);
    }

    resolveImport(node: Import): URI {
        return this.resolveImportUri(AstUtils.getDocument(node).uri, node.path);
    }

    /** Whether the imported file exists (loaded in the workspace, or on disk). */
    importExists(node: Import): boolean {
        if (node.path === undefined) return true; // syntax error: the parser reports it
        const uri = this.resolveImport(node);
        return this.documents.hasDocument(uri) || (uri.scheme === 'file' && existsSync(uri.fsPath));
    }

    /** Import URIs of a document in source order. */
    directImports(document: LangiumDocument): URI[] {
        const root = document.parseResult.value as FabricFile;
        return (root.imports ?? []).filter(imp => imp.path !== undefined).map(imp => this.resolveImport(imp));
    }

    /** The document's own URI and every document it imports, transitively (loaded ones only). */
    visibleUris(document: LangiumDocument): ReadonlySet<string> {
        const key = document.uri.toString();
        return this.visibleCache.get(key, () => {
            const seen = new Set<string>([key]);
            const queue: LangiumDocument[] = [document];
            while (queue.length > 0) {
                const current = queue.pop()!;
                for (const uri of this.directImports(current)) {
                    const target = uri.toString();
                    if (!seen.has(target) && this.documents.hasDocument(uri)) {
                        seen.add(target);
                        queue.push(this.documents.getDocument(uri)!);
                    }
                }
            }
            return seen;
        });
    }

    /**
     * Every file the document imports, transitively, in the order met, each with its document if
     * loaded: missing imports are listed too (a file created later changes what the importer sees).
     */
    importClosure(document: LangiumDocument): Array<{ readonly uri: URI; readonly document: LangiumDocument | undefined }> {
        const seen = new Set<string>([document.uri.toString()]);
        const closure: Array<{ uri: URI; document: LangiumDocument | undefined }> = [];
        const queue: LangiumDocument[] = [document];
        while (queue.length > 0) {
            for (const uri of this.directImports(queue.pop()!)) {
                if (seen.has(uri.toString())) continue;
                seen.add(uri.toString());
                const imported = this.documents.getDocument(uri);
                closure.push({ uri, document: imported });
                if (imported) queue.push(imported);
            }
        }
        return closure;
    }

    /** The import cycle that starts at this import statement, if any (a → b → a). */
    findCycle(node: Import): ImportCycle | undefined {
        if (node.path === undefined) return undefined;
        const start = AstUtils.getDocument(node).uri.toString();
        const first = this.resolveImport(node);
        const path: string[] = [start];
        const visited = new Set<string>();
        const visit = (uri: URI): boolean => {
            const key = uri.toString();
            path.push(key);
            if (key === start) {
                return true;
            }
            if (!visited.has(key) && this.documents.hasDocument(uri)) {
                visited.add(key);
                for (const next of this.directImports(this.documents.getDocument(uri)!)) {
                    if (visit(next)) {
                        return true;
                    }
                }
            }
            path.pop();
            return false;
        };
        return visit(first) ? path : undefined;
    }
}

/** Short display name of a document URI for messages. */
export function displayUri(uri: string): string {
    return uri.slice(uri.lastIndexOf('/') + 1);
}
