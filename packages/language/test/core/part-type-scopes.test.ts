import { expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { URI, type Reference } from 'langium';
import { checkFiles, describe } from './fabric-test-files.js';

const PARTS = 'switch Leaf { radix 16 latency 100 ns power 50 W }\n';
// Part-type references at three depths: the fabric, a rack in it, a tray in the rack (each has its own cached scope).
const MAIN = 'import "./parts"\nfabric F {\n    switch spine : Leaf\n    rack r {\n        switch s : Leaf\n        tray t { switch u : Leaf }\n    }\n}\n';

test('part types seen through an import follow edits of the imported file: the scopes cached per container look the import up again', async () => {
    const { services, document, errors } = await checkFiles(MAIN, { 'parts.fabric': PARTS });
    expect(errors.map(describe)).toEqual([]);
    const parts = join(dirname(document.uri.fsPath), 'parts.fabric');
    const builder = services.shared.workspace.DocumentBuilder;
    const types = () => document.references.filter(r => r.$refText === 'Leaf' || r.$refText === 'Spine') as Reference[];
    const targets = () => types().map(r => r.ref?.$container?.$document?.uri.fsPath);
    expect(targets()).toEqual([parts, parts, parts]);

    // The imported type is renamed: every reference to the old name is now an error, at every depth.
    writeFileSync(parts, PARTS.replace('Leaf', 'Spine'));
    await builder.update([URI.file(parts)], []);
    const linkingErrors = (document.diagnostics ?? []).filter(d => d.code === 'linking-error').map(describe);
    expect(linkingErrors).toEqual([
        "linking-error 3:20-3:24 cannot resolve 'Leaf': no part type named 'Leaf' is declared in this file or its imports",
        "linking-error 5:20-5:24 cannot resolve 'Leaf': no part type named 'Leaf' is declared in this file or its imports",
        "linking-error 6:29-6:33 cannot resolve 'Leaf': no part type named 'Leaf' is declared in this file or its imports"
    ]);
    expect(targets()).toEqual([undefined, undefined, undefined]);

    // And back: the references resolve again, to the new syntax tree of the imported file.
    writeFileSync(parts, PARTS);
    await builder.update([URI.file(parts)], []);
    expect((document.diagnostics ?? []).filter(d => d.severity === 1).map(describe)).toEqual([]);
    const partsRoot = services.shared.workspace.LangiumDocuments.getDocument(URI.file(parts))!.parseResult.value;
    expect(types().map(r => r.ref?.$container)).toEqual([partsRoot, partsRoot, partsRoot]);
    expect(services.elaboration.FabricElaboration.of(document).models[0].nodes.map(n => n.type)).toEqual(['Leaf', 'Leaf', 'Leaf']);
});
