/**
 * The diagram as SVG for `export --format svg` and the HTML report: the scene the editor's diagram
 * shows on opening (`viewScene` at the editor's default level of detail, the slowest phase's load),
 * laid out as the webview lays it out (our placement, elkjs for the irregular groups within its
 * limits) and drawn by the diagram package's SVG writer — the same drawing, never a second one.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWithEngine, sceneToSvg, viewScene, type ElkEngine } from '@fabric/diagram';
import { DEFAULT_COLLAPSE_THRESHOLD } from '@fabric/language';
import type { Analysis, FabricModel } from '@fabric/simulator';

export async function diagramSvg(model: FabricModel, analysis: Analysis, collapseThreshold = DEFAULT_COLLAPSE_THRESHOLD): Promise<string> {
    const scene = viewScene(model, analysis, { collapseThreshold });
    const layout = await layoutWithEngine(scene, new (ELK as unknown as new () => ElkEngine)());
    return sceneToSvg(scene, layout);
}
