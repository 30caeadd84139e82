import { defineConfig } from 'vitest/config';

/** The end-to-end suite: one code-server and one Chromium at a time, scenarios in order. */
export default defineConfig({
    test: {
        include: ['packages/extension/e2e/**/*.e2e.test.ts'],
        testTimeout: 180_000,
        hookTimeout: 180_000,
        fileParallelism: false,
        pool: 'forks',
        reporters: ['default', './scripts/plain-summary-reporter.ts']
    }
});
