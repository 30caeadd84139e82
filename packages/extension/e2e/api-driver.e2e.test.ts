import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScenarioResult } from '../desktop/suite.js';
import { launchChromium } from './browser.js';
import { CodeServer, REPO_ROOT } from './code-server.js';
import { waitFor } from './editor-driver.js';
import { computeExpectations } from './expectations.js';
import { SCENARIOS } from './scenarios.js';
import { copyExamples } from './test-workspace.js';

/**
 * The desktop suite's driver (the VS Code API, as `npm run test:desktop` uses it) run here inside
 * code-server's extension host, so that it is tested where desktop VS Code cannot be downloaded:
 * a test-only extension around the suite runs the shared scenarios on start-up and writes results.
 */
let folder: string;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let results: readonly ScenarioResult[] = [];

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'fabric-api-driver-'));
    const extension = join(folder, 'suite-extension');
    await build({ bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', entryPoints: { extension: join(REPO_ROOT, 'packages/extension/desktop/in-host-entry.ts') }, outdir: extension, external: ['vscode'] });
    writeFileSync(join(extension, 'package.json'), JSON.stringify({ name: 'api-driver-suite', publisher: 'fabric-tests', version: '0.0.1', engines: { vscode: '^1.91.0' }, main: './extension.js', activationEvents: ['onStartupFinished'] }));
    writeFileSync(join(extension, 'README.md'), 'Runs the Fabric end-to-end scenarios through the VS Code API (test only).\n');
    const suiteVsix = join(folder, 'api-driver-suite.vsix');
    const vsce = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', suiteVsix], { cwd: extension, encoding: 'utf8' });
    if (vsce.status !== 0) throw new Error(`vsce package of the suite extension failed:\n${vsce.stdout}\n${vsce.stderr}`);
    const workspace = copyExamples(REPO_ROOT);
    const expectations = join(folder, 'expectations.json');
    writeFileSync(expectations, JSON.stringify(computeExpectations(REPO_ROOT)));
    const resultsFile = join(folder, 'results.json');
    server = await CodeServer.start({
        env: { FABRIC_E2E_WORKSPACE: workspace, FABRIC_E2E_EXPECTATIONS: expectations, FABRIC_E2E_RESULTS: resultsFile },
        alsoInstall: [suiteVsix]
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url(workspace));
    await waitFor('the suite extension to write its results', async () => existsSync(resultsFile), done => done, 600_000);
    results = JSON.parse(readFileSync(resultsFile, 'utf8')) as ScenarioResult[];
    await page.screenshot({ path: join(REPO_ROOT, 'artifacts/screenshots/vscode/api-driver-final.png') });
    rmSync(dirname(workspace), { recursive: true, force: true });
}, 720_000);

afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe("the desktop suite's VS Code API driver, inside code-server's extension host", () => {
    // Scenarios inside the webview need a driver that sees it; the code-server suite runs them.
    for (const scenario of SCENARIOS.filter(s => !s.inWebview)) {
        test(scenario.name, () => {
            const result = results.find(r => r.name === scenario.name);
            expect(result, 'the suite ran this scenario').toBeDefined();
            if (!result!.passed) throw new Error(result!.message);
        });
    }
});
