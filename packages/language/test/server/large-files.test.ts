import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentValidator } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { generateFabric } from '../../src/bench/generated-fabric.js';
import { hoverText, LspClient, positionAfter, positionAt, temporaryFolder } from './server-helpers.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/** A generated fabric with one explicit `connect` per link (about 12,800 lines, 10,000 links). */
function largeFile(lines = 12_812): { path: string; text: string } {
    const path = join(temporaryFolder('fabric-large-'), 'large.fabric');
    const text = generateFabric(lines).text;
    writeFileSync(path, text);
    return { path, text };
}
const idle = (c: LspClient) => c.until(() => c.stats(), s => s.analysis.pending === 0 && s.analysis.analysing === 0, 50);
const hasMarker = (marker: string) => (p: { diagnostics: Array<{ message: unknown }> }) => p.diagnostics.some(d => String(d.message).includes(`'${marker}'`));

/** A server with a large file open, built and analysed. */
async function openedLarge(lines: number): Promise<{ c: LspClient; uri: string; path: string; text: string }> {
    const { path, text } = largeFile(lines);
    client = await LspClient.start({ workspaceFolder: join(path, '..') });
    const uri = await client.open(path, text);
    await client.nextDiagnostics(uri, () => true, true);
    await idle(client);
    return { c: client, uri, path, text };
}

