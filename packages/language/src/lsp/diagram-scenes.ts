import { viewScene, type Scene, type SceneView } from '@fabric/diagram';
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
        const key = JSON.stringify([view.collapseThreshold, view.expanded, view.collapsed, view.phase === undefined ? { slowest: true } : view.phase]);
        const cached = this.scenes.get(model);
        if (cached && cached.key === key && cached.analysis === analysis) return cached.scene;
        const scene = viewScene(model, analysis, view);
        this.scenes.set(model, { key, analysis, scene });
        return scene;
    }
}
