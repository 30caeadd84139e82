import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentValidator, URI, type AstNode, type CstNode, type LangiumDocument, type ParseResult } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { CATALOG_DIR, type FabricServices } from '../../src/index.js';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { statementLinkingDiagnostics } from '../../src/lsp/statement-diagnostics.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * EditSyntaxCheck judges an edit of an error-free text from the edited statement alone. Its one
 * promise: when it says "clean", a parse of the whole new text finds no lexing or parsing error
 * (the server then publishes no syntax error without checking the whole text). Checked on seeded
 * edits of every example, the catalog and a generated fabric — renames, renumbering, line breaks,
 * comments, deleted tokens, added and deleted lines, and lines replaced by other lines of the same
 * file (a statement turned into another kind, in another context) — and it must judge most edits
 * inside a statement that leave the text clean, or it would save nothing.
 */
const read = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.fabric')).sort().map(name => [name, readFileSync(join(dir, name), 'utf8')] as [string, string]);
const FILES = [...read(fileURLToPath(new URL('../../../../examples/', import.meta.url))), ...read(CATALOG_DIR.fsPath)];

let services: FabricServices;
beforeAll(async () => {
    services = await createTestServices();
});

const parse = (text: string) => services.parser.LangiumParser.parse(text);
const hasErrors = (result: ParseResult<AstNode>) => result.lexerErrors.length > 0 || result.parserErrors.length > 0
    || (result.lexerReport as { nestingTooDeep?: unknown } | undefined)?.nestingTooDeep !== undefined;

/** A small seeded generator (the edits are the same on every run). */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

interface Leaf { offset: number; end: number; text: string; type: string }

function leaves(result: ParseResult<AstNode>): Leaf[] {
    const found: Leaf[] = [];
    const visit = (node: CstNode) => {
        if ('content' in node) for (const child of (node as { content: CstNode[] }).content) visit(child);
        else if (!node.hidden) found.push({ offset: node.offset, end: node.end, text: node.text, type: (node as { tokenType: { name: string } }).tokenType.name });
    };
    if (result.value.$cstNode) visit(result.value.$cstNode.root);
    return found;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number) => { const end = text.indexOf('\n', offset); return end < 0 ? text.length : end; };

/** One edit of `text` at a leaf the generator picks: a keystroke, a paste, a deletion. */
function edit(text: string, all: Leaf[], next: () => number): string {
    const leaf = all[Math.floor(next() * all.length)];
    const before = text.slice(0, leaf.offset), after = text.slice(leaf.end);
    const start = lineStart(text, leaf.offset), end = lineEnd(text, leaf.end);
    switch (Math.floor(next() * 10)) {
        case 0: return before + leaf.text + (leaf.type === 'ID' ? 'x' : ' ') + after;
        case 1: return leaf.type === 'NUMBER' ? before + String(Number(leaf.text) + 3) + after : before + '  ' + leaf.text + after;
        case 2: return before + leaf.text + ' /* note */' + after;
        case 3: return before + leaf.text + '\n        ' + after;
        case 4: return text.slice(0, end) + ' // trailing' + text.slice(end);
        case 5: return text.slice(0, end) + '\n    switch extra : Leaf' + text.slice(end);
        case 6: return text.slice(0, start) + text.slice(Math.min(text.length, end + 1));
        case 7: {
            // The line replaced by another line of the file: another kind of statement, in another context.
            const other = all[Math.floor(next() * all.length)];
            const otherStart = lineStart(text, other.offset), otherEnd = lineEnd(text, other.end);
            return text.slice(0, start) + text.slice(otherStart, otherEnd) + text.slice(end);
        }
        case 8: return before + leaf.text + ' laser x : L' + after;
        default: return before + after;
    }
}

