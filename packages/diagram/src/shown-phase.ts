/**
 * Which workload phase a diagram shows, and the load its links carry in it, read from the
 * simulator's Analysis (never computed here). Every view of the diagram (the webview's feed, the
 * CLI's SVG and HTML report) takes its scene through `viewScene`, so they show the same phase.
 */
import type { Analysis, FabricModel } from '@fabric/simulator';
import { buildScene } from './scene-builder.js';
import type { Scene, SceneView } from './scene.js';

/**
 * The phase shown: the viewer's choice (null: none); otherwise the slowest phase the analysis
 * priced (the one that paces the workload), or the model's first phase while there is no analysis.
 */
export function shownPhase(model: FabricModel, analysis: Analysis | null, chosen: string | null | undefined): string | null {
    if (chosen !== undefined) return chosen;
    let slowest: { id: string; seconds: number } | null = null;
    for (const p of analysis?.phases ?? []) {
        if (p.timeSeconds !== null && Number.isFinite(p.timeSeconds) && (!slowest || p.timeSeconds > slowest.seconds)) slowest = { id: `${p.workload}.${p.name}`, seconds: p.timeSeconds };
    }
    if (slowest) return slowest.id;
    const w = model.workloads.find(w => w.phases.length > 0);
    return w ? `${w.name}.${w.phases[0].name}` : null;
}

/**
 * The phase's load per link, as the simulator reports it (`PhaseResult.linkLoads`: the fraction of
 * the phase time each link is busy; static link ids, then the circuits of the phase's configuration),
 * with that configuration; null without an analysis or when the phase cannot run.
 */
export function phaseLinkLoads(analysis: Analysis | null, phase: string | null): { loads: ArrayLike<number>; configuration: string | null } | null {
    const result = phase ? analysis?.phases.find(p => `${p.workload}.${p.name}` === phase) : undefined;
    return result?.linkLoads ? { loads: result.linkLoads, configuration: result.configuration } : null;
}

/** The scene a viewer with `view` sees: the shown phase's loads included. */
export function viewScene(model: FabricModel, analysis: Analysis | null, view: SceneView): Scene {
    const loads = phaseLinkLoads(analysis, shownPhase(model, analysis, view.phase));
    return buildScene({ model, analysis, view, linkLoads: loads?.loads ?? null, loadsConfiguration: loads?.configuration ?? null });
}
