/**
 * The canvas back end: draws the display list through the camera on a 2D canvas context. Each
 * line batch is one path (kept between frames), so a frame of the 576-accelerator pod fully
 * expanded is a few dozen strokes, not 20,736; rectangles and labels outside the viewport are
 * skipped. Works on any context with the standard 2D methods (browser canvas, OffscreenCanvas).
 */
import type { Camera } from './camera.js';
import { labelAt, labelBackdrop, PATH_SEGMENTS, type DisplayList, type LineBatch, type RectOp } from './display-list.js';
import { DASH_PX } from './svg-writer.js';

/** The part of CanvasRenderingContext2D the painter uses. */
export interface Canvas2D {
    fillStyle: unknown; strokeStyle: unknown; lineWidth: number; globalAlpha: number; font: string;
    textAlign: string; textBaseline: string; lineCap: string;
    setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
    fillRect(x: number, y: number, w: number, h: number): void;
    strokeRect(x: number, y: number, w: number, h: number): void;
    beginPath(): void; moveTo(x: number, y: number): void; lineTo(x: number, y: number): void;
    stroke(path?: unknown): void;
    setLineDash(segments: number[]): void;
    fillText(text: string, x: number, y: number): void;
}

type PathFactory = () => { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void };

/** Labels per slice. */
const CHUNK_LABELS = 512;

export class CanvasPainter {
    private readonly paths = new WeakMap<LineBatch, unknown[]>();

    /** `makePath` builds a reusable path object (Path2D in a browser); without it lines are re-traced each frame. */
    constructor(private readonly makePath?: PathFactory) { }

    paint(ctx: Canvas2D, list: DisplayList, camera: Camera, width: number, height: number, pixelRatio = 1): void {
        for (const _ of this.slices(ctx, list, camera, width, height, pixelRatio)) { /* all at once */ }
    }

    /**
     * The same drawing in slices: each `next()` draws one slice (a frame's rectangles, a path of at
     * most PATH_SEGMENTS segments, CHUNK_LABELS labels), so a caller can spread a large picture
     * over several animation frames on a canvas of its own. The context's state is the painter's
     * between slices.
     */
    *slices(ctx: Canvas2D, list: DisplayList, camera: Camera, width: number, height: number, pixelRatio = 1): Generator<void, void, void> {
        const z = camera.zoom;
        ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
        ctx.globalAlpha = 1;
        ctx.setLineDash([]);
        ctx.fillStyle = list.background;
        ctx.fillRect(0, 0, width, height);
        ctx.setTransform(z * pixelRatio, 0, 0, z * pixelRatio, camera.tx * pixelRatio, camera.ty * pixelRatio);
        ctx.lineCap = 'butt';
        const view = { x0: -camera.tx / z, y0: -camera.ty / z, x1: (width - camera.tx) / z, y1: (height - camera.ty) / z };
        const visible = (r: RectOp) => r.x + r.w >= view.x0 - 4 && r.x <= view.x1 + 4 && r.y + r.h >= view.y0 - 4 && r.y <= view.y1 + 4;
        const rects = (list: readonly RectOp[]) => {
            for (const r of list) {
                if (!visible(r)) continue;
                if (r.fill) { ctx.fillStyle = r.fill; ctx.fillRect(r.x, r.y, r.w, r.h); }
                if (r.stroke) {
                    ctx.strokeStyle = r.stroke; ctx.lineWidth = r.lineWidth / z;
                    ctx.setLineDash(r.dashed ? DASH_PX.map(d => d / z) : []);
                    ctx.strokeRect(r.x, r.y, r.w, r.h);
                }
            }
            ctx.setLineDash([]);
        };
        rects(list.frames);
        yield;
        for (const b of list.lines) {
            const chunks = Math.ceil(b.coords.length / (4 * PATH_SEGMENTS));
            for (let k = 0; k < chunks; k++) {
                ctx.strokeStyle = b.stroke;
                ctx.lineWidth = b.width / z;
                ctx.globalAlpha = b.alpha;
                ctx.setLineDash(b.dashed ? DASH_PX.map(d => d / z) : []);
                if (this.makePath) ctx.stroke(this.pathOf(b, k));
                else { ctx.beginPath(); this.trace(ctx, b, k); ctx.stroke(); }
                yield;
            }
        }
        ctx.globalAlpha = 1;
        ctx.setLineDash([]);
        rects(list.boxes);
        rects(list.marks);
        yield;
        ctx.textBaseline = 'middle';
        let font = '';
        let n = 0;
        for (const l of list.labels) {
            if (l.x < view.x0 - 200 || l.x > view.x1 + 200 || l.y < view.y0 - 20 || l.y > view.y1 + 20) continue;
            const at = labelAt(l, z);
            if (!at) continue;
            const { size, y } = at;
            const f = `${l.bold ? 'bold ' : ''}${size}px ${list.fontFamily}`;
            if (f !== font) { ctx.font = f; font = f; }
            if (l.backdrop) {
                const b = labelBackdrop(l, size, y);
                ctx.fillStyle = l.backdrop;
                ctx.fillRect(b.x, b.y, b.w, b.h);
            }
            ctx.fillStyle = l.fill;
            ctx.textAlign = l.align === 'center' ? 'center' : 'left';
            ctx.fillText(l.text, l.x, y);
            if (++n % CHUNK_LABELS === 0) {
                yield;
                ctx.textBaseline = 'middle';
                font = '';
            }
        }
    }

    /** Segments of chunk k of a batch. */
    private trace(p: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void }, b: LineBatch, k: number): void {
        const c = b.coords;
        const end = Math.min(c.length, 4 * PATH_SEGMENTS * (k + 1));
        for (let i = 4 * PATH_SEGMENTS * k; i < end; i += 4) { p.moveTo(c[i], c[i + 1]); p.lineTo(c[i + 2], c[i + 3]); }
    }

    private pathOf(b: LineBatch, k: number): unknown {
        let paths = this.paths.get(b);
        if (!paths) { paths = []; this.paths.set(b, paths); }
        if (!paths[k]) {
            const p = this.makePath!();
            this.trace(p, b, k);
            paths[k] = p;
        }
        return paths[k];
    }
}
