import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { pressUntilVisible, runCommand } from './command-palette.js';
import { waitFor, type DiagramView, type EditorDriver } from './editor-driver.js';

/**
 * The scenarios' driver for code-server in Chromium: it reads the screen (Monaco's DOM: squiggles,
 * hovers, the suggest and quick-fix widgets, the Problems panel, the status bar) and types and
 * clicks as a person would. The webview's readiness is read from the Fabric output channel's log,
 * CSP violations from the browser console.
 */
export class CodeServerDriver implements EditorDriver {
    readonly seesWebview = true;
    private readonly console: string[] = [];
    private problemViews = 0;

    constructor(private readonly page: Page, private readonly userDataDir: string, private readonly screenshots: string) {
        mkdirSync(screenshots, { recursive: true });
        page.on('console', message => this.console.push(message.text()));
    }

    private editor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
    }

    /**
     * Clicks near the top-left corner of the text area (not of the lines' layer, which moves up when
     * the editor is scrolled; below the shadow drawn at the top of a scrolled editor) to put the
     * keyboard in the editor.
     */
    private async focusEditor(): Promise<void> {
        await this.editor().locator('.editor-scrollable').first().click({ position: { x: 8, y: 24 } });
    }

    private async key(keys: string): Promise<void> {
        await this.page.keyboard.press(keys);
    }

    async open(file: string): Promise<void> {
        await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
        const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${file}"]`).first();
        await row.waitFor({ timeout: 90_000 });
        if (!(await this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${file}"]`).count())) await row.click();
        await this.page.locator(`.monaco-editor[data-uri$="/${file}"] .view-lines`).first().waitFor({ timeout: 60_000 });
        await this.focusEditor();
    }

    async languageMode(): Promise<string> {
        return (await this.page.locator('[id="status.editor.mode"]').innerText()).trim();
    }

    async syntaxColoured(): Promise<boolean> {
        const classes = await this.editor().locator('.view-lines .view-line span > span').evaluateAll(spans => [...new Set(spans.map(s => s.className))]);
        return classes.filter(c => /mtk\d+/.test(c)).length >= 4;
    }

    async errorSquiggles(): Promise<string[]> {
        return this.editor().evaluate(editor => {
            const tokens = [...editor.querySelectorAll('.view-lines .view-line span > span')].map(s => ({ text: s.textContent ?? '', rect: s.getBoundingClientRect() }));
            return [...editor.querySelectorAll('.view-overlays .squiggly-error')].map(squiggle => {
                const r = squiggle.getBoundingClientRect();
                const middle = r.top + r.height / 2;
                return tokens
                    .filter(t => t.rect.top <= middle && t.rect.bottom >= middle && Math.min(t.rect.right, r.right) - Math.max(t.rect.left, r.left) >= t.rect.width / 2)
                    .sort((a, b) => a.rect.left - b.rect.left)
                    .map(t => t.text).join('').replace(/\u00a0/g, ' ').trim();
            });
        });
    }

    async problems(): Promise<string[]> {
        await this.command('Problems: Focus on Problems View');
        const panel = this.page.locator('.markers-panel');
        await panel.waitFor({ timeout: 10_000 });
        await this.page.waitForTimeout(500);
        // A tree: the file (level 1), its markers (level 2), their related information (level 3).
        const rows = await panel.locator('.monaco-list-row[aria-level="2"]').evaluateAll(rs => rs
            .map(r => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
        await this.screenshot(`problems-${++this.problemViews}`);
        await this.command('View: Toggle Panel Visibility');
        await this.focusEditor();
        return rows;
    }

    /** Selects the first occurrence of `text` with the find widget. */
    private async select(text: string): Promise<void> {
        await this.focusEditor();
        await this.key('Control+Home');
        await this.key('Control+f');
        const input = this.page.locator('.editor-group-container.active .find-widget textarea').first();
        await input.waitFor({ timeout: 10_000 });
        await this.key('Control+a');
        await this.page.keyboard.insertText(text);
        await waitFor(`"${text}" to be found`, async () => (await this.page.locator('.editor-group-container.active .find-widget .matchesCount').innerText()).trim(), count => /^1 of/.test(count), 10_000);
        await this.key('Escape');
    }

    async replace(find: string, replacement: string): Promise<void> {
        await this.select(find);
        await this.page.keyboard.insertText(replacement);
    }

    async applyQuickFix(text: string): Promise<string> {
        await this.select(text);
        await this.key('ArrowLeft');
        const row = this.page.locator('.action-widget .monaco-list-row.action.focused, .action-widget .monaco-list-row.action[aria-selected="true"]').first();
        // On a loaded machine a Ctrl+. pressed while the code actions are still being computed can
        // come to nothing: press it again, as a person would.
        await pressUntilVisible(this.page, 'Control+.', row, 'the quick-fix menu');
        const title = (await row.innerText()).trim();
        await this.screenshot('06b-quick-fix-menu');
        await this.key('Enter');
        return title;
    }

    async hover(line: string, token: string): Promise<string> {
        const target = this.editor().locator('.view-lines .view-line', { hasText: line }).first().locator('span > span', { hasText: new RegExp(`^${token}$`) }).first();
        const box = await target.boundingBox();
        if (!box) throw new Error(`"${token}" is not on the screen`);
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
        await hover.waitFor({ timeout: 15_000 });
        await this.page.waitForTimeout(300);
        const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
        return text;
    }

    async completionsAfter(prefix: string): Promise<string[]> {
        await this.select(prefix);
        await this.key('ArrowRight');
        await this.key('Control+Space');
        const widget = this.page.locator('.editor-group-container.active .suggest-widget.visible');
        await widget.locator('.monaco-list-row').first().waitFor({ timeout: 20_000 });
        await this.page.waitForTimeout(500); // let the server's items arrive
        await this.screenshot('04-completion');
        const size = Number(await widget.locator('.monaco-list-row').first().getAttribute('aria-setsize'));
        const labels = new Set<string>();
        for (let i = 0; i < size; i++) {
            const focused = widget.locator('.monaco-list-row.focused .label-name').first();
            labels.add((await focused.innerText()).trim());
            if (i < size - 1) await this.key('ArrowDown');
        }
        await this.key('Escape');
        return [...labels];
    }

    async formatDocument(): Promise<void> {
        await this.command('Format Document');
        await this.page.waitForTimeout(2000); // the server answers in milliseconds; edits, if any, land at once
    }

    async documentState(): Promise<{ text: string; dirty: boolean }> {
        const text = await this.editor().evaluate(editor => [...editor.querySelectorAll('.view-lines .view-line')]
            .map(l => ({ top: parseFloat((l as HTMLElement).style.top), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
            .sort((a, b) => a.top - b.top).map(l => l.text).join('\n'));
        const dirty = (await this.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
        return { text, dirty };
    }

    async fabricStatusBar(): Promise<string | undefined> {
        const item = this.page.locator('[id="fabric-tools.fabric.fabric.summary"]');
        if (!(await item.count()) || !(await item.isVisible())) return undefined;
        return (await item.innerText()).trim();
    }

    /** Runs a command from the palette by its title. */
    private command(title: string): Promise<void> {
        return runCommand(this.page, title);
    }

    async runFabricCommand(title: string): Promise<void> {
        await this.command(`Fabric: ${title}`);
    }

    async diagramPanel(): Promise<{ beside: boolean; ready: boolean; cspViolations: string[] }> {
        const groups = this.page.locator('.editor-group-container');
        const tabGroup = await groups.evaluateAll(gs => gs.findIndex(g => [...g.querySelectorAll('.tab')].some(t => (t.getAttribute('aria-label') ?? '').startsWith('Diagram: '))));
        const editorGroup = await groups.evaluateAll(gs => gs.findIndex(g => g.querySelector('.monaco-editor[data-uri$=".fabric"]')));
        const log = this.fabricLog();
        const cspViolations = [...this.console.filter(m => /Content[- ]Security[- ]Policy/i.test(m)), ...log.split('\n').filter(l => /\[error\].*Content[- ]Security[- ]Policy/i.test(l))];
        return { beside: tabGroup >= 0 && editorGroup >= 0 && tabGroup !== editorGroup, ready: /diagram of [^\n]* is ready/.test(log), cspViolations };
    }

    /** The Fabric output channel, from its log file in the user-data folder. */
    private fabricLog(): string {
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of readdirSync(dir)) {
                const path = join(dir, entry);
                if (statSync(path).isDirectory()) walk(path);
                else if (entry === 'Fabric.log' || /\d+-Fabric\.log$/.test(entry)) files.push(path);
            }
        };
        walk(join(this.userDataDir, 'logs'));
        return files.map(f => readFileSync(f, 'utf8')).join('\n');
    }

    async cursor(): Promise<{ file: string; line: number; column: number }> {
        const file = (await this.page.locator('.editor-group-container.active .tab.active').getAttribute('data-resource-name')) ?? '';
        const text = (await this.page.locator('[id="status.editor.selection"]').innerText()).trim();
        const at = /Ln (\d+), Col (\d+)/.exec(text);
        if (!at) throw new Error(`no cursor position in the status bar ("${text}")`);
        return { file, line: Number(at[1]), column: Number(at[2]) };
    }

    /**
     * The page of the diagram webview of `file` (VS Code nests it: iframe.webview, then
     * #active-frame), found by its title among the visible webviews.
     */
    private async diagramFrame(file: string): Promise<Frame> {
        for (const frame of this.page.frames()) {
            if (frame.isDetached()) continue;
            const title = await frame.evaluate(() => (document.getElementById('fabric-diagram') ? document.title : null)).catch(() => null);
            if (title !== `Diagram: ${file}`) continue;
            const canvas = await frame.locator('canvas').boundingBox().catch(() => null);
            if (canvas && canvas.width > 0) return frame;
        }
        throw new Error(`no visible diagram of ${file}`);
    }

    async diagramView(file: string): Promise<DiagramView> {
        const frame = await this.diagramFrame(file);
        return frame.evaluate(() => {
            const root = document.getElementById('fabric-diagram')!;
            const hook = (window as unknown as { __fabricDiagram: { counts(): { topLevel: number } | null; viewport(): DiagramView['camera']; boxFills(): string[] } }).__fabricDiagram;
            const tables: Record<string, string[][]> = {};
            for (const table of root.querySelectorAll('.panel table')) {
                tables[table.className] = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(td => (td.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
            }
            return {
                ready: root.dataset.ready === 'true', version: root.dataset.version ?? '', topLevel: hook.counts()?.topLevel ?? 0,
                camera: hook.viewport(), failures: Number(root.dataset.failures ?? 0), tables, boxFills: hook.boxFills()
            };
        });
    }

    async clickInDiagram(file: string, path: string): Promise<void> {
        const frame = await this.diagramFrame(file);
        const at = await frame.evaluate(p => (window as unknown as { __fabricDiagram: { boxPoint(p: string): { x: number; y: number } | null } }).__fabricDiagram.boxPoint(p), path);
        const canvas = await frame.locator('canvas').boundingBox();
        if (!at || !canvas) throw new Error(`${path} is not drawn in the diagram of ${file}`);
        if (at.x < 0 || at.y < 0 || at.x > canvas.width || at.y > canvas.height) throw new Error(`${path} is outside the diagram's viewport`);
        await this.page.mouse.click(canvas.x + at.x, canvas.y + at.y);
    }

    async moveDiagramCamera(file: string, how: { wheel: number } | 'fit'): Promise<void> {
        const frame = await this.diagramFrame(file);
        if (how === 'fit') {
            await frame.locator('button.fit').click();
        } else {
            const canvas = await frame.locator('canvas').boundingBox();
            if (!canvas) throw new Error(`the diagram of ${file} has no canvas`);
            await this.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
            await this.page.mouse.wheel(0, how.wheel);
        }
        await this.page.waitForTimeout(500); // the webview keeps the camera 200 ms after the wheel rests
    }

    async screenshot(name: string): Promise<void> {
        await this.page.screenshot({ path: join(this.screenshots, `${name}.png`) });
    }
}
