import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BenchCase } from '@fabric/simulator';
import { launchChromium } from './browser.js';
import { runCommand } from './command-palette.js';
import { CodeServer, REPO_ROOT } from './code-server.js';
import { copyExamples } from './test-workspace.js';

/**
 * `npm run bench` rows in code-server (the extension installed from the .vsix, Chromium driving
 * it): activation as VS Code reports it, opening the 576-accelerator pod to its first squiggle,
 * and a keystroke to the updated squiggles. Each run measures inside the page and returns `{ ms }`.
 * The 576 pod copy has one cable beyond its reach (3 m of NVLinkCopper, which reaches 2 m), so
 * its diagnostics are visible as a squiggle.
 */
const POD = 'pod576-bench.fabric';
const ERROR_SQUIGGLE = '.editor-group-container.active .monaco-editor .squiggly-error';

class BenchSession {
    private runsLeft: number;

    private constructor(readonly server: CodeServer, readonly browser: Browser, readonly workspace: string, readonly page: Page, runs: number) {
        this.runsLeft = runs;
    }

    static async start(runs: number): Promise<BenchSession> {
        const workspace = copyExamples(REPO_ROOT);
        writeFileSync(join(workspace, POD), readFileSync(join(workspace, 'pod576-cpo.fabric'), 'utf8').replace('via NVLinkCopper length 1.2 m', 'via NVLinkCopper length 3 m'));
        const server = await CodeServer.start();
        const browser = await launchChromium();
        const page = await BenchSession.window(server, browser, workspace);
        const session = new BenchSession(server, browser, workspace, page, runs);
        process.once('exit', () => session.server.stopNow()); // if a run fails half-way
        return session;
    }

    /** A new workbench window (with its own extension host) on the NVL72 example, once the extension shows its status bar. */
    static async window(server: CodeServer, browser: Browser, workspace: string): Promise<Page> {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.goto(server.url(workspace, join(workspace, 'nvl72-copper.fabric')));
        await page.locator('[id="fabric-tools.fabric.fabric.summary"]').waitFor({ timeout: 120_000 });
        return page;
    }

    command(title: string): Promise<void> {
        return runCommand(this.page, title);
    }

    /**
     * Runs one measurement; after the last, closes Chromium and ends code-server so that the case's
     * process can exit (the bench runner waits for it).
     */
    async measure(run: () => Promise<{ ms: number; note?: string }>): Promise<{ ms: number; note?: string }> {
        try {
            return await run();
        } finally {
            if (--this.runsLeft === 0) {
                await this.browser.close();
                await this.server.stop();
                rmSync(dirname(this.workspace), { recursive: true, force: true });
            }
        }
    }

    /** Opens a workspace file with Quick Open; resolves when Enter is pressed. */
    async quickOpen(file: string): Promise<number> {
        await this.page.keyboard.press('Control+p');
        await this.page.locator('.quick-input-widget input').fill(file);
        await this.page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: file }).first().waitFor({ timeout: 10_000 });
        const t0 = await this.page.evaluate(() => performance.now());
        await this.page.keyboard.press('Enter');
        return t0;
    }

    /** Page time of the first frame at which the active editor shows some (or no) error squiggles. */
    async squiggles(shown: 'some' | 'none'): Promise<number> {
        const handle = await this.page.waitForFunction(([selector, want]) => {
            const n = document.querySelectorAll(selector).length;
            return (want === 'some' ? n > 0 : n === 0) ? performance.now() : false;
        }, [ERROR_SQUIGGLE, shown] as const, { polling: 'raf', timeout: 60_000 });
        return handle.jsonValue() as Promise<number>;
    }
}

/**
 * The parts of the activation time VS Code shows (load code + call activate), from its
 * Developer: Startup Performance report (a Markdown table row per activated extension).
 */
async function activationParts(page: Page): Promise<{ codeLoadingMs: number; activateCallMs: number; activateResolvedMs: number }> {
    await runCommand(page, 'Developer: Startup Performance');
    const editor = page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
    await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+f');
    await page.keyboard.insertText('| fabric-tools.fabric');
    await page.keyboard.press('Escape');
    const row = editor.locator('.view-line', { hasText: 'fabric-tools.fabric' }).first();
    await row.waitFor({ timeout: 10_000 });
    const cells = (await row.innerText()).replace(/\u00a0/g, ' ').split('|').map(c => c.trim()).filter(c => c.length > 0);
    // | extension | eager | load code | call activate | finish activate | event | by |
    const [codeLoadingMs, activateCallMs, activateResolvedMs] = cells.slice(2, 5).map(Number);
    if (![codeLoadingMs, activateCallMs, activateResolvedMs].every(Number.isFinite)) throw new Error(`no activation times in "${cells.join(' | ')}"`);
    return { codeLoadingMs, activateCallMs, activateResolvedMs };
}

export const benchCases: BenchCase[] = [
    {
        name: 'code-server: extension activation, as VS Code reports it (Running Extensions)',
        runs: 3,
        target: 500, // issue 7's targets: activation, first diagnostics, keystroke → squiggles
        prepare: () => BenchSession.start(3),
        run: prepared => (prepared as BenchSession).measure(async () => {
            const session = prepared as BenchSession;
            const page = await BenchSession.window(session.server, session.browser, session.workspace);
            try {
                await runCommand(page, 'Developer: Show Running Extensions');
                const label = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Fabric' }).locator('.activation-time').first();
                await label.waitFor({ timeout: 30_000 });
                const text = await label.innerText();
                const ms = Number(/Activation:\s*([\d.]+)\s*ms/.exec(text)?.[1]);
                if (!Number.isFinite(ms)) throw new Error(`no activation time in "${text}"`);
                const parts = await activationParts(page);
                return { ms, note: `load code ${parts.codeLoadingMs} ms + call activate ${parts.activateCallMs} ms (activate resolved ${parts.activateResolvedMs} ms)` };
            } finally {
                await page.close();
            }
        })
    },
    {
        name: 'code-server: open the 576-accelerator example → first diagnostics (squiggle)',
        runs: 5,
        target: 2000,
        prepare: () => BenchSession.start(5),
        run: prepared => (prepared as BenchSession).measure(async () => {
            const session = prepared as BenchSession;
            await session.command('View: Close All Editors');
            await session.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
            const t0 = await session.quickOpen(POD);
            const t1 = await session.squiggles('some');
            return { ms: t1 - t0 };
        })
    },
    {
        name: 'code-server: keystroke → updated squiggles, 576-accelerator example',
        runs: 7,
        target: 300,
        async prepare() {
            const session = await BenchSession.start(7);
            await session.quickOpen(POD);
            await session.squiggles('some');
            return { session, broken: true };
        },
        run: prepared => (prepared as { session: BenchSession }).session.measure(async () => {
            const state = prepared as { session: BenchSession; broken: boolean };
            const { page } = state.session;
            // Select the length's number with the find widget, then type one digit over it.
            await page.keyboard.press('Control+Home');
            await page.keyboard.press('Control+f');
            await page.keyboard.press('Control+a');
            await page.keyboard.insertText(`NVLinkCopper length ${state.broken ? 3 : 1}`);
            await page.keyboard.press('Escape');
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('Shift+ArrowLeft');
            const t0 = await page.evaluate(() => performance.now());
            await page.keyboard.type(state.broken ? '1' : '3');
            const t1 = await state.session.squiggles(state.broken ? 'none' : 'some');
            state.broken = !state.broken;
            return { ms: t1 - t0 };
        })
    }
];
