/**
 * Where a bundle is drawn: along the layout engine's route when it has one (inside a group elkjs
 * placed), else straight from the centre of one end to the centre of the other. The display list
 * and the hit test both read it, so what is clicked is what is drawn.
 */
import type { Layout } from './layout.js';
import type { SceneBundle } from './scene.js';

/** The bundle's points: x0, y0, x1, y1, … (at least two points). */
export function bundlePoints(layout: Layout, bundle: Pick<SceneBundle, 'a' | 'b'>, index: number): ArrayLike<number> {
    const route = layout.routes?.get(index);
    if (route) return route;
    const { x, y, w, h } = layout;
    return [x[bundle.a] + w[bundle.a] / 2, y[bundle.a] + h[bundle.a] / 2, x[bundle.b] + w[bundle.b] / 2, y[bundle.b] + h[bundle.b] / 2];
}

/** The middle of the drawn path (by points: the middle bend of a route, the midpoint of a straight line). */
export function bundleMiddle(points: ArrayLike<number>): [number, number] {
    const count = points.length / 2;
    if (count === 2) return [(points[0] + points[2]) / 2, (points[1] + points[3]) / 2];
    const k = Math.floor(count / 2);
    return count % 2 === 1 ? [points[2 * k], points[2 * k + 1]] : [(points[2 * k - 2] + points[2 * k]) / 2, (points[2 * k - 1] + points[2 * k + 1]) / 2];
}

/** Squared distance from (px, py) to the drawn path. */
export function distanceSquared(points: ArrayLike<number>, px: number, py: number): number {
    let best = Infinity;
    for (let i = 0; i + 3 < points.length; i += 2) {
        const ax = points[i], ay = points[i + 1], dx = points[i + 2] - ax, dy = points[i + 3] - ay;
        const len = dx * dx + dy * dy;
        const t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
        const ex = ax + t * dx - px, ey = ay + t * dy - py;
        best = Math.min(best, ex * ex + ey * ey);
    }
    return best;
}
