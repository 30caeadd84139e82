/**
 * The diagram webview: pulls the scene after each change notice, lays it out, draws it on a canvas
 * and keeps the viewer's camera, levels of detail, phase and failure set across every update,
 * hide and reload. Interaction: drag to pan, wheel to zoom, click to select and reveal, shift-click
 * to fail (or un-fail) a part, double-click to open or close a group (or a bundle's ends).
 */
import {
    boxTooltip, buildDisplayList, bundleKey, bundleTooltip, CanvasPainter, centreOn, displayListToSvg, fitCamera, hitTest, labelAt, toWorld, zoomAt,
    type Camera, type DisplayList, type FailureOverlay, type Hit, type Layout, type Palette, type Scene
} from '@fabric/diagram';
import type { FailureResult } from '@fabric/simulator';
import { HostChannel } from './host-channel.js';
import { LayoutRunner } from './layout-runner.js';
import type { DiagramSettings, HostToWebview, Position } from './protocol.js';
import { renderSidePanel, type FailureImpactView } from './side-panel.js';
import { themePalette } from './theme.js';
import { DEFAULT_VIEW, readViewState, type ViewState } from './view-state.js';

interface Feed { readonly version: number | undefined; readonly fabrics: readonly string[]; readonly scene: Scene | null }
interface FailureAnswer { readonly unknown: string[]; readonly result: FailureResult; readonly overlay: FailureOverlay; readonly milliseconds: number }

/** How long the camera must rest before the full picture is drawn again. */
const SETTLE_MS = 120;
/** Drawing work per animation frame for the picture at rest (see paintAtRest). */
const REST_SLICE_MS = 8;

export class DiagramApp {
    private readonly host: HostChannel;
    private readonly canvas: HTMLCanvasElement;
    private readonly ctx: CanvasRenderingContext2D;
    private readonly painter = new CanvasPainter(() => new Path2D());
    private readonly layouter = new LayoutRunner(message => this.host.post({ type: 'log', level: 'warn', message }));
    private readonly panel: HTMLElement;
    private readonly tooltip: HTMLElement;
    private readonly status: HTMLElement;
    private readonly phaseSelect: HTMLSelectElement;
    private readonly colourSelect: HTMLSelectElement;
    private readonly legend: HTMLElement;
    private uri: string | null = null;
    /** What setState kept (restored on init when it is this document's). */
    private saved: { uri?: unknown; view?: unknown } | undefined;
    private settings: DiagramSettings = { collapseThreshold: 64, slowdownThreshold: 1.1 };
    private view: ViewState = DEFAULT_VIEW;
    private camera: Camera | null = null;
    private scene: Scene | null = null;
    private fabrics: readonly string[] = [];
    private layout: Layout | null = null;
    private layouts = new Map<string, Layout>();
    private list: DisplayList | null = null;
    private palette: Palette;
    private overlay: FailureOverlay | null = null;
    private impact: FailureImpactView | null = null;
    private selected: Hit = null;
    private cursorBox = -1;
    private frameRequested = false;
    private pulling: Promise<void> | null = null;
    private pullAgain = false;
    private failureSeq = 0;
    /** Frame times (ms) of the last draws, for the harness and the bench. */
    readonly frameTimes: number[] = [];
    private framesDropped = 0;

