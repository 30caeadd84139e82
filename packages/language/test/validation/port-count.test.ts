import { analyzeFabric } from '@fabric/simulator';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { portsUsed } from '../../src/validation/port-rules.js';
import { buildText, createTestServices, readText, testPath } from '../lsp/fabric-test-services.js';
import { readFixtureMarkers } from './fixture-markers.js';

/**
 * The ports rule counts on every edit, before any analysis; it must count exactly as the
 * simulator does (static links, plus the busiest OCS configuration's circuits, two ports per
 * circuit on the OCS), so the editor and the Analysis never disagree.
 */
let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const files = {
    'the NVL72 example': fileURLToPath(new URL('../../../../examples/nvl72-copper.fabric', import.meta.url)),
    'an OCS fabric with two configurations': testPath('validation/fixtures/ocs-reconfiguration/positive.fabric'),
    'an overfull switch tier': testPath('validation/fixtures/ports-exceeded/positive.fabric')
};

describe('port count agrees with the simulator', () => {
    for (const [what, path] of Object.entries(files)) {
        test(what, async () => {
            const document = await buildText(services, path, readFixtureMarkers(readText(path)).text);
            for (const model of services.elaboration.FabricElaboration.of(document).models) {
                const analysis = analyzeFabric(model, { skipFailureDomains: true });
                expect([...portsUsed(model)]).toEqual(analysis.nodes.map(n => n.portsUsed));
            }
        });
    }
});
