import { analyzeFabric } from '@fabric/simulator';
import { parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIAGRAM_CHANGED_NOTIFICATION, DIAGRAM_REQUEST, DiagramRequest, diagramFeed, type FabricFile, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const TEXT = `import "catalog/nvidia"
fabric A { tray t { accelerator gpu[0..3] : B200 } connect t.gpu[*] ring via NVLinkCopper length 1 m }
fabric B { tray t { accelerator gpu[0..1] : B200 } connect t.gpu[0] to t.gpu[1] via NVLinkCopper length 1 m }
`;

describe('diagram feed', () => {
    test('method names are declared once, with their types', () => {
        expect([DIAGRAM_REQUEST, DIAGRAM_CHANGED_NOTIFICATION, DiagramRequest.method]).toEqual(['fabric/diagram', 'fabric/diagramChanged', 'fabric/diagram']);
    });

    test('one entry per fabric: the elaborated model and the simulator analysis of it, as plain JSON', async () => {
        const document = await parseHelper<FabricFile>(services)(TEXT);
        const feed = await diagramFeed(services, document);
        const models = services.elaboration.FabricElaboration.of(document).models;
        expect(feed.uri).toBe(document.uri.toString());
        expect(feed.fabrics.map(f => f.model.name)).toEqual(['A', 'B']);
        expect(feed.fabrics.map(f => f.model)).toEqual(models);
        expect(feed.fabrics[0].analysis).toEqual(analyzeFabric(models[0]));
        expect(JSON.parse(JSON.stringify(feed))).toEqual(feed);
    });

    test('the feed reads the cached analysis: the same object hovers and diagnostics use', async () => {
        const document = await parseHelper<FabricFile>(services)(TEXT);
        const model = services.elaboration.FabricElaboration.of(document).models[0];
        expect((await diagramFeed(services, document)).fabrics[0].analysis).toBe(services.analysis.FabricAnalyses.cached(model));
    });
});
