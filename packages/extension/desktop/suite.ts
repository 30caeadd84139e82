import { readFileSync } from 'node:fs';
import type { Expectations } from '../e2e/expectations.js';
import { SCENARIOS } from '../e2e/scenarios.js';
import { VsCodeApiDriver } from './vscode-api-driver.js';

/**
 * Entry of the desktop suite, loaded by `@vscode/test-electron` inside VS Code's extension host:
 * the same scenarios as the code-server run, in order. The runner passes the workspace copy and the
 * expectations (computed outside VS Code from the CLI) through the environment.
 */
export async function run(): Promise<void> {
    const expected = JSON.parse(readFileSync(process.env.FABRIC_E2E_EXPECTATIONS!, 'utf8')) as Expectations;
    const driver = new VsCodeApiDriver(process.env.FABRIC_E2E_WORKSPACE!);
    const failures: string[] = [];
    for (const scenario of SCENARIOS) {
        const started = Date.now();
        try {
            await scenario.run(driver, expected);
            console.log(`  ✓ ${scenario.name} (${Date.now() - started} ms)`);
        } catch (error) {
            failures.push(scenario.name);
            console.log(`  × ${scenario.name}\n    ${error instanceof Error ? error.message.replace(/\n/g, '\n    ') : String(error)}`);
        }
    }
    console.log(`${SCENARIOS.length - failures.length} passed, ${failures.length} failed`);
    if (failures.length > 0) throw new Error(`${failures.length} desktop scenario(s) failed: ${failures.join('; ')}`);
}
