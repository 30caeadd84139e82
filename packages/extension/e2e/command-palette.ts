import type { Locator, Page } from 'playwright-core';

/**
 * The workbench's keyboard paths into its pickers, shared by the scenarios' driver and the bench:
 * pressing a key until what it opens shows (on a loaded machine a key pressed while the workbench is
 * busy can come to nothing, and the keyboard may be inside a webview's frame), and running a
 * command from the palette by its exact title.
 */
export async function pressUntilVisible(page: Page, keys: string, target: Locator, what: string, between?: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
        await page.keyboard.press(keys);
        try {
            await target.waitFor({ state: 'visible', timeout: 8_000 });
            return;
        } catch (error) {
            if (attempt === 3) throw new Error(`${what} did not open after pressing ${keys} three times: ${String(error)}`);
            await between?.();
        }
    }
}

/** Runs a command from the palette (F1) by its title; resolves once it is chosen. */
export async function runCommand(page: Page, title: string): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    await pressUntilVisible(page, 'F1', input, 'the command palette', async () => {
        // Give the keyboard back to the workbench (it may be inside a webview after a click there).
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    });
    await input.fill(`>${title}`);
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
}
