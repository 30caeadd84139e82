import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { waitFor, type EditorDriver } from './editor-driver.js';

/**
 * The scenarios' driver for code-server in Chromium: it reads the screen (Monaco's DOM: squiggles,
 * hovers, the suggest and quick-fix widgets, the Problems panel, the status bar) and types and
 * clicks as a person would. The webview's readiness is read from the Fabric output channel's log,
 * CSP violations from the browser console.
 */
export class CodeServerDriver implements EditorDriver {
    private readonly console: string[] = [];
    private problemViews = 0;

    constructor(private readonly page: Page, private readonly userDataDir: string, private readonly screenshots: string) {
        mkdirSync(screenshots, { recursive: true });
        page.on('console', message => this.console.push(message.text()));
    }

    private editor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
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
        await this.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
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
        await this.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
        return rows;
    }

    /** Selects the first occurrence of `text` with the find widget. */
    private async select(text: string): Promise<void> {
        await this.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
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
        await this.key('Control+.');
        const row = this.page.locator('.action-widget .monaco-list-row.action.focused, .action-widget .monaco-list-row.action[aria-selected="true"]').first();
        await row.waitFor({ timeout: 20_000 });
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
    private async command(title: string): Promise<void> {
        await this.key('F1');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`);
        const row = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
        await row.waitFor({ timeout: 10_000 });
        await row.click();
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

    async screenshot(name: string): Promise<void> {
        await this.page.screenshot({ path: join(this.screenshots, `${name}.png`) });
    }
}