describe('large files never block the editor (issue 12, item 11)', () => {
    test('a burst of edits is coalesced: the last version wins, and far fewer parses than keystrokes', async () => {
        const { c, uri, text } = await openedLarge(3_000);
        const parsedBefore = (await c.stats()).parses[uri];
        for (let key = 1; key <= 10; key++) await c.change(uri, text.replace('via Copper', `via Key${key}x`));
        await c.nextDiagnostics(uri, hasMarker('Key10x'), true);
        await idle(c);
        const parses = (await c.stats()).parses[uri] - parsedBefore;
        expect(parses).toBeGreaterThanOrEqual(1);
        expect(parses).toBeLessThanOrEqual(3);
        const published = c.publications(uri).filter(p => p.diagnostics.some(d => String(d.message).includes("'Key")));
        expect(published.every(hasMarker('Key10x'))).toBe(true);
    });

    test('a hover sent while a large file is being rebuilt is answered from its last linked version, without waiting', async () => {
        const { c, uri, text } = await openedLarge(12_812);
        // Hover the first connection; the edit renames the link type of the last one (a linking error the rebuild reports).
        const at = positionAfter(text, 'connect r0');
        expect(hoverText(await c.hover(uri, at))).toContain('1.5 m / 2 m');
        const last = text.lastIndexOf('via Copper');
        await c.change(uri, text.slice(0, last) + 'via Edited1x' + text.slice(last + 'via Copper'.length));
        const right = c.hover(uri, at);
        await new Promise(resolve => setTimeout(resolve, 250)); // the rebuild has started: the coalescing pause is 120 ms
        const meanwhile = c.hover(uri, at);
        // The rebuild's own publication (once linked): the second with the edit's linking error, the first being the statement's early one.
        const syntax = c.until(async () => c.publications(uri).filter(hasMarker('Edited1x')).length, n => n >= 2, 20);
        const order: string[] = [];
        await Promise.all([right.then(() => order.push('hover')), meanwhile.then(() => order.push('hover')), syntax.then(() => order.push('rebuilt'))]);
        expect(order).toEqual(['hover', 'hover', 'rebuilt']);
        expect(hoverText(await right)).toContain('1.5 m / 2 m');
        expect(hoverText(await meanwhile)).toContain('1.5 m / 2 m');
        // A position inside the edited stretch waits for the new version.
        const inside = c.hover(uri, positionAt(text, last + 'via '.length));
        expect(hoverText(await inside)).not.toContain('Copper');
    }, 180_000);

    test('syntax and linking diagnostics of a large file come before its model checks, the earlier findings carried along', async () => {
        const { path, text } = largeFile(3_000);
        client = await LspClient.start({ workspaceFolder: join(path, '..') });
        const c = client;
        // A cable beyond reach at the end of the file: a model check (reach), found by validation.
        const last = text.lastIndexOf('length 1.5 m');
        const withReach = text.slice(0, last) + 'length 2.5 m' + text.slice(last + 'length 1.5 m'.length);
        const uri = await c.open(path, withReach);
        await c.nextDiagnostics(uri, p => p.diagnostics.some(d => d.code === 'reach/exceeded'), true);
        await c.change(uri, withReach.replace('via Copper', 'via Early1x'));
        const first = await c.nextDiagnostics(uri, hasMarker('Early1x'));
        // The first publication with the new linking error still shows the reach finding (moved with the text).
        expect(first.diagnostics.map(d => d.code)).toContain('reach/exceeded');
    });

    test('a large file\'s new text is syntax-checked once before its parse, and a parse error is published from that check, once', async () => {
        const { c, uri, path, text } = await openedLarge(3_000);
        const before = await c.stats();
        const published = c.publications(uri).length;
        const broken = text.replace('length 1.5 m', 'length m');
        await c.change(uri, broken);
        await c.nextDiagnostics(uri, p => p.diagnostics.some(d => d.code === DocumentValidator.ParsingError), true);
        await idle(c);
        const after = await c.stats();
        expect(after.syntaxChecks - before.syntaxChecks).toBe(1);
        expect(after.parses[uri] - before.parses[uri]).toBe(1);
        // From the check's publication on, every publication shows the same parse error: the check found what the parse found.
        const since = c.publications(uri).slice(published);
        const parseErrors = since.map(p => JSON.stringify(p.diagnostics.filter(d => d.code === DocumentValidator.ParsingError)));
        const first = parseErrors.findIndex(errors => errors !== '[]');
        expect(first).toBeGreaterThanOrEqual(0);
        expect(new Set(parseErrors.slice(first)).size).toBe(1);
        // A small file is not checked apart: it is parsed at once.
        const small = join(path, '..', 'small.fabric');
        const smallText = generateFabric(100).text;
        writeFileSync(small, smallText);
        const smallUri = await c.open(small, smallText);
        await c.nextDiagnostics(smallUri, () => true, true);
        await c.change(smallUri, smallText.replace('length 1.5 m', 'length m'));
        await c.nextDiagnostics(smallUri, p => p.diagnostics.some(d => d.code === DocumentValidator.ParsingError), true);
        expect((await c.stats()).syntaxChecks).toBe(after.syntaxChecks);
    }, 180_000);

    test('a syntax error in a large file is published once parsed, before linking; the other findings stay throughout; fixing it clears it', async () => {
        const { path, text } = largeFile(3_000);
        client = await LspClient.start({ workspaceFolder: join(path, '..') });
        const c = client;
        // A linking error that stays through every edit: the last connection's link type is unknown.
        const last = text.lastIndexOf('via Copper');
        const base = text.slice(0, last) + 'via Stays1x' + text.slice(last + 'via Copper'.length);
        const uri = await c.open(path, base);
        await c.nextDiagnostics(uri, hasMarker('Stays1x'), true);
        await idle(c);
        const isParseError = (d: { code?: unknown }) => d.code === DocumentValidator.ParsingError;
        const hasParseError = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.some(isParseError);
        expect(c.latest(uri)!.diagnostics.some(isParseError)).toBe(false);

        // One edit: a length without its number (a parse error) on the first connection, an unknown link type (a new linking error) on the second.
        const second = base.indexOf('via Copper', base.indexOf('via Copper') + 1);
        const broken = (base.slice(0, second) + 'via Fresh1x' + base.slice(second + 'via Copper'.length)).replace('length 1.5 m', 'length m');
        let before = c.publications(uri).length;
        await c.change(uri, broken);
        await c.nextDiagnostics(uri, p => hasParseError(p) && hasMarker('Fresh1x')(p));
        await idle(c);
        const afterBreak = c.publications(uri).slice(before);
        // The first publication is the parse: it has the parse error and not yet the new linking error, and it keeps the old one.
        expect(hasParseError(afterBreak[0])).toBe(true);
        expect(hasMarker('Fresh1x')(afterBreak[0])).toBe(false);
        for (const p of afterBreak) expect(hasMarker('Stays1x')(p)).toBe(true);
        for (const p of afterBreak) expect(hasParseError(p)).toBe(true);
        expect(afterBreak[0].diagnostics.filter(isParseError)).toEqual(afterBreak.at(-1)!.diagnostics.filter(isParseError));

        // The fix: the first publication after it no longer has the parse error (nor the fixed linking error); the lasting one stays.
        before = c.publications(uri).length;
        await c.change(uri, base);
        await c.nextDiagnostics(uri);
        await idle(c);
        const afterFix = c.publications(uri).slice(before);
        expect(afterFix.length).toBeGreaterThan(0);
        for (const p of afterFix) {
            expect(hasParseError(p)).toBe(false);
            expect(hasMarker('Stays1x')(p)).toBe(true);
        }
        expect(hasMarker('Fresh1x')(afterFix.at(-1)!)).toBe(false);
    }, 180_000);

    test('an edit inside one statement is judged from that statement: its linking error shows before the parse, as the rebuild then reports it', async () => {
        const { c, uri, text } = await openedLarge(3_000);
        const before = await c.stats();
        const published = c.publications(uri).length;
        const judged = text.replace('via Copper', 'via Judged1x');
        await c.change(uri, judged);
        await c.nextDiagnostics(uri, hasMarker('Judged1x'), true);
        await idle(c);
        const after = await c.stats();
        // Judged from the statement, the whole text not checked apart; parsed once all the same.
        expect(after.statementChecks - before.statementChecks).toBe(1);
        expect(after.syntaxChecks - before.syntaxChecks).toBe(0);
        expect(after.parses[uri] - before.parses[uri]).toBe(1);
        const since = c.publications(uri).slice(published);
        const marked = (p: (typeof since)[number]) => JSON.stringify(p.diagnostics.filter(d => String(d.message).includes("'Judged1x'")));
        // The first publication already has the linking error, exactly as every later one (the rebuild's) has it.
        expect(hasMarker('Judged1x')(since[0])).toBe(true);
        expect(new Set(since.map(marked)).size).toBe(1);
        // An edit that declares a name (an instance renamed) leaves linking to the rebuild: the references to it then fail.
        const renamed = judged.replace('switch s[0..1] : Leaf', 'switch t[0..1] : Leaf');
        await c.change(uri, renamed);
        await c.nextDiagnostics(uri, p => p.diagnostics.some(d => String(d.message).includes("cannot resolve 's'")), true);
        expect((await c.stats()).statementChecks - after.statementChecks).toBe(1);
    }, 180_000);
});
