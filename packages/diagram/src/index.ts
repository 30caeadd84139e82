export type * from './scene.js';
export { bundleKey } from './scene.js';
export { buildScene, type SceneInput } from './scene-builder.js';
export { shownPhase, phaseLinkLoads, viewScene } from './shown-phase.js';
export { visibility, groupSizes, type Visibility } from './level-of-detail.js';
export { meshDimensions } from './mesh-dimensions.js';
export { layoutScene, ROOT_KEY, type Layout, type Placement, type Placements } from './layout.js';
export {
    irregularGroups, elkGraph, placementFromElk, layoutWithEngine, ELK_OPTIONS, ELK_LIMITS,
    type IrregularGroup, type ElkEngine, type ElkInputGraph, type ElkOutputGraph, type PlacementCache
} from './irregular-layout.js';
export { failureOverlay, sceneMaps, boxOfNodes, bundleOfLinks, blastAccelerators, type FailureOverlay, type SceneMaps } from './failure-overlay.js';
export { LIGHT_PALETTE, DARK_PALETTE, type Palette } from './palette.js';
export { buildDisplayList, dominantKind, labelAt, type DisplayList, type PaintState, type ColourBy, type LineBatch, type RectOp, type LabelOp } from './display-list.js';
export { fitCamera, zoomAt, centreOn, toWorld, MIN_ZOOM, MAX_ZOOM, type Camera } from './camera.js';
export { displayListToSvg, type SvgOptions } from './svg-writer.js';
export { CanvasPainter, type Canvas2D } from './canvas-painter.js';
export { sceneToSvg, type SceneSvgOptions } from './svg-export.js';
export { hitTest, type Hit } from './hit-test.js';
export { boxTooltip, bundleTooltip } from './tooltips.js';
