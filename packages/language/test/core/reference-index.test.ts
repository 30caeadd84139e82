import { expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DefaultReferenceDescriptionProvider } from 'langium';
import { checkPath } from './fabric-test-files.js';

test('the fast reference index holds exactly what Langium\'s default provider computes', async () => {
    const { services, document } = await checkPath(fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url)));
    const ours = await services.workspace.ReferenceDescriptionProvider.createDescriptions(document);
    const theirs = await new DefaultReferenceDescriptionProvider(services).createDescriptions(document);
    const key = (d: typeof ours[number]) => `${d.sourcePath}|${d.targetUri.toString()}|${d.targetPath}|${d.segment.offset}|${d.segment.end}|${d.local}`;
    expect(ours.length).toBeGreaterThan(20);
    expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
});
