import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { grammarKeywords, runCampaign } from '../../src/fuzz/fuzz-campaign.js';
import { inputKinds } from '../../src/fuzz/input-kinds.js';
import { createTestServices } from '../lsp/fabric-test-services.js';

/**
 * A short seeded fuzz campaign, so CI runs one: the same inputs every run (fixed seed), each kind
 * through the whole pipeline. `npm run fuzz -- --runs N --seed S` runs a long one.
 */
const RUNS = 12;
const SEED = 20261201;
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

describe('fuzz campaign (short, seeded)', () => {
    const example = readFileSync(fileURLToPath(new URL('../../../../examples/nvl72-copper.fabric', import.meta.url)), 'utf8');
    // The kinds' names are known before the services (and so the grammar's keywords) are.
    for (const { name, about } of inputKinds(['fabric'])) {
        test(`${name}: ${about}`, async () => {
            const kind = inputKinds(grammarKeywords(services), [example]).find(k => k.name === name)!;
            const [figures] = await runCampaign(services, [kind], { runs: RUNS, seed: SEED });
            expect(figures.tried).toBe(RUNS);
            expect(figures.failures.map(f => `${f.signature}\n  input: ${JSON.stringify(f.input)}`)).toEqual([]);
        }, 120_000);
    }
});
