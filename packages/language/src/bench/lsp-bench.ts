import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '@fabric/simulator';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createFabricServices, type FabricServices } from '../fabric-module.js';
import { loadFabricDocuments } from '../load-documents.js';
import { ANALYSIS_CATEGORY } from '../validation/fabric-validation-registry.js';
import { generateFabric } from './generated-fabric.js';

/**
 * The editor's latencies, driven through the language services the way the server drives them on
 * a client's request: an edit arrives as a new text version (TextDocuments) and DocumentBuilder
 * `update` rebuilds it (parse, link, cheap validation: the diagnostics published first); the
 * simulator-backed category then runs in its own build; a hover reads the cached analysis.
 */
interface Session {
    readonly services: FabricServices;
    readonly document: LangiumDocument;
    readonly uri: string;
    readonly text: string;
    /** Where hovers point: inside the first connect statement. */
    readonly hoverOffset: number;
    readonly edit: (i: number) => string;
    version: number;
}

const examplePath = (name: string) => fileURLToPath(new URL(`../../../../examples/${name}.fabric`, import.meta.url));

async function openSession(path: string, text: string, edit: (text: string, i: number) => string): Promise<Session> {
    const { Fabric: services } = createFabricServices(NodeFileSystem);
    const uri = URI.file(path).toString();
    services.shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'fabric', 0, text));
    const [document] = await loadFabricDocuments(services, [path]);
    await analyse(services, document);
    const hoverOffset = text.indexOf('connect') + 'connect'.length + 1;
    return { services, document, uri, text, hoverOffset, edit: i => edit(text, i), version: 0 };
}

/** One keystroke's worth of change: a new version of the text, rebuilt as the server does on didChange. */
async function typeEdit(session: Session, i: number): Promise<LangiumDocument> {
    const text = session.edit(i);
    session.services.shared.workspace.TextDocuments!.set(TextDocument.create(session.uri, 'fabric', ++session.version, text));
    await session.services.shared.workspace.DocumentBuilder.update([URI.parse(session.uri)], []);
    return session.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(session.uri))!;
}

async function analyse(services: FabricServices, document: LangiumDocument): Promise<void> {
    await services.shared.workspace.DocumentBuilder.build([document], { validation: { categories: [ANALYSIS_CATEGORY] } });
}

async function hover(session: Session): Promise<string> {
    const document = session.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(session.uri))!;
    const result = await session.services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: session.uri }, position: document.textDocument.positionAt(session.hoverOffset)
    });
    const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
    if (!value.includes('links')) throw new Error('the hover on the connect statement shows no link table');
    return value;
}

/** Targets (issue 4, on this kind of machine): edit → syntax diagnostics, edit → full diagnostics, hover. */
interface Subject {
    readonly label: string;
    open(): Promise<Session>;
    readonly targets: { readonly syntax: number; readonly full?: number; readonly hover: number };
}

/** The 576-accelerator example; each edit changes a cable length (which changes reach, power and latency). */
const pod576: Subject = {
    label: 'pod576 example',
    targets: { syntax: 50, full: 300, hover: 20 },
    open: () => {
        const path = examplePath('pod576-cpo');
        const text = readFileSync(path, 'utf8');
        return openSession(path, text, (t, i) => t.replace('length 20 m', `length ${20 + (i % 7)} m`));
    }
};

/** A generated fabric with 10,000 explicit links (one `connect` per link); each edit changes one length. */
const explicit10k: Subject = {
    label: 'generated 10k explicit links',
    targets: { syntax: 1000, hover: 20 },
    open: () => {
        const generated = generateFabric(Math.round(10_000 * 41 / 32) + 12);
        const path = join(mkdtempSync(join(tmpdir(), 'fabric-lsp-bench-')), 'generated-10k-links.fabric');
        writeFileSync(path, generated.text);
        return openSession(path, generated.text, (t, i) => t.replace('length 1.5 m', `length ${(1.5 + (i % 5) / 10).toFixed(1)} m`));
    }
};

function casesFor(subject: Subject): BenchCase[] {
    let counter = 0;
    return [
        {
            name: `lsp: edit → syntax and model diagnostics, ${subject.label}`,
            target: subject.targets.syntax,
            prepare: () => subject.open(),
            async run(prepared) {
                const session = prepared as Session;
                const document = await typeEdit(session, ++counter);
                return { note: `${document.diagnostics?.length ?? 0} diagnostics` };
            }
        },
        {
            name: `lsp: edit → full analysis diagnostics, ${subject.label}`,
            runs: 3,
            ...(subject.targets.full === undefined ? {} : { target: subject.targets.full }),
            prepare: () => subject.open(),
            async run(prepared) {
                const session = prepared as Session;
                const document = await typeEdit(session, ++counter);
                await analyse(session.services, document);
                return { note: `${document.diagnostics?.length ?? 0} diagnostics` };
            }
        },
        {
            name: `lsp: hover on a connect statement, ${subject.label}`,
            runs: 20,
            target: subject.targets.hover,
            prepare: () => subject.open(),
            async run(prepared) {
                await hover(prepared as Session);
            }
        }
    ];
}

export const benchCases: BenchCase[] = [...casesFor(pod576), ...casesFor(explicit10k)];
