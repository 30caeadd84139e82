/**
 * The camera: screen = world × zoom + (tx, ty), in CSS pixels. Pan and zoom change only this.
 */
import type { Layout } from './layout.js';

export interface Camera {
    readonly tx: number;
    readonly ty: number;
    readonly zoom: number;
}

export const MIN_ZOOM = 0.01, MAX_ZOOM = 8;

/** Fit never zooms in further than this: a small fabric is drawn at a natural size, not blown up. */
export const MAX_FIT_ZOOM = 1.5;

/** The whole layout in a viewport of the given size, with a margin. */
export function fitCamera(layout: Pick<Layout, 'width' | 'height'>, width: number, height: number, margin = 16): Camera {
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, Math.min((width - 2 * margin) / Math.max(1, layout.width), (height - 2 * margin) / Math.max(1, layout.height))));
    return { zoom, tx: (width - layout.width * zoom) / 2, ty: (height - layout.height * zoom) / 2 };
}

/** Zoom by `factor` keeping the world point under (sx, sy) where it is. */
export function zoomAt(camera: Camera, factor: number, sx: number, sy: number): Camera {
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, camera.zoom * factor));
    const k = zoom / camera.zoom;
    return { zoom, tx: sx - (sx - camera.tx) * k, ty: sy - (sy - camera.ty) * k };
}

/** Centre the world point (wx, wy) in a viewport, at least at `zoom`. */
export function centreOn(camera: Camera, wx: number, wy: number, width: number, height: number, zoom = camera.zoom): Camera {
    return { zoom, tx: width / 2 - wx * zoom, ty: height / 2 - wy * zoom };
}

export function toWorld(camera: Camera, sx: number, sy: number): [number, number] {
    return [(sx - camera.tx) / camera.zoom, (sy - camera.ty) / camera.zoom];
}