describe('an edit judged clean from its statement alone parses without an error as a whole', () => {
    test.each([...FILES, ['generated 300 lines', generateFabric(300).text] as [string, string]])('seeded edits of %s', (_name, text) => {
        const next = random(31);
        const previous = parse(text);
        expect(hasErrors(previous)).toBe(false);
        const all = leaves(previous);
        let judged = 0, cleanInside = 0;
        for (let i = 0; i < 120; i++) {
            const changed = edit(text, all, next);
            const clean = services.parser.EditSyntaxCheck.judge(parse(text), changed) !== undefined;
            const full = parse(changed);
            if (clean && hasErrors(full)) {
                throw new Error(`edit ${i} was judged clean, but the whole text has errors: ${full.parserErrors[0]?.message ?? full.lexerErrors[0]?.message}`);
            }
            if (clean) judged++;
            if (!hasErrors(full) && changed.split('\n').length === text.split('\n').length) cleanInside++;
        }
        // Most edits that keep the text clean and its lines in place (renames, numbers, comments) are judged without the whole text.
        expect(judged).toBeGreaterThan(cleanInside / 2);
    });

    test('statements that could be read as continuing their neighbour, and errors only the statement shows', () => {
        const text = [
            'link L { kind dac lanes 1 x 100 Gbps per-direction reach 2 m }',
            'laser E { lanes-per-laser 8 }',
            'fabric F {',
            '    switch a : L',
            '    switch b : L',
            '    laser l : E',
            '    budget power 10 kW',
            '}', ''
        ].join('\n');
        const check = (changed: string) => services.parser.EditSyntaxCheck.judge(parse(text), changed) !== undefined;
        // An instance turned into a connection just before `laser l : E`: the parse ends the connection's options
        // before a laser declaration (parser/declaration-gate.ts), so the whole text parses and the edit is judged clean.
        const connect = text.replace('switch b : L', 'connect a to b via L');
        expect(hasErrors(parse(connect))).toBe(false);
        expect(check(connect)).toBe(true);
        // A connection whose `laser` option names `l`, just before `laser l : E`: clean too, the option keeps its selection.
        const option = text.replace('switch b : L', 'connect a to b via L laser l');
        expect(hasErrors(parse(option))).toBe(false);
        expect(check(option)).toBe(true);
        // The same connection where a switch follows it: clean.
        const beforeSwitch = text.replace('switch a : L', 'connect a to b via L');
        expect(hasErrors(parse(beforeSwitch))).toBe(false);
        expect(check(beforeSwitch)).toBe(true);
        // A budget without its unit before the closing brace.
        expect(check(text.replace('10 kW', '10'))).toBe(!hasErrors(parse(text.replace('10 kW', '10'))));
        // Errors inside the statement: not clean.
        expect(check(text.replace('switch b : L', 'switch b : '))).toBe(false);
        expect(check(text.replace('switch b : L', 'switch b : L {'))).toBe(false);
        expect(check(text.replace('switch b : L', 'switch b : L "open'))).toBe(false);
        // An edit across two statements, or a previous text with an error: the whole text is checked instead.
        expect(check(text.replace(': L\n    switch b', ': L switch bb'))).toBe(false);
        const broken = text.replace('switch a : L', 'switch a :');
        expect(services.parser.EditSyntaxCheck.judge(parse(broken), broken.replace('switch b', 'switch c'))).toBeUndefined();
    });
});

describe('the linking errors of an edited statement, resolved where it stands, are those the rebuild finds there', () => {
    const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
    let count = 0;
    /** `text` parsed, linked and checked for syntax and linking errors, as a document of its own. */
    async function built(text: string): Promise<LangiumDocument> {
        const shared = services.shared.workspace;
        const document = shared.LangiumDocumentFactory.fromString(text, URI.file(join(EXAMPLE_DIR, `edited-${count++}.fabric`)));
        shared.LangiumDocuments.addDocument(document);
        await shared.DocumentBuilder.build([document], { validation: { categories: ['built-in'] } });
        return document;
    }

    test.each(['pod576-cpo.fabric', 'nvl72-copper.fabric', 'tpu-ocs-pod.fabric'])('seeded edits of %s', async name => {
        const text = readFileSync(join(EXAMPLE_DIR, name), 'utf8');
        const previous = await built(text);
        const next = random(53);
        const all = leaves(previous.parseResult).filter(leaf => leaf.type === 'ID');
        let compared = 0;
        for (let i = 0; i < 60; i++) {
            // A name changed inside a statement: a reference that may no longer resolve, or a declaration.
            const leaf = all[Math.floor(next() * all.length)];
            const changed = text.slice(0, leaf.offset) + leaf.text + 'z' + text.slice(leaf.end);
            const edited = services.parser.EditSyntaxCheck.judge(previous.parseResult, changed);
            const early = edited && statementLinkingDiagnostics(services, edited);
            if (!edited || !early) continue;
            const rebuilt = await built(changed);
            const newEnd = edited.end + changed.length - text.length;
            const linking = (rebuilt.diagnostics ?? []).filter(d => d.code === DocumentValidator.LinkingError
                && rebuilt.textDocument.offsetAt(d.range.start) >= edited.start && rebuilt.textDocument.offsetAt(d.range.start) < newEnd);
            const plain = (ds: typeof linking) => ds.map(d => ({ message: d.message, range: d.range, code: d.code, severity: d.severity }));
            expect(plain(early)).toEqual(plain(linking));
            services.shared.workspace.LangiumDocuments.deleteDocument(rebuilt.uri);
            compared++;
        }
        expect(compared).toBeGreaterThan(10);
    });
});
