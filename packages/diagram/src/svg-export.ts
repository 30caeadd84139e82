/**
 * A laid-out scene to an SVG document in one call, for exports (the webview, the CLI's
 * `export --format svg/html`): the same display list the canvas draws, through a camera (the
 * viewer's, or one that fits the whole diagram).
 */
import { fitCamera, type Camera } from './camera.js';
import { buildDisplayList, type PaintState } from './display-list.js';
import type { Layout } from './layout.js';
import { LIGHT_PALETTE, type Palette } from './palette.js';
import type { Scene } from './scene.js';
import { displayListToSvg } from './svg-writer.js';

export interface SceneSvgOptions {
    readonly palette?: Palette;
    readonly state?: PaintState;
    /** Viewport size in pixels (default: the diagram at zoom 1, with a margin). */
    readonly width?: number;
    readonly height?: number;
    readonly camera?: Camera;
}

export function sceneToSvg(scene: Scene, layout: Layout, options: SceneSvgOptions = {}): string {
    const width = options.width ?? Math.ceil(layout.width + 32), height = options.height ?? Math.ceil(layout.height + 32);
    const camera = options.camera ?? fitCamera(layout, width, height);
    const list = buildDisplayList(scene, layout, options.palette ?? LIGHT_PALETTE, options.state ?? { colourBy: 'kind' });
    return displayListToSvg(list, { width, height, camera, title: scene.fabric });
}
