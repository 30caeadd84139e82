import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '@fabric/simulator';
import { DocumentValidator } from 'langium';
import type { Position } from 'vscode-languageserver';
import { LspClient, type PublishedDiagnostics } from '../testing/lsp-client.js';
import { generateFabric } from './generated-fabric.js';

/**
 * The language server as the editor sees it: a separate process spoken to in JSON-RPC over stdio
 * (LspClient), with the file's folder as the workspace. Each edit is a `didChange` with the whole
 * new text. "Syntax diagnostics" is the first publication that carries the edit's linking error
 * (each edit names a different, unknown link type); "parse error diagnostics" the first that
 * carries the edit's parse error (a `length` without its number, at a different line each time);
 * "full diagnostics" the last publication once the server reports no analysis waiting or running
 * (`fabric/serverStats`), the simulator's findings included. Hovers are `textDocument/hover`
 * round trips.
 */
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

interface Subject {
    readonly label: string;
    /** Where the file is (written first if generated). */
    path(): string;
    /** The link type name the edits replace, and a length the "full" edits change. */
    readonly linkType: string;
    readonly length: string;
}

const pod576: Subject = { label: 'pod576 example', path: () => join(EXAMPLES, 'pod576-cpo.fabric'), linkType: 'NVLinkCopper', length: 'length 20 m' };

const explicit10k: Subject = {
    label: 'generated 10k explicit links',
    path: () => {
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-server-bench-')), 'generated-10k-links.fabric');
        writeFileSync(path, generateFabric(Math.round(10_000 * 41 / 32) + 12).text);
        return path;
    },
    linkType: 'Copper', length: 'length 1.5 m'
};

class Session {
    private counter = 0;

    private constructor(readonly client: LspClient, readonly uri: string, readonly text: string) { }

    static async open(subject: Subject): Promise<Session> {
        const path = subject.path();
        const client = await LspClient.start({ workspaceFolder: dirname(path) });
        const text = readFileSync(path, 'utf8');
        const uri = await client.open(path, text);
        const session = new Session(client, uri, text);
        await client.nextDiagnostics(uri, () => true, true);
        await session.idle();
        return session;
    }

    /** Resolves once the server has no analysis waiting or running (and has published for the document). */
    idle(): Promise<unknown> {
        return this.client.until(() => this.client.stats(), s => s.analysis.pending === 0 && s.analysis.analysing === 0, 20);
    }

    /** A text with the `via <linkType>` of the first connection renamed to a marker no other version uses. */
    marked(subject: Subject): { text: string; marker: string } {
        const marker = `${subject.linkType}${++this.counter}x`;
        return { text: this.text.replace(`via ${subject.linkType}`, `via ${marker}`), marker };
    }

    lengthEdit(subject: Subject): string {
        const meters = Number(/length ([\d.]+) m/.exec(subject.length)![1]);
        return this.text.replace(subject.length, `length ${(meters + (++this.counter % 7) / 10).toFixed(1)} m`);
    }

    /**
     * A text with one `length …` (a different one each time, where the file has several) missing
     * its number: a parse error, at the line returned. Each version differs from the last (the
     * spacing alternates), so each is parsed anew.
     */
    brokenLength(subject: Subject): { text: string; line: number } {
        const at: number[] = [];
        for (let i = this.text.indexOf(subject.length); i >= 0 && at.length < 50; i = this.text.indexOf(subject.length, i + 1)) at.push(i);
        const offset = at[++this.counter % at.length];
        const text = this.text.slice(0, offset) + 'length' + ' '.repeat(1 + this.counter % 2) + 'm' + this.text.slice(offset + subject.length.length);
        return { text, line: this.text.slice(0, offset).split('\n').length - 1 };
    }

    parseErrorAt(line: number): Promise<PublishedDiagnostics> {
        return this.client.nextDiagnostics(this.uri, p => p.diagnostics.some(d => d.code === DocumentValidator.ParsingError && d.range.start.line === line));
    }

    syntaxFor(marker: string): Promise<PublishedDiagnostics> {
        return this.client.nextDiagnostics(this.uri, p => p.diagnostics.some(d => String(d.message).includes(`'${marker}'`)), true);
    }

    get hoverAt(): Position {
        const before = this.text.slice(0, this.text.indexOf('connect') + 'connect'.length + 1).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
    }
}

/** Edit → the first publication showing what the edit introduced (`shown`), once the server is idle; target 1 s. */
function firstShown(name: string, open: () => Promise<Session>, edit: (session: Session) => { text: string; shown: () => Promise<PublishedDiagnostics> }): BenchCase {
    return {
        name, runs: 7, target: 1000,
        prepare: open,
        async run(prepared) {
            const session = prepared as Session;
            await session.idle();
            const { text, shown } = edit(session);
            const t0 = performance.now();
            await session.client.change(session.uri, text);
            const published = await shown();
            return { value: published.at - t0, note: `server RSS ${session.client.memory().rssMB.toFixed(0)} MB` };
        }
    };
}

