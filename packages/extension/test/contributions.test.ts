import { readFileSync } from 'node:fs';
import { parseHelper } from 'langium/test';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createFabricServices, type FabricFile } from '@fabric/language';
import manifest from '../package.json' with { type: 'json' };

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

describe('what the extension contributes', () => {
    test('every command is under the Fabric category; the diagram commands have editor-title buttons for .fabric files', () => {
        const commands = manifest.contributes.commands;
        expect(commands.map(c => c.title)).toEqual(['Open Diagram', 'Open Diagram to the Side', 'Export Diagram as SVG', 'Export Diagram as PNG', 'Fail Selected Part',
            'Clear Failures', 'Show Phase…', 'Show Analysis Report', 'Restart Language Server']);
        expect(new Set(commands.map(c => c.category))).toEqual(new Set(['Fabric']));
        expect(manifest.contributes.menus['editor/title']).toContainEqual({ command: 'fabric.openDiagramToSide', when: 'editorLangId == fabric', group: 'navigation' });
    });

    test('it activates on the language and on its restored diagram panels, and declares what it does in untrusted and virtual workspaces', () => {
        expect(manifest.activationEvents).toEqual(['onLanguage:fabric', 'onWebviewPanel:fabric.diagram']);
        expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
        expect(manifest.capabilities.virtualWorkspaces.supported).toBe('limited');
        expect(manifest.contributes.languages[0]).toMatchObject({ id: 'fabric', extensions: ['.fabric'], aliases: ['Fabric', 'fabric'] });
    });

    test('the word pattern keeps gpu[0..3], R.compute[*] parts, pJ/bit, all-to-all and 1.2 whole', () => {
        const pattern = new RegExp(read('language-configuration.json').wordPattern, 'g');
        const words = (text: string) => text.match(pattern);
        expect(words('accelerator gpu[0..3] : B200')).toEqual(['accelerator', 'gpu[0..3]', 'B200']);
        expect(words('energy 1.3 pJ/bit')).toEqual(['energy', '1.3', 'pJ/bit']);
        expect(words('connect R.compute[*].gpu[*] all-to-all')).toEqual(['connect', 'R', 'compute[*]', 'gpu[*]', 'all-to-all']);
    });

    test('comments, brackets and auto-closing pairs', () => {
        const config = read('language-configuration.json');
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}'], ['[', ']']]);
        expect(config.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(['{', '[', '"', '/*']);
        expect(new RegExp(config.folding.markers.start).test('    // region spine')).toBe(true);
    });

    test('every snippet, with its placeholders at their defaults, parses without errors', async () => {
        const snippets = read('snippets/fabric.json') as Record<string, { body: string[] }>;
        expect(Object.keys(snippets)).toEqual(['Link type', 'Switch type', 'Accelerator type', 'Rack of trays', 'All-to-all layer', 'Failure-domain family', 'Workload']);
        const parse = parseHelper<FabricFile>(createFabricServices(EmptyFileSystem).Fabric);
        const expand = (body: string[]) => body.join('\n').replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
        const partTypes = ['Link type', 'Switch type', 'Accelerator type'].map(n => expand(snippets[n].body)).join('\n');
        const inFabric = ['Rack of trays', 'All-to-all layer', 'Failure-domain family', 'Workload'].map(n => expand(snippets[n].body)).join('\n');
        const document = await parse(`${partTypes}\nfabric F {\n${inFabric}\n}\n`);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    });
});