    constructor(private readonly root: HTMLElement) {
        root.innerHTML = `
<div class="toolbar">
  <input class="search" type="search" placeholder="Find by path: rack[2].compute[5].gpu[1]" aria-label="Find by path">
  <label>phase <select class="phase"><option value="">(none)</option></select></label>
  <label>colour <select class="colour"><option value="kind">optics kind</option><option value="load">phase load</option><option value="watts">watts</option></select></label>
  <button class="fit" title="Fit the whole diagram">Fit</button>
  <button class="clear" title="Clear failures">Clear failures</button>
  <span class="status" aria-live="polite"></span>
</div>
<div class="main"><div class="stage"><canvas></canvas><div class="legend"></div><div class="tooltip" hidden></div></div><aside class="panel"></aside></div>`;
        this.canvas = root.querySelector('canvas')!;
        this.ctx = this.canvas.getContext('2d')!;
        this.panel = root.querySelector('.panel')!;
        this.tooltip = root.querySelector('.tooltip')!;
        this.status = root.querySelector('.status')!;
        this.legend = root.querySelector('.legend')!;
        this.phaseSelect = root.querySelector('select.phase')!;
        this.colourSelect = root.querySelector('select.colour')!;
        this.palette = themePalette(document.body);
        this.host = new HostChannel(m => this.onHostMessage(m));
        this.saved = this.host.api.getState() as { uri?: unknown; view?: unknown } | undefined;
        this.wireInput();
        new ResizeObserver(() => this.resize()).observe(this.canvas.parentElement!);
        // Theme changes: VS Code swaps the body class and the variables.
        new MutationObserver(() => { this.palette = themePalette(document.body); this.repaint(); }).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
        window.addEventListener('securitypolicyviolation', e => this.host.post({ type: 'log', level: 'error', message: `CSP violation: ${e.violatedDirective} ${e.blockedURI}` }));
        (window as unknown as { __fabricDiagram: unknown }).__fabricDiagram = this.testHook();
        this.host.post({ type: 'ready' });
    }

    // ---- messages ----------------------------------------------------------------------------

    private onHostMessage(m: HostToWebview): void {
        switch (m.type) {
            case 'init':
                this.uri = m.uri;
                this.settings = m.settings;
                // The webview's own saved state wins (hidden and shown again), else the host's serializer's (reload).
                if (this.view === DEFAULT_VIEW) {
                    const view = this.saved?.uri === m.uri ? this.saved.view : m.state?.uri === m.uri ? m.state.view : undefined;
                    this.view = readViewState(view);
                    this.camera = this.view.camera;
                }
                void this.pull();
                break;
            case 'documentChanged':
                if (m.uri === this.uri) void this.pull();
                break;
            case 'settings':
                this.settings = m.settings;
                void this.pull();
                break;
            case 'cursor':
                if (m.uri === this.uri) this.highlightAt(m.position);
                break;
            case 'showPhase':
                this.setView({ phase: m.phase });
                void this.pull();
                break;
            case 'command':
                this.onCommand(m.command, m.requestId);
                break;
            default:
                break;
        }
    }

    private onCommand(command: string, requestId: number | undefined): void {
        if (command === 'fit') this.fit();
        else if (command === 'clearFailures') this.clearFailures();
        else if (command === 'failSelection') { if (this.selected) this.toggleFailure(this.selected, true); }
        else if (command === 'exportSvg' || command === 'exportPng') {
            const data = command === 'exportSvg' ? this.svg() : this.canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
            this.host.post({ type: 'exported', requestId: requestId ?? 0, format: command === 'exportSvg' ? 'svg' : 'png', data });
        }
    }

    private viewParams(): Record<string, unknown> {
        return {
            uri: this.uri, collapseThreshold: this.settings.collapseThreshold, expanded: this.view.expanded, collapsed: this.view.collapsed,
            ...(this.view.phase !== undefined ? { phase: this.view.phase } : {}), ...(this.view.fabric ? { fabric: this.view.fabric } : {})
        };
    }

    /**
     * Notify, then pull: one request in flight; notices meanwhile cause one more pull as soon as it
     * is answered. A feed is shown without waiting for its layout, so the next feed can overtake a
     * layout still running: the newer scene ends it (see LayoutRunner) and the stale one never lands.
     */
    private pull(): Promise<void> {
        if (!this.uri) return Promise.resolve();
        if (this.pulling) { this.pullAgain = true; return this.pulling; }
        this.pulling = this.pullLoop().finally(() => { this.pulling = null; });
        return this.pulling;
    }

    private async pullLoop(): Promise<void> {
        do {
            this.pullAgain = false;
            try {
                const feed = await this.host.request<Feed | null>('fabric/diagram', this.viewParams());
                if (feed?.scene) void this.show(feed);
            } catch (error) {
                const code = (error as { code?: number }).code;
                if (code !== -32800) this.setStatus(`diagram: ${(error as Error).message}`);
            }
        } while (this.pullAgain);
    }

