/**
 * The browser harness: the real webview bundle in the real page template (same CSP), served on
 * 127.0.0.1, in Debian's Chromium driven by playwright-core, with a fake host that answers the
 * webview's requests from recorded feeds (a function of the request's params) and records every
 * message. The server stops with `close()` and by itself after a while; Chromium is ended by PID
 * through playwright. For the browser tests and the diagram bench.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { diagramPageHtml, makeNonce } from '../html.js';
import type { DiagramSettings } from '../protocol.js';

const DIST = fileURLToPath(new URL('../', import.meta.url));

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

/** Answers a server method the webview asks for (the harness's recorded feed). */
export type FakeServer = (method: string, params: Record<string, unknown>) => Promise<unknown> | unknown;

export interface Harness {
    readonly page: Page;
    /** Every message the webview posted, in order. */
    readonly sent: Array<Record<string, unknown>>;
    /** Console errors and CSP violations seen on the page. */
    readonly problems: string[];
    /** Post a host → webview message. */
    post(message: Record<string, unknown>): Promise<void>;
    /** Load the page for a document (a fresh page state unless `state` is given). */
    open(uri: string, settings?: DiagramSettings, state?: unknown): Promise<void>;
    /** Resolves when the webview posts a message matching the predicate (after `from`). */
    waitForSent(predicate: (m: Record<string, unknown>) => boolean, from?: number, timeoutMs?: number): Promise<Record<string, unknown>>;
    close(): Promise<void>;
}

export async function startHarness(server: FakeServer, viewport = { width: 1280, height: 800 }): Promise<Harness> {
    const nonce = makeNonce();
    let origin = '';
    const files: Record<string, [string, string]> = {
        '/webview.js': ['text/javascript', readFileSync(join(DIST, 'webview.js'), 'utf8')],
        '/webview.css': ['text/css', readFileSync(join(DIST, 'webview.css'), 'utf8')]
    };
    const http: Server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/' || path === '/index.html') {
            res.writeHead(200, { 'content-type': 'text/html' });
            res.end(diagramPageHtml({ cspSource: origin, nonce, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css`, title: 'Fabric diagram' }));
            return;
        }
        if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
        const file = files[path];
        if (!file) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { 'content-type': file[0] });
        res.end(file[1]);
    });
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // The server never outlives a forgotten harness by long.
    const stopTimer = setTimeout(() => http.close(), 10 * 60_000);
    stopTimer.unref();
    http.unref();

    const userDataDir = mkdtempSync(join(tmpdir(), 'fabric-harness-'));
    const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
        executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport, deviceScaleFactor: 1
    });
    const page = context.pages()[0] ?? await context.newPage();
    const sent: Array<Record<string, unknown>> = [];
    const problems: string[] = [];
    const waiters: Array<{ from: number; predicate: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }> = [];
    let current = { uri: '', settings: { collapseThreshold: 64, slowdownThreshold: 1.1 } as DiagramSettings, state: undefined as unknown };

    // As JSON text: playwright's own serialization of a large object argument takes seconds (measured: 0.6–1.8 s for 126 KB).
    const post = async (message: Record<string, unknown>) => { await page.evaluate(text => window.postMessage(JSON.parse(text), '*'), JSON.stringify(message)); };
    await page.exposeBinding('__fabricHost', async (_source, message: Record<string, unknown>) => {
        sent.push(message);
        for (const w of [...waiters]) {
            if (sent.length - 1 >= w.from && w.predicate(message)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(message); }
        }
        if (message.type === 'ready') await post({ type: 'init', uri: current.uri, settings: current.settings, ...(current.state ? { state: current.state } : {}) });
        if (message.type === 'log' && message.level !== 'info') problems.push(String(message.message));
        if (message.type === 'request') {
            try {
                const result = await server(String(message.method), message.params as Record<string, unknown>);
                await post({ type: 'response', id: message.id, result });
            } catch (error) {
                const e = error as { code?: number; message?: string };
                await post({ type: 'response', id: message.id, error: { code: e.code ?? -32603, message: e.message ?? String(error) } });
            }
        }
    });
    await page.addInitScript(() => {
        const w = window as unknown as { __fabricHost(m: unknown): void; __state?: unknown; acquireVsCodeApi(): unknown };
        if (location.hash === '#fresh') sessionStorage.removeItem('fabric-state');
        w.acquireVsCodeApi = () => ({
            postMessage: (m: unknown) => w.__fabricHost(m),
            getState: () => JSON.parse(sessionStorage.getItem('fabric-state') ?? 'null') ?? undefined,
            setState: (s: unknown) => sessionStorage.setItem('fabric-state', JSON.stringify(s))
        });
    });
    page.on('console', m => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', e => problems.push(e.message));

    let loads = 0;
    const waitForSent = (predicate: (m: Record<string, unknown>) => boolean, from = 0, timeoutMs = 30_000): Promise<Record<string, unknown>> => {
        const seen = sent.slice(from).find(predicate);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('the webview did not post the expected message')), timeoutMs);
            waiters.push({ from, predicate, resolve: m => { clearTimeout(timer); resolve(m); } });
        });
    };

    return {
        page, sent, problems, post, waitForSent,
        async open(uri, settings, state) {
            current = { uri, settings: settings ?? current.settings, state };
            const from = sent.length;
            const ready = waitForSent(m => m.type === 'phases', from, 60_000);
            await page.goto(`${origin}/index.html?load=${++loads}${state ? '' : '#fresh'}`);
            await ready;
            await page.waitForFunction(() => document.getElementById('fabric-diagram')?.dataset.ready === 'true');
        },
        async close() {
            await context.close();
            clearTimeout(stopTimer);
            await new Promise<void>(resolve => http.close(() => resolve()));
            rmSync(userDataDir, { recursive: true, force: true });
        }
    };
}
