import { DefaultWorkspaceManager, URI, UriUtils, type LangiumDocument } from 'langium';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { CATALOG_DIR } from './fabric-imports.js';

/** Loads the shipped parts catalog beside the user's workspace, so `import "catalog/…"` resolves. */
export class FabricWorkspaceManager extends DefaultWorkspaceManager {
    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        for (const uri of await catalogFiles(this.fileSystemProvider)) {
            collector(await this.langiumDocuments.getOrCreateDocument(uri));
        }
    }
}

async function catalogFiles(fs: { readDirectory(uri: URI): Promise<Array<{ isFile: boolean; uri: URI }>> }): Promise<URI[]> {
    try {
        const entries = await fs.readDirectory(CATALOG_DIR);
        return entries.filter(e => e.isFile && UriUtils.extname(e.uri) === '.fabric').map(e => e.uri);
    } catch {
        return [];
    }
}
