import { defineConfig } from 'vitest/config';

/**
 * Tests that run the CLI or the language server as a child process (`fabric export` of the TPU pod,
 * `fabric check examples/`, the LSP over JSON-RPC) take tens of seconds on a loaded two-core
 * machine: they get a generous timeout of their own, so that a busy CI machine does not fail them.
 * A timeout is a hang detector, not a speed target (speed targets live in `npm run bench`).
 */
const SUBPROCESS_TESTS = [
    'packages/cli/test/**/*.test.ts',
    'packages/language/test/server/**/*.test.ts',
    'packages/language/test/lsp/editor-requests.test.ts',
    'packages/language/test/lsp/diagram-server.test.ts'
];

export default defineConfig({
    test: {
        pool: 'forks',
        reporters: ['default', './scripts/plain-summary-reporter.ts'],
        projects: [
            { extends: true, test: { name: 'in-process', include: ['packages/*/test/**/*.test.ts'], exclude: SUBPROCESS_TESTS, testTimeout: 60_000 } },
            { extends: true, test: { name: 'subprocess', include: SUBPROCESS_TESTS, testTimeout: 300_000, hookTimeout: 300_000 } }
        ]
    }
});
