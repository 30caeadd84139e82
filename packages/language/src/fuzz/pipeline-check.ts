import { CstUtils, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { LSPErrorCodes, ResponseError, type Position } from 'vscode-languageserver';
import type { FabricFile } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { SyntaxFindings } from '../parser/fabric-recognizer.js';
import type { FabricDocumentValidator } from '../validation/fabric-document-validator.js';
import { ANALYSIS_CATEGORY } from '../validation/fabric-validation-registry.js';
import { checkFormatting } from './format-check.js';
import { providerCalls } from './provider-calls.js';
import { checkResult, checkSemanticTokens, type Finding } from './result-checks.js';

export interface PipelineOptions {
    /** Where the input lives (imports resolve relative to it). */
    readonly uri: URI;
    /** Most positions at which positional providers are asked (spread over the document's tokens). */
    readonly positions?: number;
    /** An input taking longer than this (parse to last provider) is a finding. */
    readonly slowMs?: number;
}

/**
 * Runs one text through everything the editor does with it — parse, link, elaborate, validate
 * (the simulator's analysis included), every LSP provider, the formatter and the diagram feed —
 * and reports what went wrong: exceptions, ranges outside the document, non-finite numbers and
 * NaN/Infinity/undefined in user-visible text, a formatter that is not idempotent or changes the
 * model. The document is removed again afterwards.
 */
export async function checkPipeline(services: FabricServices, text: string, options: PipelineOptions): Promise<Finding[]> {
    const started = Date.now();
    const findings: Finding[] = [];
    const documents = services.shared.workspace.LangiumDocuments;
    const builder = services.shared.workspace.DocumentBuilder;
    // The syntax check the server runs before parsing a large document (its tokens then serve the parse below).
    const checked = services.parser.FabricSyntaxCheck.check(text);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<FabricFile>(text, options.uri);
    documents.addDocument(document);
    try {
        try {
            await builder.build([document], { validation: { categories: ['built-in', 'fast', 'slow', ANALYSIS_CATEGORY] } });
        } catch (error) {
            findings.push(exception('build', error));
            return findings;
        }
        findings.push(...checkDiagnostics(document, documents));
        findings.push(...checkSyntaxCheck(services, document, checked));
        for (const call of providerCalls(services, document, samplePositions(document, options.positions ?? 24))) {
            try {
                const [result, logged] = await withErrorLog(call.run);
                if (logged) findings.push({ kind: 'exception', call: call.name, detail: `logged: ${logged.slice(0, 400)}` });
                findings.push(...checkResult(call.name, result, document.textDocument, documents));
                if (call.name === 'semanticTokens') findings.push(...checkSemanticTokens((result as { data: number[] }).data, document.textDocument));
            } catch (error) {
                // A request refused on purpose (rename of a symbol from the read-only catalog) is an answer, not a defect.
                if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed) continue;
                findings.push(exception(call.name, error));
            }
        }
        findings.push(...await checkFormatting(services, document));
    } finally {
        await builder.update([], [options.uri]);
    }
    const elapsed = Date.now() - started;
    if (options.slowMs !== undefined && elapsed > options.slowMs) findings.push({ kind: 'slow', call: 'pipeline', detail: `took ${elapsed} ms (limit ${options.slowMs} ms)` });
    return findings;
}

/** The syntax check found exactly the parse's lexing and parsing errors. */
function checkSyntaxCheck(services: FabricServices, document: LangiumDocument, checked: SyntaxFindings | undefined): Finding[] {
    if (!checked) return [{ kind: 'exception', call: 'syntax-check', detail: 'the syntax check threw' }];
    const validator = services.validation.DocumentValidator as FabricDocumentValidator;
    const ours = JSON.stringify(validator.syntaxDiagnostics(checked));
    const parsed = JSON.stringify(validator.syntaxDiagnostics(document));
    return ours === parsed ? [] : [{ kind: 'diagnostic', call: 'syntax-check', detail: `the syntax check found ${ours.slice(0, 300)}, the parse ${parsed.slice(0, 300)}` }];
}

/** Diagnostics: each has a code, a range inside the document and a message without NaN or an internal error. */
function checkDiagnostics(document: LangiumDocument, documents: LangiumDocuments): Finding[] {
    const findings: Finding[] = [];
    for (const diagnostic of document.diagnostics ?? []) {
        const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
        if (/An error occurred|internal error/i.test(message)) findings.push({ kind: 'exception', call: 'validation', detail: message.slice(0, 300) });
        if (diagnostic.code === undefined) findings.push({ kind: 'diagnostic', call: 'validation', detail: `no code: ${message.slice(0, 200)}` });
    }
    findings.push(...checkResult('diagnostics', document.diagnostics ?? [], document.textDocument, documents));
    return findings;
}

/**
 * Positions an editor would ask about: spread over the leaf tokens (start, middle and end of
 * each), right after every `.`, `[`, `via ` and `on `, and the end of the document.
 */
export function samplePositions(document: LangiumDocument, most: number): Position[] {
    const text = document.textDocument;
    const offsets = new Set<number>([text.getText().length]);
    const root = document.parseResult.value.$cstNode;
    const leaves = root ? CstUtils.streamCst(root).filter(n => !('content' in n)).toArray() : [];
    const step = Math.max(1, Math.floor(leaves.length / Math.max(1, most)));
    for (let i = 0; i < leaves.length; i += step) {
        const leaf = leaves[i];
        offsets.add(leaf.offset).add(leaf.offset + Math.floor(leaf.length / 2)).add(leaf.end);
    }
    const source = text.getText();
    for (const match of source.matchAll(/\.|\[|via |on /g)) {
        if (offsets.size > most * 4) break;
        offsets.add(match.index + match[0].length);
    }
    return [...offsets].sort((a, b) => a - b).map(offset => text.positionAt(offset));
}

/**
 * Runs `work` noting what it writes to console.error: Langium's completion catches a provider's
 * exception and logs it there, so a logged error is an exception that escaped our code.
 */
async function withErrorLog<T>(work: () => Promise<T>): Promise<[T, string | undefined]> {
    const original = console.error;
    let logged: string | undefined;
    console.error = (...args: unknown[]) => { logged ??= args.map(a => (a instanceof Error ? `${a.name}: ${a.message} ${a.stack?.split('\n')[1]?.trim()}` : String(a))).join(' '); };
    try {
        return [await work(), logged];
    } finally {
        console.error = original;
    }
}

function exception(call: string, error: unknown): Finding {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error);
    return { kind: 'exception', call, detail: message };
}
