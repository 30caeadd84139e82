import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../e2e/code-server.js';
import { computeExpectations } from '../e2e/expectations.js';
import { copyExamples } from '../e2e/test-workspace.js';

/**
 * `npm run test:desktop`: downloads a desktop VS Code (it needs the internet, so it is not part of
 * `npm test` on the CI machine), opens a copy of the examples with the packaged extension folder
 * (`packages/extension`, its `dist/` as in the .vsix) and runs the shared scenarios in it.
 */
const workspace = copyExamples(REPO_ROOT);
const expectations = join(dirname(workspace), 'expectations.json');
writeFileSync(expectations, JSON.stringify(computeExpectations(REPO_ROOT)));
try {
    await runTests({
        version: process.env.FABRIC_VSCODE_VERSION ?? 'stable',
        extensionDevelopmentPath: join(REPO_ROOT, 'packages/extension'),
        extensionTestsPath: join(REPO_ROOT, 'packages/extension/out-desktop/suite.js'),
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
        extensionTestsEnv: { FABRIC_E2E_WORKSPACE: workspace, FABRIC_E2E_EXPECTATIONS: expectations }
    });
} catch (error) {
    console.error(`desktop suite failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
} finally {
    rmSync(dirname(workspace), { recursive: true, force: true });
}
