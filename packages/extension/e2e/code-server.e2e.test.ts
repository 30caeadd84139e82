import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { launchChromium } from './browser.js';
import { CodeServer, REPO_ROOT } from './code-server.js';
import { CodeServerDriver } from './code-server-driver.js';
import { computeExpectations, type Expectations } from './expectations.js';
import { SCENARIOS } from './scenarios.js';
import { copyExamples } from './test-workspace.js';

/** The scenarios in code-server with the extension installed from the packaged .vsix. Screenshots go to artifacts/screenshots/vscode/. */
let server: CodeServer;
let browser: Browser;
let driver: CodeServerDriver;
let expected: Expectations;
let workspace: string;

beforeAll(async () => {
    expected = computeExpectations(REPO_ROOT);
    workspace = copyExamples(REPO_ROOT);
    server = await CodeServer.start();
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    driver = new CodeServerDriver(page, server.userDataDir, join(REPO_ROOT, 'artifacts/screenshots/vscode'));
    await page.goto(server.url(workspace));
}, 180_000);

afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
});

describe('the extension in code-server, installed from the .vsix', () => {
    for (const scenario of SCENARIOS) {
        test(scenario.name, async () => {
            try {
                await scenario.run(driver, expected);
            } catch (error) {
                await driver.screenshot(`failed-${SCENARIOS.indexOf(scenario) + 1}`).catch(() => undefined);
                throw error;
            }
        }, 180_000);
    }
});