function casesFor(subject: Subject): BenchCase[] {
    const open = () => Session.open(subject);
    return [
        firstShown(`lsp server: edit → syntax diagnostics, ${subject.label}`, open, session => {
            const { text, marker } = session.marked(subject);
            return { text, shown: () => session.syntaxFor(marker) };
        }),
        firstShown(`lsp server: edit → parse error diagnostics, ${subject.label}`, open, session => {
            const { text, line } = session.brokenLength(subject);
            return { text, shown: () => session.parseErrorAt(line) };
        }),
        {
            name: `lsp server: edit → full diagnostics (analysis included), ${subject.label}`,
            runs: 5,
            prepare: open,
            async run(prepared) {
                const session = prepared as Session;
                await session.idle();
                const before = session.client.publications(session.uri).length;
                const t0 = performance.now();
                await session.client.change(session.uri, session.lengthEdit(subject));
                await session.client.nextDiagnostics(session.uri);
                await session.idle();
                const last = session.client.publications(session.uri).slice(before).at(-1)!;
                return { value: last.at - t0 };
            }
        },
        {
            name: `lsp server: hover on a connect statement, ${subject.label}`,
            runs: 20, target: 20,
            prepare: open,
            async run(prepared) {
                const session = prepared as Session;
                const t0 = performance.now();
                const hover = await session.client.hover(session.uri, session.hoverAt);
                const value = performance.now() - t0;
                if (!JSON.stringify(hover?.contents ?? '').includes('links')) throw new Error('the hover shows no link table');
                return { value };
            }
        }
    ];
}

/** Ten keystrokes 80 ms apart into the 10k-link file, a hover sent after the sixth; each run reports one figure. */
interface Typing {
    lastKeyToSyntax: number;
    lastKeyToFull: number;
    hover: number;
}

async function typeTenKeys(session: Session): Promise<Typing> {
    await session.idle();
    let marker = '';
    let hover: Promise<number> | undefined;
    for (let key = 0; key < 10; key++) {
        const edit = session.marked(explicit10k);
        marker = edit.marker;
        await session.client.change(session.uri, edit.text);
        if (key === 5) {
            const t0 = performance.now();
            hover = session.client.hover(session.uri, session.hoverAt).then(() => performance.now() - t0);
        }
        if (key < 9) await new Promise(resolve => setTimeout(resolve, 80));
    }
    const lastKey = performance.now();
    const syntax = await session.syntaxFor(marker);
    await session.idle();
    const full = session.client.latest(session.uri)!;
    return { lastKeyToSyntax: syntax.at - lastKey, lastKeyToFull: full.at - lastKey, hover: await hover! };
}

const typingCases: BenchCase[] = ([
    ['last key → syntax diagnostics', 'lastKeyToSyntax', 1000],
    ['last key → full diagnostics', 'lastKeyToFull', undefined],
    ['hover sent meanwhile, answered in', 'hover', 250]
] as const).map(([what, figure, target]) => ({
    name: `lsp server: typing 10 keys 80 ms apart, 10k explicit links: ${what}`,
    runs: 3, target,
    prepare: () => Session.open(explicit10k),
    async run(prepared) {
        const typed = await typeTenKeys(prepared as Session);
        return { value: typed[figure], note: `syntax ${typed.lastKeyToSyntax.toFixed(0)} ms, full ${typed.lastKeyToFull.toFixed(0)} ms, hover ${typed.hover.toFixed(0)} ms` };
    }
}));

/**
 * An afternoon in miniature: open each example, type ten edits into it (waiting for each
 * analysis), close it; twice over. Reports the server's resident memory at the end.
 */
const memoryCase: BenchCase = {
    name: 'lsp server: RSS after opening, editing and closing the four examples twice',
    runs: 1, unit: 'MB', target: 500,
    async run() {
        const client = await LspClient.start({ workspaceFolder: EXAMPLES });
        try {
            for (let round = 0; round < 2; round++) {
                for (const name of ['nvl72-copper', 'pod576-cpo', 'vcsel-slow-wide', 'tpu-ocs-pod']) {
                    const path = join(EXAMPLES, `${name}.fabric`);
                    const text = readFileSync(path, 'utf8');
                    const uri = await client.open(path, text);
                    const idle = () => client.until(() => client.stats(), s => s.analysis.pending === 0 && s.analysis.analysing === 0, 50);
                    await client.nextDiagnostics(uri, () => true, true);
                    for (let edit = 1; edit <= 10; edit++) {
                        await client.change(uri, text.replace(/length ([\d.]+) m/, (_m, meters: string) => `length ${(Number(meters) + edit / 100).toFixed(2)} m`));
                        await client.nextDiagnostics(uri);
                    }
                    await idle();
                    await client.close(uri);
                }
            }
            const stats = await client.stats();
            const { rssMB, peakMB } = client.memory();
            return { value: rssMB, note: `peak ${peakMB.toFixed(0)} MB; ${stats.documents.length} documents loaded, ${stats.elaborations.length} with models` };
        } finally {
            await client.stop();
        }
    }
};

export const benchCases: BenchCase[] = [...casesFor(pod576), ...casesFor(explicit10k), ...typingCases, memoryCase];
