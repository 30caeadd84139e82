import type { LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver';
import type { FabricServices } from '../fabric-module.js';
import { diagramFeed } from '../lsp/diagram-feed.js';

/** One call of one provider at one place, as an editor would make it. */
export interface ProviderCall {
    /** `hover 3:14`, `semanticTokens`, … : what a failure report names. */
    readonly name: string;
    readonly run: () => Promise<unknown>;
}

/**
 * Every provider the editor calls on a document, at the given positions: document-wide ones once,
 * positional ones (hover, completion, definition, references, highlight, rename) at each position,
 * code actions for every diagnostic, and the diagram feed.
 */
export function providerCalls(services: FabricServices, document: LangiumDocument, positions: readonly Position[]): ProviderCall[] {
    const lsp = services.lsp;
    const textDocument = { uri: document.textDocument.uri };
    const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
    const calls: ProviderCall[] = [
        { name: 'documentSymbol', run: async () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }) },
        { name: 'semanticTokens', run: async () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }) },
        { name: 'foldingRange', run: async () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }) },
        { name: 'inlayHint', run: async () => lsp.InlayHintProvider?.getInlayHints(document, { textDocument, range: whole }) },
        { name: 'codeLens', run: async () => lsp.CodeLensProvider?.provideCodeLens(document, { textDocument }) },
        { name: 'diagramFeed', run: async () => diagramFeed(services, document) },
        { name: 'diagramFeed expanded', run: async () => diagramFeed(services, document, { collapseThreshold: 1_000_000 }) },
        {
            name: 'codeAction', run: async () => lsp.CodeActionProvider?.getCodeActions(document, {
                textDocument, range: whole, context: { diagnostics: document.diagnostics ?? [] }
            })
        }
    ];
    for (const position of positions) {
        const at = `${position.line + 1}:${position.character + 1}`;
        const params = { textDocument, position };
        calls.push(
            { name: `hover ${at}`, run: async () => lsp.HoverProvider?.getHoverContent(document, params) },
            { name: `completion ${at}`, run: async () => lsp.CompletionProvider?.getCompletion(document, params) },
            { name: `definition ${at}`, run: async () => lsp.DefinitionProvider?.getDefinition(document, params) },
            { name: `references ${at}`, run: async () => lsp.ReferencesProvider?.findReferences(document, { ...params, context: { includeDeclaration: true } }) },
            { name: `highlight ${at}`, run: async () => lsp.DocumentHighlightProvider?.getDocumentHighlight(document, params) },
            { name: `prepareRename ${at}`, run: async () => lsp.RenameProvider?.prepareRename(document, params) },
            {
                name: `codeAction ${at}`, run: async () => lsp.CodeActionProvider?.getCodeActions(document, {
                    textDocument, range: { start: position, end: position },
                    context: { diagnostics: (document.diagnostics ?? []).filter(d => d.range.start.line <= position.line && d.range.end.line >= position.line) }
                })
            }
        );
    }
    return calls;
}
