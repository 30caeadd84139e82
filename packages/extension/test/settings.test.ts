import { describe, expect, test } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import { affectsDiagram, DEFAULT_SETTINGS, diagramSettings, readSettings, SETTING_KEYS } from '../src/settings.js';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('settings', () => {
    test('the keys and defaults are the ones the manifest declares', () => {
        const declared = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
        expect(Object.keys(declared).sort()).toEqual(Object.values(SETTING_KEYS).map(k => `fabric.${k}`).sort());
        for (const [name, key] of Object.entries(SETTING_KEYS)) expect(declared[`fabric.${key}`].default).toEqual(DEFAULT_SETTINGS[name as keyof typeof DEFAULT_SETTINGS]);
    });

    test('values are read as set', () => {
        const read = readSettings(from({ 'blastRadius.slowdownThreshold': 1.25, 'analysis.runOn': 'save', 'diagram.collapseThreshold': 16, 'trace.server': 'verbose' }));
        expect(read).toEqual({ settings: { slowdownThreshold: 1.25, runOn: 'save', collapseThreshold: 16, traceServer: 'verbose' }, problems: [] });
    });

    test('unset values take their defaults', () => {
        expect(readSettings(from({}))).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    });

    test('a bad value falls back to its default, and the problem names the setting and the fix', () => {
        const read = readSettings(from({ 'blastRadius.slowdownThreshold': 0.5, 'analysis.runOn': 'always', 'diagram.collapseThreshold': 2.5, 'trace.server': true }));
        expect(read.settings).toEqual(DEFAULT_SETTINGS);
        expect(read.problems).toEqual([
            'Setting fabric.blastRadius.slowdownThreshold is 0.5; it must be a number of at least 1 (1.1 counts a 10 % slowdown). Using 1.1.',
            'Setting fabric.analysis.runOn is "always"; it must be "type" or "save". Using "type".',
            'Setting fabric.diagram.collapseThreshold is 2.5; it must be a whole number of at least 0. Using 64.',
            'Setting fabric.trace.server is true; it must be "off", "messages" or "verbose". Using "off".'
        ]);
        expect(readSettings(from({ 'blastRadius.slowdownThreshold': Number.NaN })).problems).toHaveLength(1);
    });

    test('the diagram is told the collapse threshold and the slowdown threshold, and only their changes concern it', () => {
        expect(diagramSettings({ ...DEFAULT_SETTINGS, collapseThreshold: 8, slowdownThreshold: 1.5 })).toEqual({ collapseThreshold: 8, slowdownThreshold: 1.5 });
        expect(affectsDiagram(s => s === 'fabric.diagram.collapseThreshold')).toBe(true);
        expect(affectsDiagram(s => s === 'fabric.blastRadius.slowdownThreshold')).toBe(true);
        expect(affectsDiagram(s => s === 'fabric.trace.server' || s === 'fabric.analysis.runOn')).toBe(false);
    });
});