    /** Resolves when the newest feed asked for so far has been drawn (or replaced): for searches that open groups. */
    private shown: Promise<void> = Promise.resolve();
    private showSeq = 0;
    /** Versions of the feeds drawn, in order (the test hook reads it). */
    private readonly landed: Array<number | null> = [];

    private show(feed: Feed): Promise<void> {
        const seq = ++this.showSeq;
        this.shown = this.showNow(feed, seq);
        return this.shown;
    }

    private async showNow(feed: Feed, seq: number): Promise<void> {
        const scene = feed.scene!;
        const started = performance.now();
        // Layouts depend on the structure only (cached by it): an edit that keeps it keeps every position.
        let layout = this.layouts.get(scene.structureKey);
        if (layout) this.layouter.supersede(scene.structureKey);
        else {
            this.root.dataset.layout = 'running';
            const made = await this.layouter.layout(scene);
            if (!made || seq !== this.showSeq) return; // a newer scene took over
            layout = made;
            if (this.layouts.size > 16) this.layouts.clear();
            this.layouts.set(scene.structureKey, layout);
        }
        if (seq !== this.showSeq) return;
        this.root.dataset.layout = 'done';
        this.landed.push(feed.version ?? null);
        this.fabrics = feed.fabrics;
        this.scene = scene;
        this.layout = layout;
        if (this.overlay && this.overlayStructure !== scene.structureKey) this.overlay = null;
        this.updatePhases();
        this.rebuild();
        if (!this.camera) this.fit(); else this.repaint();
        this.root.dataset.ready = 'true';
        this.root.dataset.version = String(feed.version ?? '');
        this.root.dataset.showMs = (performance.now() - started).toFixed(1);
        const notes = layout.notes?.length ? ` · ${layout.notes.join('; ')}` : '';
        this.setStatus(`${scene.boxes.filter(b => !b.group).length} nodes · ${scene.boxes.filter(b => b.collapsed).length} collapsed groups · ${scene.bundles.length} bundles${scene.analysis === 'pending' ? ' · analysis running' : ''} · ${(performance.now() - started).toFixed(0)} ms${notes}`);
        if (this.view.failNames.length + this.view.failBundles.length > 0) void this.evaluateFailures();
    }

    private overlayStructure: string | null = null;

    private updatePhases(): void {
        const scene = this.scene!;
        const ids = scene.phases.map(p => p.id);
        const current = scene.phase && ids.includes(scene.phase) ? scene.phase : null;
        const options = ['', ...ids];
        if ([...this.phaseSelect.options].map(o => o.value).join('|') !== options.join('|')) {
            this.phaseSelect.replaceChildren(...options.map(id => new Option(id || '(none)', id)));
        }
        this.phaseSelect.value = current ?? '';
        this.colourSelect.value = this.view.colourBy;
        this.host.post({ type: 'phases', phases: ids, current });
    }

    // ---- drawing -----------------------------------------------------------------------------

    /** Colours and overlays changed: a new display list on the same layout (positions unchanged). */
    private rebuild(): void {
        if (!this.scene || !this.layout) return;
        const highlighted = [this.cursorBox, ...(this.selected && 'box' in this.selected ? [this.selected.box] : [])].filter(i => i >= 0);
        this.list = buildDisplayList(this.scene, this.layout, this.palette, {
            colourBy: this.view.colourBy, failure: this.overlay, highlighted,
            highlightedBundles: this.selected && 'bundle' in this.selected ? [this.selected.bundle] : []
        });
        this.renderPanel();
        this.renderLegend();
        const d = this.root.dataset;
        d.boxes = String(this.scene.boxes.length);
        d.bundles = String(this.scene.bundles.length);
        d.analysis = this.scene.analysis;
        d.phase = this.scene.phase ?? '';
        d.failures = String(this.view.failNames.length + this.view.failBundles.length);
        d.colourBy = this.view.colourBy;
        this.repaint();
    }

    private repaint(): void {
        if (this.frameRequested) return;
        this.frameRequested = true;
        requestAnimationFrame(() => { this.frameRequested = false; this.draw(); });
    }

