import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, testPath } from './fabric-test-services.js';

/** Issue 12 item 4: completion after `.`, trigger characters, `via`, units before keywords. */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const POD576 = readFileSync(fileURLToPath(new URL('../../../../examples/pod576-cpo.fabric', import.meta.url)), 'utf8');
let counter = 0;

/** Completion labels at `|` in `text` (the text is built without the bar), in the order an editor sorts them. */
async function completeAt(text: string): Promise<string[]> {
    const offset = text.indexOf('|');
    const document = await buildText(services, testPath(`lsp/completion-${counter++}.fabric`), text.replace('|', ''));
    const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.textDocument.uri }, position: document.textDocument.positionAt(offset) });
    const key = (item: CompletionItem) => item.sortText ?? item.label;
    return [...(list?.items ?? [])].sort((a, b) => key(a).localeCompare(key(b)) || a.label.localeCompare(b.label)).map(i => i.label);
}

const insertAfter = (marker: string, insert: string) => {
    const at = POD576.indexOf(marker) + marker.length;
    return `${POD576.slice(0, at)}${insert}${POD576.slice(at)}`;
};

describe('completion', () => {
    test('after `over rack[*].` in the pod576 example: the members of a rack, not the fabric\'s names', async () => {
        const labels = await completeAt(insertAfter('phase grads   all-reduce 4 GiB   over rack[*].', '|'));
        expect(labels).toEqual(['compute', 'nvswitch']);
    });

    test('after a dot typed at the end of a selection, with more statements after it', async () => {
        const labels = await completeAt(insertAfter('over rack[*].compute[*].gpu[*]\n', '        phase probe all-to-all 1 MiB over spine.|\n'));
        expect(labels).toEqual(['spine_rack']);
    });

    test('`.` and `[` are trigger characters', () => {
        expect(services.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual(['.', '[']);
    });

    test('after `via` only link types', async () => {
        const labels = await completeAt(insertAfter('            via ', '|'));
        expect(labels).toEqual(expect.arrayContaining(['CPO1600', 'NVLinkCopper', 'CopperAEC']));
        expect(labels).not.toContain('B200');
        expect(labels).not.toContain('NVLinkSwitch');
        expect(labels).not.toContain('ELSFP');
    });

    test('after `accelerator a :` only accelerator types', async () => {
        const labels = await completeAt('import "catalog/nvidia"\nfabric F {\n    accelerator a : |\n}\n');
        expect(labels).toContain('B200');
        expect(labels).not.toContain('NVLinkSwitch');
        expect(labels).not.toContain('NVLinkCopper');
    });

    test('in a unit position the units come before the keywords', async () => {
        const labels = await completeAt(insertAfter('length 20 ', '|'));
        const firstKeyword = labels.indexOf('lanes');
        expect(firstKeyword).toBeGreaterThan(0);
        expect(labels.slice(0, firstKeyword)).toEqual(expect.arrayContaining(['m', 'km', 'mm', 'cm']));
        expect(labels.indexOf('m')).toBeLessThan(labels.indexOf('per-direction'));
    });

    test('after `on` the configurations of the fabric', async () => {
        const labels = await completeAt('import "catalog/google"\nfabric F {\n    configuration c1 { }\n    configuration c2 { }\n    workload w { phase p all-reduce 1 GiB over x on | }\n}\n');
        expect(labels).toEqual(['c1', 'c2']);
    });
});
