import { WorkspaceCache, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { FabricFile } from '../generated/ast.js';
import { elaborateDocument, type DocumentElaboration } from './elaborator.js';

/**
 * The elaborated models of each document, computed once after linking and shared by validation,
 * hovers, the diagram feed and the CLI. Dropped when any document of the workspace changes, since
 * a change in an imported file changes the models of its importers.
 */
export class FabricElaboration {
    private readonly cache: WorkspaceCache<string, DocumentElaboration>;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    of(document: LangiumDocument): DocumentElaboration {
        return this.cache.get(document.uri.toString(), () => elaborateDocument(document.parseResult.value as FabricFile));
    }
}
