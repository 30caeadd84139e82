import { readFileSync } from 'node:fs';
import type { EditorDriver } from '../e2e/editor-driver.js';
import type { Expectations } from '../e2e/expectations.js';
import { SCENARIOS } from '../e2e/scenarios.js';
import { VsCodeApiDriver } from './vscode-api-driver.js';

export interface ScenarioResult {
    readonly name: string;
    readonly passed: boolean;
    /** Not run by this driver: it looks inside the diagram webview, which the driver cannot see. */
    readonly notRun?: string;
    readonly message?: string;
    readonly ms: number;
}

/** The shared scenarios in order, each to a result (one failing does not stop the next). */
export async function runScenarios(driver: EditorDriver, expected: Expectations): Promise<ScenarioResult[]> {
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
        if (scenario.inWebview && !driver.seesWebview) {
            results.push({ name: scenario.name, passed: true, notRun: 'inside the diagram webview, which the extension host cannot see (the code-server suite runs it)', ms: 0 });
            continue;
        }
        const started = Date.now();
        try {
            await scenario.run(driver, expected);
            results.push({ name: scenario.name, passed: true, ms: Date.now() - started });
        } catch (error) {
            results.push({ name: scenario.name, passed: false, message: error instanceof Error ? error.message : String(error), ms: Date.now() - started });
        }
    }
    return results;
}

/** The driver and expectations the runner passes through the environment (the workspace copy, the expectations file). */
export function fromEnvironment(): { driver: VsCodeApiDriver; expected: Expectations } {
    const expected = JSON.parse(readFileSync(process.env.FABRIC_E2E_EXPECTATIONS!, 'utf8')) as Expectations;
    return { driver: new VsCodeApiDriver(process.env.FABRIC_E2E_WORKSPACE!), expected };
}

/**
 * Entry of the desktop suite, loaded by `@vscode/test-electron` inside VS Code's extension host:
 * the same scenarios as the code-server run, through the VS Code API.
 */
export async function run(): Promise<void> {
    const { driver, expected } = fromEnvironment();
    const results = await runScenarios(driver, expected);
    for (const r of results) console.log(r.notRun ? `  - ${r.name} (not run here: ${r.notRun})` : r.passed ? `  ✓ ${r.name} (${r.ms} ms)` : `  × ${r.name}\n    ${r.message!.replace(/\n/g, '\n    ')}`);
    const failed = results.filter(r => !r.passed);
    const notRun = results.filter(r => r.notRun).length;
    console.log(`${results.length - failed.length - notRun} passed, ${failed.length} failed, ${notRun} not run here`);
    if (failed.length > 0) throw new Error(`${failed.length} desktop scenario(s) failed: ${failed.map(r => r.name).join('; ')}`);
}
