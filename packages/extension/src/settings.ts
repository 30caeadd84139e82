import type { DiagramSettings } from '@fabric/webview/protocol';

/**
 * The extension's settings (section `fabric`), read live. The server reads the first two itself
 * through Langium's configuration provider; the client reads them all to pass the diagram its
 * share and to name a bad value, with its fix, instead of acting on it.
 */
export const SETTINGS_SECTION = 'fabric';

export const ANALYSIS_RUN_ON = ['type', 'save'] as const;
export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

export interface FabricSettings {
    readonly slowdownThreshold: number;
    readonly runOn: typeof ANALYSIS_RUN_ON[number];
    readonly collapseThreshold: number;
    readonly traceServer: typeof TRACE_LEVELS[number];
}

export const DEFAULT_SETTINGS: FabricSettings = { slowdownThreshold: 1.1, runOn: 'type', collapseThreshold: 64, traceServer: 'off' };

/** Keys under `fabric.`, as the user writes them in settings.json. */
export const SETTING_KEYS = {
    slowdownThreshold: 'blastRadius.slowdownThreshold',
    runOn: 'analysis.runOn',
    collapseThreshold: 'diagram.collapseThreshold',
    traceServer: 'trace.server'
} as const satisfies Record<keyof FabricSettings, string>;

export interface ReadSettings {
    readonly settings: FabricSettings;
    /** One sentence per bad value: the setting, what is wrong, what is used instead. */
    readonly problems: readonly string[];
}

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/** Reads the settings through `get` (a `WorkspaceConfiguration` of section `fabric` fits); a bad value falls back to its default, with a problem. */
export function readSettings(get: (key: string) => unknown): ReadSettings {
    const problems: string[] = [];
    const pick = <K extends keyof FabricSettings>(key: K, valid: (v: unknown) => boolean, expected: string): FabricSettings[K] => {
        const value = get(SETTING_KEYS[key]);
        if (value === undefined || value === null) return DEFAULT_SETTINGS[key];
        if (valid(value)) return value as FabricSettings[K];
        problems.push(`Setting fabric.${SETTING_KEYS[key]} is ${JSON.stringify(value)}; it must be ${expected}. Using ${JSON.stringify(DEFAULT_SETTINGS[key])}.`);
        return DEFAULT_SETTINGS[key];
    };
    const settings: FabricSettings = {
        slowdownThreshold: pick('slowdownThreshold', v => typeof v === 'number' && Number.isFinite(v) && v >= 1, 'a number of at least 1 (1.1 counts a 10 % slowdown)'),
        runOn: pick('runOn', v => isOneOf(ANALYSIS_RUN_ON, v), '"type" or "save"'),
        collapseThreshold: pick('collapseThreshold', v => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, 'a whole number of at least 0'),
        traceServer: pick('traceServer', v => isOneOf(TRACE_LEVELS, v), '"off", "messages" or "verbose"')
    };
    return { settings, problems };
}

/** What the diagram webview is told (in `init` and `settings`). */
export function diagramSettings(settings: FabricSettings): DiagramSettings {
    return { collapseThreshold: settings.collapseThreshold, slowdownThreshold: settings.slowdownThreshold };
}

/** Whether a configuration change touches what the diagram is told. */
export function affectsDiagram(affects: (section: string) => boolean): boolean {
    return affects(`${SETTINGS_SECTION}.${SETTING_KEYS.collapseThreshold}`) || affects(`${SETTINGS_SECTION}.${SETTING_KEYS.slowdownThreshold}`);
}
