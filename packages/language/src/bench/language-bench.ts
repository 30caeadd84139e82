import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { BenchCase } from '@fabric/simulator';
import { createFabricServices } from '../fabric-module.js';
import { loadFabricDocuments } from '../load-documents.js';
import { generateFabric } from './generated-fabric.js';

const EXAMPLES = ['nvl72-copper', 'pod576-cpo', 'vcsel-slow-wide', 'tpu-ocs-pod'];
const examplePath = (name: string) => fileURLToPath(new URL(`../../../../examples/${name}.fabric`, import.meta.url));

let generation = 0;

/** Parse + link + elaborate one text from scratch with fresh services (what opening a file costs). */
async function buildText(text: string): Promise<{ links: number }> {
    const { shared, Fabric } = createFabricServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///bench-${generation++}.fabric`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    const errors = document.parseResult.parserErrors.length + document.references.filter(r => r.error).length;
    const elaboration = Fabric.elaboration.FabricElaboration.of(document);
    if (errors > 0 || elaboration.problems.some(p => p.severity === 'error')) {
        throw new Error(`generated fabric did not build cleanly: ${errors} syntax/link errors, ${elaboration.problems.length} problems`);
    }
    return { links: elaboration.models[0].links.length };
}

const generatedCases: BenchCase[] = [1_000, 10_000, 50_000].map(lines => ({
    name: `language: parse+link+elaborate generated ${lines / 1000}k lines`,
    runs: lines >= 50_000 ? 3 : 5,
    prepare: () => generateFabric(lines),
    async run(prepared) {
        const generated = prepared as ReturnType<typeof generateFabric>;
        await buildText(generated.text);
        return { note: `${generated.lines} lines, ${generated.links} links` };
    }
}));

const exampleCases: BenchCase[] = EXAMPLES.map(name => ({
    name: `language: check example ${name}`,
    async run() {
        const { Fabric } = createFabricServices(NodeFileSystem);
        const [document] = await loadFabricDocuments(Fabric, [examplePath(name)]);
        const { models } = Fabric.elaboration.FabricElaboration.of(document);
        return { note: `${models[0].nodes.length} nodes, ${models[0].links.length} links` };
    }
}));

export const benchCases: BenchCase[] = [...generatedCases, ...exampleCases];
