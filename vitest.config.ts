import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts'],
        testTimeout: 60_000,
        pool: 'forks',
        reporters: ['default', './scripts/plain-summary-reporter.ts']
    }
});
