/**
 * What is under a world point: the innermost box (nodes and collapsed groups before the frames
 * around them), else the nearest bundle within a tolerance.
 */
import { HEADER, type Layout } from './layout.js';
import type { Scene } from './scene.js';
import { bundlePoints, distanceSquared } from './bundle-geometry.js';

export type Hit = { readonly box: number } | { readonly bundle: number } | null;

export function hitTest(scene: Scene, layout: Layout, wx: number, wy: number, tolerance: number): Hit {
    const { x, y, w, h } = layout;
    let frame = -1;
    for (let i = scene.boxes.length - 1; i >= 0; i--) {
        if (wx < x[i] || wx > x[i] + w[i] || wy < y[i] || wy > y[i] + h[i]) continue;
        const b = scene.boxes[i];
        if (!b.group || b.collapsed) return { box: i };
        if (frame < 0) frame = i;
    }
    // A frame's header band names the group (double-click closes it), whatever line crosses it.
    if (frame >= 0 && wy - y[frame] <= HEADER) return { box: frame };
    let best = -1, bestD = tolerance * tolerance;
    scene.bundles.forEach((b, i) => {
        const d = distanceSquared(bundlePoints(layout, b, i), wx, wy);
        if (d < bestD) { bestD = d; best = i; }
    });
    if (best >= 0) return { bundle: best };
    return frame >= 0 ? { box: frame } : null;
}
