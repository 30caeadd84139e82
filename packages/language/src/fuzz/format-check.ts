import { URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FabricFile } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { Finding } from './result-checks.js';

const OPTIONS = { tabSize: 4, insertSpaces: true };

/**
 * The formatter on a document: formatting the formatted text changes nothing (idempotent), and
 * the formatted text means the same (same parse errors; the same elaborated models, sources aside).
 */
export async function checkFormatting(services: FabricServices, document: LangiumDocument): Promise<Finding[]> {
    const once = await formatted(services, document);
    if (once === undefined) return [];
    const original = document.textDocument.getText();
    if (once === original) return [];
    const uri = URI.parse(`${document.uri.toString()}.formatted.fabric`);
    const copy = services.shared.workspace.LangiumDocumentFactory.fromString<FabricFile>(once, uri);
    services.shared.workspace.LangiumDocuments.addDocument(copy);
    try {
        await services.shared.workspace.DocumentBuilder.build([copy], { validation: false });
        const findings: Finding[] = [];
        const twice = await formatted(services, copy);
        if (twice !== undefined && twice !== once) {
            findings.push({ kind: 'format', call: 'format', detail: `not idempotent: ${JSON.stringify(firstDifference(once, twice))}` });
        }
        const errors = (d: LangiumDocument) => d.parseResult.parserErrors.length + d.parseResult.lexerErrors.length;
        if (errors(copy) !== errors(document)) {
            findings.push({ kind: 'format', call: 'format', detail: `parse errors ${errors(document)} → ${errors(copy)} after formatting: ${JSON.stringify(firstDifference(original, once))}` });
        } else if (errors(document) === 0 && modelText(services, copy) !== modelText(services, document)) {
            findings.push({ kind: 'format', call: 'format', detail: `the model changed: ${JSON.stringify(firstDifference(original, once))}` });
        }
        return findings;
    } finally {
        await services.shared.workspace.DocumentBuilder.update([], [uri]);
    }
}

async function formatted(services: FabricServices, document: LangiumDocument): Promise<string | undefined> {
    const edits = await services.lsp.Formatter?.formatDocument(document, { textDocument: { uri: document.textDocument.uri }, options: OPTIONS });
    if (!edits) return undefined;
    return TextDocument.applyEdits(TextDocument.create('x', 'fabric', 0, document.textDocument.getText()), edits);
}

/** The elaborated models without where they came from: what formatting must not change. */
function modelText(services: FabricServices, document: LangiumDocument): string {
    const models = services.elaboration.FabricElaboration.of(document).models;
    return JSON.stringify(models, (key, value) => (key === 'source' || key === 'uri' ? undefined : value));
}

function firstDifference(a: string, b: string): { at: number; before: string; after: string } {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return { at: i, before: a.slice(Math.max(0, i - 20), i + 30), after: b.slice(Math.max(0, i - 20), i + 30) };
}