    private draw(): void {
        if (!this.list || !this.camera) return;
        if (this.list.background !== this.palette.background) this.rebuildQuietly();
        const t0 = performance.now();
        const { width, height } = this.size();
        const ratio = window.devicePixelRatio || 1;
        const snap = this.snapshot;
        if (snap && snap.list === this.list && snap.width === this.canvas.width && snap.height === this.canvas.height && t0 - this.lastInteraction < SETTLE_MS) {
            // While panning and zooming: the last full picture moved by the camera change (one image draw),
            // then the full picture again once the camera rests.
            const k = this.camera.zoom / snap.camera.zoom;
            this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
            this.ctx.globalAlpha = 1;
            this.ctx.fillStyle = this.list.background;
            this.ctx.fillRect(0, 0, width, height);
            this.ctx.setTransform(k, 0, 0, k, (this.camera.tx - snap.camera.tx * k) * ratio, (this.camera.ty - snap.camera.ty * k) * ratio);
            // Unfiltered while it moves (cheaper; the picture at rest follows, sharp).
            this.ctx.imageSmoothingEnabled = false;
            this.ctx.drawImage(snap.canvas, 0, 0);
            this.ctx.imageSmoothingEnabled = true;
            clearTimeout(this.settleTimer);
            this.settleTimer = setTimeout(() => this.paintAtRest(), SETTLE_MS);
        } else {
            this.rest = null;
            this.painter.paint(this.ctx, this.list, this.camera, width, height, ratio);
            this.takeSnapshot();
        }
        this.frameTimes.push(performance.now() - t0);
        this.root.dataset.frames = String(this.frameTimes.length + this.framesDropped);
        if (this.frameTimes.length > 600) { this.framesDropped += this.frameTimes.length - 600; this.frameTimes.splice(0, this.frameTimes.length - 600); }
    }

    private snapshot: { canvas: HTMLCanvasElement; camera: Camera; list: DisplayList; width: number; height: number } | null = null;
    private lastInteraction = 0;
    private settleTimer: ReturnType<typeof setTimeout> | undefined;

    /** The full picture at rest, being drawn in slices on a canvas of its own (the moved one stays on screen meanwhile). */
    private rest: { slices: Generator<void, void, void>; canvas: HTMLCanvasElement; camera: Camera; list: DisplayList } | null = null;
    private spare: HTMLCanvasElement | null = null;

    /**
     * The camera came to rest: the full picture is drawn again, in slices of at most REST_SLICE_MS
     * per animation frame on a spare canvas, and shown when complete (the 576 pod fully expanded
     * takes several frames of it), so no frame waits for the whole picture. A newer camera or
     * drawing abandons it.
     */
    private paintAtRest(): void {
        if (!this.list || !this.camera) return;
        const canvas = this.spare ?? document.createElement('canvas');
        this.spare = null;
        if (canvas.width !== this.canvas.width || canvas.height !== this.canvas.height) { canvas.width = this.canvas.width; canvas.height = this.canvas.height; }
        const { width, height } = this.size();
        const slices = this.painter.slices(canvas.getContext('2d')!, this.list, this.camera, width, height, window.devicePixelRatio || 1);
        this.rest = { slices, canvas, camera: this.camera, list: this.list };
        this.root.dataset.rest = 'drawing';
        this.stepRest();
    }

    private stepRest(): void {
        const rest = this.rest;
        if (!rest) return;
        if (rest.camera !== this.camera || rest.list !== this.list || performance.now() - this.lastInteraction < SETTLE_MS) {
            this.rest = null;
            this.spare = rest.canvas;
            return;
        }
        const t0 = performance.now();
        let done = false;
        // A canvas records its drawing and rasters it later: a one-pixel read after each slice makes it
        // raster now, so the slices of one frame really take no more than REST_SLICE_MS between them.
        const ctx = rest.canvas.getContext('2d')!;
        while (!done && performance.now() - t0 < REST_SLICE_MS) { done = rest.slices.next().done === true; ctx.getImageData(0, 0, 1, 1); }
        if (done) {
            this.ctx.setTransform(1, 0, 0, 1, 0, 0);
            this.ctx.globalAlpha = 1;
            this.ctx.drawImage(rest.canvas, 0, 0);
            // The finished canvas is the new snapshot; the old one is the next spare.
            this.spare = this.snapshot?.canvas ?? null;
            this.snapshot = { canvas: rest.canvas, camera: rest.camera, list: rest.list, width: rest.canvas.width, height: rest.canvas.height };
            this.rest = null;
            this.root.dataset.rest = 'done';
        } else {
            requestAnimationFrame(() => this.stepRest());
        }
        this.frameTimes.push(performance.now() - t0);
        this.root.dataset.frames = String(this.frameTimes.length + this.framesDropped);
    }

