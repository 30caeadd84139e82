import { DefaultScopeComputation, MultiMap, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { isPartType, type FabricFile } from '../generated/ast.js';

/**
 * Exports the part types declared at the top of a file (what `import` makes visible). Local symbols
 * are not precomputed: FabricScopeProvider builds one name map per container on first use, which
 * keeps linking linear in file size.
 */
export class FabricScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as FabricFile;
        return root.elements.filter(isPartType).filter(t => t.name).map(t => this.descriptions.createDescription(t, t.name, document));
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
