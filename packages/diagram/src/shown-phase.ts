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
 * The phase's load per link id, as the analysis reports it: its bottleneck links carry the phase's
 * peak load (1: they pace the phase). The simulator reports no other link's load, so the rest stay
 * unknown (NaN) and their bundles are drawn without a load.
 */
export function phaseLinkLoads(model: FabricModel, analysis: Analysis | null, phase: string | null): Float64Array | null {
    const result = phase && analysis?.phases.find(p => `${p.workload}.${p.name}` === phase);
    if (!result || !result.bottleneck) return null;
    const loads = new Float64Array(model.links.length).fill(Number.NaN);
    for (const id of result.bottleneck.linkIds) if (id >= 0 && id < loads.length) loads[id] = 1;
    return loads;
}

/** The scene a viewer with `view` sees: the shown phase's loads included. */
export function viewScene(model: FabricModel, analysis: Analysis | null, view: SceneView): Scene {
    return buildScene({ model, analysis, view, linkLoads: phaseLinkLoads(model, analysis, shownPhase(model, analysis, view.phase)) });
}
