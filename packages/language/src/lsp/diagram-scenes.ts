import { buildScene, shownPhase, type Scene, type SceneView } from '@fabric/diagram';
import type { Analysis, FabricModel } from '@fabric/simulator';
import type { DiagramViewParams } from './diagram-protocol.js';

/**
 * The scenes the diagram asked for, one per model and view: a `fabric/failure` click maps its result
 * onto the scene the viewer is looking at without building it again. Kept per model object, so a
 * new elaboration (an edit) drops the old ones with their model.
 */
export class DiagramScenes {
    private readonly scenes = new WeakMap<FabricModel, { key: string; analysis: Analysis | null; scene: Scene }>();

    scene(model: FabricModel, analysis: Analysis | null, params: DiagramViewParams, defaultThreshold: number): Scene {
        const view: SceneView = {
            collapseThreshold: params.collapseThreshold ?? defaultThreshold,
            expanded: params.expanded ?? [], collapsed: params.collapsed ?? [], ...(params.phase !== undefined ? { phase: params.phase } : {})
        };
        const key = JSON.stringify([view.collapseThreshold, view.expanded, view.collapsed, view.phase === undefined ? { first: true } : view.phase]);
        const cached = this.scenes.get(model);
        if (cached && cached.key === key && cached.analysis === analysis) return cached.scene;
        const scene = buildScene({ model, analysis, view, linkLoads: bottleneckLoads(model, analysis, shownPhase(model, view.phase)) });
        this.scenes.set(model, { key, analysis, scene });
        return scene;
    }
}

/**
 * The chosen phase's load as the analysis reports it: its bottleneck links carry the phase's peak
 * load (1: they pace the phase); the simulator does not report other links' loads, so they stay unknown.
 */
function bottleneckLoads(model: FabricModel, analysis: Analysis | null, phase: string | null): Float64Array | null {
    const result = phase && analysis?.phases.find(p => `${p.workload}.${p.name}` === phase);
    if (!result || !result.bottleneck) return null;
    const loads = new Float64Array(model.links.length).fill(Number.NaN);
    for (const id of result.bottleneck.linkIds) if (id >= 0 && id < loads.length) loads[id] = 1;
    return loads;
}