    private takeSnapshot(): void {
        const snap = this.snapshot?.canvas ?? document.createElement('canvas');
        if (snap.width !== this.canvas.width || snap.height !== this.canvas.height) { snap.width = this.canvas.width; snap.height = this.canvas.height; }
        const c = snap.getContext('2d')!;
        c.setTransform(1, 0, 0, 1, 0, 0);
        c.drawImage(this.canvas, 0, 0);
        this.snapshot = { canvas: snap, camera: this.camera!, list: this.list!, width: this.canvas.width, height: this.canvas.height };
    }

    /** The camera is moving: frames show the moved picture until it rests. */
    private interact(): void {
        this.lastInteraction = performance.now();
    }

    private rebuildQuietly(): void {
        if (!this.scene || !this.layout) return;
        this.list = buildDisplayList(this.scene, this.layout, this.palette, { colourBy: this.view.colourBy, failure: this.overlay });
        this.renderLegend();
    }

    private size(): { width: number; height: number } {
        const r = this.canvas.getBoundingClientRect();
        return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
    }

    private resize(): void {
        const { width, height } = this.size();
        const ratio = window.devicePixelRatio || 1;
        this.canvas.width = Math.round(width * ratio);
        this.canvas.height = Math.round(height * ratio);
        this.repaint();
    }

    private fit(): void {
        if (!this.layout) return;
        const { width, height } = this.size();
        this.setCamera(fitCamera(this.layout, width, height));
    }

    private setCamera(camera: Camera): void {
        this.camera = camera;
        this.setView({ camera });
        this.repaint();
    }

    svg(): string {
        if (!this.list || !this.camera) return '';
        const { width, height } = this.size();
        return displayListToSvg(this.list, { width, height, camera: this.camera, title: this.scene?.fabric });
    }

    private renderPanel(): void {
        if (!this.scene) return;
        renderSidePanel(this.panel, this.scene, this.impact, name => this.failByName(name), src => this.revealSource(src));
    }

    private renderLegend(): void {
        if (!this.scene || !this.list) return;
        const p = this.palette;
        const entries: Array<[string, string]> = this.view.colourBy === 'kind'
            ? this.scene.kinds.map(k => [p.kinds[k], k])
            : this.view.colourBy === 'load'
                ? [[p.ramp[0], 'idle in the phase'], [p.ramp[1], 'busy half of it'], [p.ramp[2], 'busy all of it'], [p.muted, 'load not known']]
                : [[p.ramp[0], 'low'], [p.ramp[1], 'mid'], [p.ramp[2], 'most watts']];
        if (this.overlay) entries.push([p.failed, 'failed'], [p.cutOff, 'cut off'], [p.affected, 'in blast radius']);
        this.legend.replaceChildren(...entries.map(([colour, label]) => {
            const row = document.createElement('div');
            const swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = colour;
            row.append(swatch, label);
            return row;
        }));
    }

    private setStatus(text: string): void {
        this.status.textContent = text;
    }

    // ---- state -------------------------------------------------------------------------------

    private setView(change: Partial<ViewState>): void {
        this.view = { ...this.view, ...change };
        const state = { uri: this.uri ?? '', view: this.view };
        this.host.api.setState(state);
        this.host.post({ type: 'state', state });
    }

    // ---- interaction -------------------------------------------------------------------------

