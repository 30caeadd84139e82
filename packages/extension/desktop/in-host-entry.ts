import { writeFileSync } from 'node:fs';
import { fromEnvironment, runScenarios } from './suite.js';

/**
 * A test-only extension around the desktop suite, for running its VS Code API driver inside
 * code-server's extension host here (where desktop VS Code cannot be downloaded): on start-up it
 * runs the shared scenarios and writes their results to FABRIC_E2E_RESULTS.
 */
export function activate(): void {
    const { driver, expected } = fromEnvironment();
    void runScenarios(driver, expected).then(
        results => writeFileSync(process.env.FABRIC_E2E_RESULTS!, JSON.stringify(results)),
        error => writeFileSync(process.env.FABRIC_E2E_RESULTS!, JSON.stringify([{ name: 'the suite', passed: false, message: String(error), ms: 0 }])));
}
