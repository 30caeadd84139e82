import { parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIAGRAM_CHANGED_NOTIFICATION, DIAGRAM_REQUEST, DiagramRequest, FAILURE_REQUEST, FailureRequest, diagramFeed, readViewParams, type FabricFile, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

const TEXT = `import "catalog/nvidia"
fabric A { tray t { accelerator gpu[0..3] : B200 } connect t.gpu[*] ring via NVLinkCopper length 1 m }
fabric B { tray t { accelerator gpu[0..1] : B200 } connect t.gpu[0] to t.gpu[1] via NVLinkCopper length 1 m }
`;

describe('diagram feed', () => {
    test('method names are declared once, with their types', () => {
        expect([DIAGRAM_REQUEST, FAILURE_REQUEST, DIAGRAM_CHANGED_NOTIFICATION, DiagramRequest.method, FailureRequest.method])
            .toEqual(['fabric/diagram', 'fabric/failure', 'fabric/diagramChanged', 'fabric/diagram', 'fabric/failure']);
    });

    test('the topology comes at once from the model; the analysis numbers follow when it is cached', async () => {
        const document = await parseHelper<FabricFile>(services)(TEXT);
        const [a] = services.elaboration.FabricElaboration.of(document).models;
        const before = diagramFeed(services, document);
        expect(before.fabrics).toEqual(['A', 'B']);
        expect(before.scene?.fabric).toBe('A');
        expect(before.scene?.analysis).toBe('pending');
        expect(before.scene?.bundles.map(b => b.links)).toEqual([1, 1, 1, 1]);
        expect(before.scene?.totals).toBeUndefined();
        const analysis = services.analysis.FabricAnalyses.full(a);
        const after = diagramFeed(services, document);
        expect(after.scene?.analysis).toBe('ready');
        expect(after.scene?.totals?.powerWatts).toBe(analysis.totals.powerWatts);
        expect(after.scene?.boxes.map(b => b.key)).toEqual(before.scene?.boxes.map(b => b.key));
        expect(JSON.parse(JSON.stringify(after))).toEqual(after);
    });

    test('a fabric is chosen by name', async () => {
        const document = await parseHelper<FabricFile>(services)(TEXT);
        expect(diagramFeed(services, document, { fabric: 'B' }).scene?.fabric).toBe('B');
    });

    test.each([
        [{ collapseThreshold: -1 }, 'collapseThreshold'],
        [{ collapseThreshold: 1.5 }, 'collapseThreshold'],
        [{ expanded: 'rack[0]' }, 'expanded'],
        [{ phase: 3 }, 'phase']
    ])('bad view params are refused with the field named: %j', (raw, field) => {
        expect(() => readViewParams(raw)).toThrow(field);
    });
});
