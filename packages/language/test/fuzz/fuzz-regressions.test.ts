import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { checkPipeline } from '../../src/fuzz/pipeline-check.js';
import { createTestServices, readText, testPath } from '../lsp/fabric-test-services.js';

/**
 * Every failure the fuzz campaign (or a user) found, as an input under `regressions/`: each goes
 * through the whole pipeline (build with the analysis, every provider, formatter, diagram feed)
 * without an exception, a range outside the document, NaN/Infinity/undefined in what a user
 * sees, or a formatter that is not idempotent. Adding a regression is adding a file.
 */
const DIR = testPath('fuzz/regressions');
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('fuzz regressions', () => {
    for (const name of readdirSync(DIR).filter(f => f.endsWith('.fabric')).sort()) {
        test(name, async () => {
            const findings = await checkPipeline(services, readText(join(DIR, name)), { uri: URI.file(join(DIR, `${name}.work.fabric`)), positions: 40 });
            expect(findings.map(f => `${f.kind} ${f.call}: ${f.detail}`)).toEqual([]);
        });
    }
});
