import { DEFAULT_SLOWDOWN_THRESHOLD, type AnalysisOptions } from '@fabric/simulator';
import { Disposable, type ConfigurationProvider } from 'langium';
import type { FabricServices } from '../fabric-module.js';

/** When simulator-backed diagnostics run: as the user types, or when the file is saved. */
export type AnalysisRunOn = 'type' | 'save';

export interface SettingsChange {
    /** The analysis options changed: every stored analysis is stale. */
    readonly analysisChanged: boolean;
    readonly runOnChanged: boolean;
}

/** The settings section the server reads (`fabric.*` in the editor's settings). */
export const SETTINGS_SECTION = 'fabric';

/**
 * The server's settings, read live through Langium's configuration provider (section `fabric`):
 *
 * - `fabric.analysis.runOn`: `"type"` (default) or `"save"`;
 * - `fabric.blastRadius.slowdownThreshold`: a phase slowed by more than this factor counts in a
 *   failure's blast radius (a number ≥ 1; default the simulator's 1.1).
 *
 * A value of the wrong kind is ignored (the default holds) and logged. A change is pushed to
 * FabricAnalyses (the analysis options) and announced to listeners (the analysis scheduler
 * re-analyses the open documents).
 */
export class FabricSettings {
    private current: { runOn: AnalysisRunOn; slowdownThreshold: number | undefined } = { runOn: 'type', slowdownThreshold: undefined };
    private readonly listeners: Array<(change: SettingsChange) => void> = [];
    private readonly configuration: ConfigurationProvider;

    constructor(private readonly services: FabricServices) {
        this.configuration = services.shared.workspace.ConfigurationProvider;
        this.configuration.onConfigurationSectionUpdate(update => {
            if (update.section === SETTINGS_SECTION) this.apply(update.configuration);
        });
        void this.configuration.ready.then(() => this.reload());
    }

    get runOn(): AnalysisRunOn {
        return this.current.runOn;
    }

    /** The blast-radius threshold the user set, or the simulator's default. */
    get slowdownThreshold(): number {
        return this.current.slowdownThreshold ?? DEFAULT_SLOWDOWN_THRESHOLD;
    }

    onChange(listener: (change: SettingsChange) => void): Disposable {
        this.listeners.push(listener);
        return Disposable.create(() => this.listeners.splice(this.listeners.indexOf(listener), 1));
    }

    private async reload(): Promise<void> {
        const analysis = await this.configuration.getConfiguration(SETTINGS_SECTION, 'analysis');
        const blastRadius = await this.configuration.getConfiguration(SETTINGS_SECTION, 'blastRadius');
        this.apply({ analysis, blastRadius });
    }

    /** Applies the `fabric` section (as nested objects, the way editors send it). */
    private apply(section: unknown): void {
        const values = readSection(section);
        const runOnChanged = values.runOn !== this.current.runOn;
        this.current = values;
        const options: AnalysisOptions = values.slowdownThreshold === undefined ? {} : { slowdownThreshold: values.slowdownThreshold };
        const analysisChanged = this.services.analysis.FabricAnalyses.configure(options);
        if (runOnChanged || analysisChanged) this.listeners.forEach(listener => listener({ analysisChanged, runOnChanged }));
    }
}

function readSection(section: unknown): { runOn: AnalysisRunOn; slowdownThreshold: number | undefined } {
    const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? value as Record<string, unknown> : {});
    const root = object(section);
    const runOn = object(root.analysis).runOn ?? root['analysis.runOn'];
    const threshold = object(root.blastRadius).slowdownThreshold ?? root['blastRadius.slowdownThreshold'];
    if (runOn !== undefined && runOn !== 'type' && runOn !== 'save') {
        console.warn(`fabric.analysis.runOn is ${JSON.stringify(runOn)}; expected "type" or "save" (using "type")`);
    }
    const validThreshold = typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 1;
    if (threshold !== undefined && threshold !== null && !validThreshold) {
        console.warn(`fabric.blastRadius.slowdownThreshold is ${JSON.stringify(threshold)}; expected a number ≥ 1 (using ${DEFAULT_SLOWDOWN_THRESHOLD})`);
    }
    return { runOn: runOn === 'save' ? 'save' : 'type', slowdownThreshold: validThreshold ? threshold : undefined };
}
