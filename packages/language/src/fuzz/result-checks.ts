import type { LangiumDocuments } from 'langium';
import { URI } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What a fuzzed input broke: an exception, a range outside its document, a NaN in a hover, … */
export interface Finding {
    readonly kind: 'exception' | 'range' | 'text' | 'number' | 'tokens' | 'format' | 'slow' | 'diagnostic';
    /** The provider call or step (`hover 3:14`, `build`, `format`). */
    readonly call: string;
    readonly detail: string;
}

const BAD_WORDS = /\b(NaN|Infinity|undefined|null)\b|\[object Object\]/;

/**
 * Findings in one provider result: numbers that are not finite, user-visible strings that say
 * NaN, Infinity, undefined or null (unless the document itself has that word), and ranges or
 * positions outside the document they point into.
 */
export function checkResult(call: string, result: unknown, document: TextDocument, documents: LangiumDocuments): Finding[] {
    const findings: Finding[] = [];
    const own = document.getText();
    const seen = new Set<unknown>();
    const visit = (value: unknown, path: string, uri: string | undefined): void => {
        if (findings.length >= 5) return;
        if (typeof value === 'number') {
            if (!Number.isFinite(value)) findings.push({ kind: 'number', call, detail: `${path} is ${value}` });
            return;
        }
        if (typeof value === 'string') {
            const bad = BAD_WORDS.exec(value);
            if (bad && !own.includes(bad[0])) findings.push({ kind: 'text', call, detail: `${path} says '${bad[0]}': ${value.slice(0, 200)}` });
            return;
        }
        if (!value || typeof value !== 'object' || seen.has(value)) return;
        seen.add(value);
        const record = value as Record<string, unknown>;
        const here = typeof record.uri === 'string' ? record.uri : typeof record.targetUri === 'string' ? record.targetUri : uri;
        for (const key of ['range', 'targetRange', 'targetSelectionRange', 'selectionRange'] as const) {
            if (isRange(record[key])) {
                const problem = rangeProblem(record[key], here, document, documents);
                if (problem) findings.push({ kind: 'range', call, detail: `${path}.${key} ${problem}` });
            }
        }
        if (isPosition(record.position)) {
            const problem = rangeProblem({ start: record.position, end: record.position }, here, document, documents);
            if (problem) findings.push({ kind: 'range', call, detail: `${path}.position ${problem}` });
        }
        for (const [key, child] of Object.entries(record)) {
            if (key === 'uri' || key === 'targetUri') continue;
            visit(child, `${path}.${key}`, here);
        }
    };
    visit(result, call.split(' ')[0], document.uri);
    return findings;
}

/** Semantic tokens decoded: each must lie on its line, after the previous one, without overlap. */
export function checkSemanticTokens(data: readonly number[], document: TextDocument): Finding[] {
    const lines = document.getText().split(/\r?\n|\r/);
    let line = 0, character = 0, end = 0;
    for (let i = 0; i + 4 < data.length + 1 && i < data.length; i += 5) {
        const [deltaLine, deltaStart, length] = data.slice(i, i + 3);
        if (deltaLine > 0) { line += deltaLine; character = deltaStart; end = 0; } else character += deltaStart;
        const problem = line >= lines.length ? `token ${i / 5} on line ${line + 1} of ${lines.length}`
            : character + length > lines[line].length ? `token ${i / 5} at ${line + 1}:${character + 1} length ${length} runs past the line (${lines[line].length})`
                : character < end ? `token ${i / 5} at ${line + 1}:${character + 1} overlaps the previous one` : undefined;
        if (problem) return [{ kind: 'tokens', call: 'semanticTokens', detail: problem }];
        end = character + length;
    }
    return [];
}

function rangeProblem(range: Range, uri: string | undefined, document: TextDocument, documents: LangiumDocuments): string | undefined {
    const target = !uri || uri === document.uri ? document : documents.getDocument(URI.parse(uri))?.textDocument;
    if (!target) return `points into ${uri}, which is not loaded`;
    const { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `${show(range)} ends before it starts`;
    for (const p of [start, end]) {
        if (p.line < 0 || p.character < 0 || p.line >= target.lineCount) return `${show(range)} is outside ${target === document ? 'the document' : uri} (${target.lineCount} lines)`;
        const lineLength = target.offsetAt({ line: p.line + 1, character: 0 }) - target.offsetAt({ line: p.line, character: 0 });
        if (p.character > lineLength && p.line < target.lineCount - 1) return `${show(range)} is past the end of line ${p.line + 1}`;
        if (p.line === target.lineCount - 1 && target.offsetAt(p) < target.offsetAt({ line: p.line, character: 0 }) + p.character) return `${show(range)} is past the end of the document`;
    }
    return undefined;
}

function show(range: Range): string {
    return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

function isPosition(value: unknown): value is Range['start'] {
    return !!value && typeof value === 'object' && typeof (value as Range['start']).line === 'number' && typeof (value as Range['start']).character === 'number';
}

function isRange(value: unknown): value is Range {
    return !!value && typeof value === 'object' && isPosition((value as Range).start) && isPosition((value as Range).end);
}
