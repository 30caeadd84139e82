import { expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { AstUtils, DefaultReferenceDescriptionProvider, DefaultReferences, isReference, type AstNode, type ReferenceDescription } from 'langium';
import { checkPath } from './fabric-test-files.js';

const POD = fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url));
const key = (d: ReferenceDescription) => `${d.sourceUri.toString()}|${d.sourcePath}|${d.targetUri.toString()}|${d.targetPath}|${d.segment.offset}|${d.segment.end}|${d.local}`;

test('the fast reference index holds exactly the cross-file references of Langium\'s default provider', async () => {
    const { services, document } = await checkPath(POD);
    const ours = await services.workspace.ReferenceDescriptionProvider.createDescriptions(document);
    const theirs = await new DefaultReferenceDescriptionProvider(services).createDescriptions(document);
    expect(ours.length).toBe(6); // B200, NVLinkSwitch (extended), ELSFP (at both ends' trays), NVLinkCopper, CPO1600: the catalog types the pod uses
    expect(ours.map(key).sort()).toEqual(theirs.filter(d => !d.local).map(key).sort());
});

test('find references answers as Langium\'s default does with every reference indexed, same-file ones included', async () => {
    const { services, document } = await checkPath(POD);
    // Langium's default: every reference in the index.
    const index = services.shared.workspace.IndexManager;
    const everything = await new DefaultReferenceDescriptionProvider(services).createDescriptions(document);
    const defaults = new DefaultReferences(services);
    const targets = new Set<AstNode>(document.references.filter(isReference).map(r => r.ref).filter((n): n is AstNode => n !== undefined));
    expect(targets.size).toBeGreaterThan(10);
    const original = index.findAllReferences.bind(index);
    for (const target of targets) {
        const ours = services.references.References.findReferences(target, { includeDeclaration: true }).toArray();
        index.findAllReferences = (node, path) => original(node, path).filter(d => !d.local).concat(
            AstUtils.getDocument(node) === document ? everything.filter(d => d.local && d.targetPath === path) : []);
        const theirs = defaults.findReferences(target, { includeDeclaration: true }).toArray();
        index.findAllReferences = original;
        expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
    }
});

test('linking from the parser\'s list of references links every reference in the tree', async () => {
    const { document } = await checkPath(POD);
    const inTree = AstUtils.streamAst(document.parseResult.value).flatMap(node => AstUtils.streamReferences(node)).toArray();
    expect(inTree.length).toBeGreaterThan(30);
    expect(document.references.length).toBe(inTree.length);
    expect(inTree.every(info => document.references.includes(info.reference))).toBe(true);
});