    private wireInput(): void {
        const c = this.canvas;
        let drag: { x: number; y: number; moved: boolean } | null = null;
        c.addEventListener('pointerdown', e => { drag = { x: e.clientX, y: e.clientY, moved: false }; c.setPointerCapture(e.pointerId); });
        c.addEventListener('pointermove', e => {
            if (drag && this.camera && (e.buttons & 1)) {
                const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
                if (Math.abs(dx) + Math.abs(dy) > 2 || drag.moved) {
                    drag.moved = true;
                    drag.x = e.clientX; drag.y = e.clientY;
                    this.camera = { ...this.camera, tx: this.camera.tx + dx, ty: this.camera.ty + dy };
                    this.interact();
                    this.repaint();
                }
                return;
            }
            this.hover(e);
        });
        c.addEventListener('pointerup', e => {
            const wasDrag = drag?.moved;
            drag = null;
            if (wasDrag && this.camera) { this.setCamera(this.camera); return; }
            const hit = this.hitAt(e);
            if (e.shiftKey) { if (hit) this.toggleFailure(hit, false); return; }
            this.select(hit);
        });
        c.addEventListener('dblclick', e => { const hit = this.hitAt(e); if (hit) this.toggleOpen(hit); });
        c.addEventListener('wheel', e => {
            e.preventDefault();
            if (!this.camera) return;
            const r = c.getBoundingClientRect();
            this.camera = zoomAt(this.camera, Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
            this.interact();
            this.repaint();
            this.scheduleCameraSave();
        }, { passive: false });
        c.addEventListener('pointerleave', () => { this.tooltip.hidden = true; });
        this.root.querySelector('.fit')!.addEventListener('click', () => this.fit());
        this.root.querySelector('.clear')!.addEventListener('click', () => this.clearFailures());
        this.phaseSelect.addEventListener('change', () => { this.setView({ phase: this.phaseSelect.value || null }); void this.pull(); });
        this.colourSelect.addEventListener('change', () => { this.setView({ colourBy: this.colourSelect.value as ViewState['colourBy'] }); this.rebuild(); });
        const search = this.root.querySelector<HTMLInputElement>('.search')!;
        search.addEventListener('keydown', e => { if (e.key === 'Enter') void this.find(search.value.trim()); });
    }

    private cameraTimer: ReturnType<typeof setTimeout> | undefined;
    private scheduleCameraSave(): void {
        clearTimeout(this.cameraTimer);
        this.cameraTimer = setTimeout(() => { if (this.camera) this.setView({ camera: this.camera }); }, 200);
    }

    private hitAt(e: MouseEvent): Hit {
        if (!this.scene || !this.layout || !this.camera) return null;
        const r = this.canvas.getBoundingClientRect();
        const [wx, wy] = toWorld(this.camera, e.clientX - r.left, e.clientY - r.top);
        return hitTest(this.scene, this.layout, wx, wy, 4 / this.camera.zoom);
    }

    private hover(e: MouseEvent): void {
        const hit = this.hitAt(e);
        if (!hit || !this.scene) { this.tooltip.hidden = true; return; }
        const lines = 'box' in hit ? boxTooltip(this.scene, hit.box) : bundleTooltip(this.scene, hit.bundle);
        this.tooltip.textContent = lines.join('\n');
        const r = this.canvas.getBoundingClientRect();
        this.tooltip.style.left = `${e.clientX - r.left + 14}px`;
        this.tooltip.style.top = `${e.clientY - r.top + 14}px`;
        this.tooltip.hidden = false;
    }

    private select(hit: Hit): void {
        this.selected = hit;
        this.rebuild();
        if (!hit || !this.scene) return;
        const src = 'box' in hit ? this.scene.boxes[hit.box].src[0] : this.scene.bundles[hit.bundle].src[0];
        if (src !== undefined) this.revealSource(src);
    }

    private revealSource(src: number): void {
        const ref = this.scene?.sources[src];
        if (ref) this.host.post({ type: 'reveal', uri: ref.uri, range: ref.range });
    }

    private toggleOpen(hit: Hit): void {
        if (!this.scene || !hit) return;
        const keys = 'box' in hit ? [hit.box] : [this.scene.bundles[hit.bundle].a, this.scene.bundles[hit.bundle].b];
        let expanded = [...this.view.expanded], collapsed = [...this.view.collapsed];
        for (const i of keys) {
            const b = this.scene.boxes[i];
            if (!b.group || b.parent < 0) continue;
            if (b.collapsed || 'bundle' in hit) { expanded = [...expanded.filter(k => k !== b.key), b.key]; collapsed = collapsed.filter(k => k !== b.key); }
            else { collapsed = [...collapsed.filter(k => k !== b.key), b.key]; expanded = expanded.filter(k => k !== b.key); }
        }
        this.setView({ expanded, collapsed });
        void this.pull();
    }

    private toggleFailure(hit: Hit, add: boolean): void {
        if (!this.scene || !hit) return;
        let names = [...this.view.failNames], bundles = [...this.view.failBundles];
        if ('box' in hit) {
            const key = this.scene.boxes[hit.box].key;
            if (!key) return;
            names = names.includes(key) ? (add ? names : names.filter(n => n !== key)) : [...names, key];
        } else {
            const key = bundleKey(this.scene, this.scene.bundles[hit.bundle]);
            bundles = bundles.includes(key) ? (add ? bundles : bundles.filter(n => n !== key)) : [...bundles, key];
        }
        this.setView({ failNames: names, failBundles: bundles });
        void this.evaluateFailures();
    }

    private failByName(name: string): void {
        if (this.view.failNames.includes(name)) return;
        this.setView({ failNames: [...this.view.failNames, name] });
        void this.evaluateFailures();
    }

    private clearFailures(): void {
        this.setView({ failNames: [], failBundles: [] });
        this.overlay = null;
        this.impact = null;
        this.rebuild();
    }

    private async evaluateFailures(): Promise<void> {
        if (!this.scene) return;
        if (this.view.failNames.length + this.view.failBundles.length === 0) { this.clearFailures(); return; }
        const seq = ++this.failureSeq;
        const structure = this.scene.structureKey;
        try {
            const answer = await this.host.request<FailureAnswer | null>('fabric/failure', {
                ...this.viewParams(), names: this.view.failNames, bundles: this.view.failBundles, slowdownThreshold: this.settings.slowdownThreshold
            });
            if (seq !== this.failureSeq || !answer) return;
            const r = answer.result;
            this.overlay = answer.overlay;
            this.overlayStructure = structure;
            this.impact = {
                name: r.name, cutOff: r.cutOffAccelerators.length, bandwidthLostBytesPerSecond: r.bandwidthLostBytesPerSecond, bandwidthLostFraction: r.bandwidthLostFraction,
                blastRadius: r.blastRadius, partitions: r.partitions, unknown: answer.unknown, milliseconds: answer.milliseconds,
                phases: r.phases.map(p => ({ id: `${p.workload}.${p.phase}`, slowdown: p.slowdown, failed: p.failed, timeSeconds: p.timeSeconds }))
            };
            this.rebuild();
        } catch (error) {
            if ((error as { code?: number }).code !== -32800) this.setStatus(`failure: ${(error as Error).message}`);
        }
    }

    /** Search by path: the element itself, or the collapsed group holding it (opened on the way). */
    private async find(path: string): Promise<void> {
        if (!this.scene || !path) return;
        const index = () => this.scene!.boxes.findIndex(b => b.key === path);
        let i = index();
        if (i < 0) {
            // Open every collapsed group on the way down to it.
            const ancestors = this.scene.boxes.filter(b => b.collapsed && (path.startsWith(b.key + '.') || path.startsWith(b.key + '['))).map(b => b.key);
            if (ancestors.length === 0) { this.setStatus(`no element ${path}`); return; }
            const parts = path.split('.');
            const chain = parts.map((_, k) => parts.slice(0, k + 1).join('.')).filter(p => p.length >= ancestors[0].length && p !== path);
            this.setView({ expanded: [...new Set([...this.view.expanded, ...chain])], collapsed: this.view.collapsed.filter(k => !chain.includes(k)) });
            await this.pull();
            await this.shown;
            i = index();
            if (i < 0) { this.setStatus(`no element ${path}`); return; }
        }
        this.selected = { box: i };
        const { width, height } = this.size();
        const l = this.layout!;
        this.setCamera(centreOn(this.camera!, l.x[i] + l.w[i] / 2, l.y[i] + l.h[i] / 2, width, height, Math.max(this.camera!.zoom, 1.5)));
        this.rebuild();
        this.setStatus(`found ${path}`);
    }

    /** The element declared at the editor's cursor: the smallest source range holding it. */
    private highlightAt(position: Position): void {
        if (!this.scene) return;
        const inside = (i: number) => {
            const r = this.scene!.sources[i]?.range;
            if (!r) return Infinity;
            const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
            return before(r.start, position) && before(position, r.end) ? (r.end.line - r.start.line) * 10_000 + r.end.character - r.start.character : Infinity;
        };
        let best = -1, bestSize = Infinity;
        this.scene.boxes.forEach((b, i) => {
            for (const s of b.src) { const size = inside(s); if (size < bestSize) { bestSize = size; best = i; } }
        });
        this.cursorBox = best;
        this.root.dataset.cursor = best >= 0 ? this.scene.boxes[best].key : '';
        this.rebuild();
    }

    // ---- test hook ---------------------------------------------------------------------------

    private testHook() {
        return {
            counts: () => {
                const s = this.scene;
                if (!s) return null;
                return {
                    boxes: s.boxes.length, nodes: s.boxes.filter(b => !b.group).length, collapsed: s.boxes.filter(b => b.collapsed).length,
                    openGroups: s.boxes.filter(b => b.group && !b.collapsed).length, bundles: s.bundles.length,
                    links: s.bundles.reduce((n, b) => n + b.links, 0), circuits: s.bundles.reduce((n, b) => n + (b.circuits ?? 0), 0),
                    topLevel: s.boxes.filter(b => b.parent === 0).length, analysis: s.analysis, fabrics: this.fabrics
                };
            },
            viewport: () => this.camera,
            /** Screen point (CSS px, relative to the canvas) of a box by path, or of a bundle by index. */
            boxPoint: (path: string) => {
                const i = this.scene?.boxes.findIndex(b => b.key === path) ?? -1;
                if (i < 0 || !this.layout || !this.camera) return null;
                const l = this.layout, c = this.camera;
                return { x: (l.x[i] + l.w[i] / 2) * c.zoom + c.tx, y: (l.y[i] + l.h[i] / 2) * c.zoom + c.ty, w: l.w[i] * c.zoom, h: l.h[i] * c.zoom };
            },
            bundleColours: () => this.list?.lines.map(b => ({ stroke: b.stroke, count: b.bundles.length })) ?? [],
            boxFills: () => this.list?.boxes.map(b => b.fill) ?? [],
            marks: () => this.list?.marks.length ?? 0,
            /** The labels drawn at the current zoom (levels of detail), by text. */
            visibleLabels: () => (this.list && this.camera ? this.list.labels.filter(l => labelAt(l, this.camera!.zoom)).map(l => l.text) : []),
            svg: () => this.svg(),
            frameTimes: () => [...this.frameTimes],
            /** Layouts started, ended by a newer scene, delivered; the structure running now. */
            layoutStats: () => this.layouter.counts(),
            /** Versions of the feeds drawn, in order. */
            landed: () => [...this.landed],
            /** The layout's engine-placed groups and notes. */
            layoutInfo: () => (this.layout ? { engine: this.layout.engine ?? [], notes: this.layout.notes ?? [], routes: this.layout.routes?.size ?? 0 } : null),
            /** Move the camera as a pan or zoom gesture does, and draw the frame. */
            setCamera: (c: Camera) => { this.camera = c; this.interact(); this.draw(); },
            drawNow: () => this.draw(),
            /** Finish the canvas's pending raster work (a one-pixel read waits for it): for timing a frame's whole draw. */
            rasterNow: () => { this.ctx.getImageData(0, 0, 1, 1); },
            /** The full picture drawn at the current camera, raster included, in ms (what a frame at rest costs). */
            timeFullPaint: () => {
                const t0 = performance.now();
                const { width, height } = this.size();
                if (this.list && this.camera) this.painter.paint(this.ctx, this.list, this.camera, width, height, window.devicePixelRatio || 1);
                this.ctx.getImageData(0, 0, 1, 1);
                return performance.now() - t0;
            },
            overlay: () => this.overlay,
            selectedKey: () => (this.selected && this.scene ? ('box' in this.selected ? this.scene.boxes[this.selected.box].key : bundleKey(this.scene, this.scene.bundles[this.selected.bundle])) : null)
        };
    }
}
