import { analyzeFabric, formatNumber, formatQuantity, type Analysis } from '@fabric/simulator';
import { expectHover, parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { ANALYSIS_CATEGORY, type FabricFile, type FabricServices } from '../../src/index.js';
import { createTestServices } from './fabric-test-services.js';

/** Hovers show the simulator's own numbers: each expectation is built from `analyzeFabric` of the same text. */
const TEXT = `import "catalog/nvidia"

fabric Rack {
    rack <|>R {
        budget power 132 kW
        tray compute[0..3] { accelerator <|>gpu[0..3] : B200 }
        tray nvswitch[0..1] { switch sw[0..1] : NVLinkSwitch }
        <|>connect compute[*].gpu[*] to nvswitch[*].sw[*] all-to-all via NVLinkCopper length 1.2 m
    }
    failure domain <|>switch_tray[t in 0..1] = R.nvswitch[t]
    workload train {
        phase <|>grads all-reduce <|>4 GiB over R.compute[*].gpu[*]
    }
}
`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern that finds every fragment, in order, anywhere in the hover. */
const fragments = (...parts: string[]) => new RegExp(parts.map(escape).join('[\\s\\S]*'));

let services: FabricServices;
let analysis: Analysis;
let hover: ReturnType<typeof expectHover>;
const text = TEXT.replace(/<\|>/g, '');

beforeAll(async () => {
    services = await createTestServices();
    // As in the editor: the cheap diagnostics and then the analysis have run before the user hovers.
    const afterAnalysis = expectHover(services);
    hover = expected => afterAnalysis({ ...expected, parseOptions: { validation: { categories: ['built-in', 'fast', ANALYSIS_CATEGORY] } } });
    const document = await parseHelper<FabricFile>(services)(text);
    analysis = analyzeFabric(services.elaboration.FabricElaboration.of(document).models[0]);
});

describe('hovers', () => {
    test('a connection: bandwidth per direction, watts with the breakdown, latency stack', async () => {
        const link = analysis.links[0];
        const all = analysis.links.reduce((s, l) => s + l.power.totalWatts, 0);
        await hover({
            text: TEXT, index: 2, hover: fragments(
                `${analysis.links.length} links`, 'NVLinkCopper (dac)',
                'bandwidth per direction', formatQuantity(link.bandwidthBytesPerSecond, 'byteRate'),
                'power at full load', formatQuantity(link.power.totalWatts, 'power'), formatQuantity(all, 'power'),
                'energy × rate', formatQuantity(link.power.dynamicWatts, 'power'),
                'latency: SerDes, DSP, FEC', formatQuantity(link.latency.conversionSeconds, 'time'),
                'latency: propagation over 1.2 m', formatQuantity(link.latency.propagationSeconds, 'time'),
                'latency per traversal', formatQuantity(link.latency.totalSeconds, 'time'))
        });
    });

    test('a link at 0 W says why: nothing in it draws power, its SerDes are counted in the parts at its ends', async () => {
        // The catalog's NVLinkCopper is passive copper: 0 pJ/bit, no fixed watts, no laser (its ends' SerDes are in B200's TDP and the switch's power).
        expect(analysis.links.every(l => l.power.totalWatts === 0)).toBe(true);
        await hover({ text: TEXT, index: 2, hover: fragments('NVLinkCopper (dac)', '0 W in the link itself', 'NVLinkCopper declares no energy per bit', 'passive copper', 'counted in their TDP or power', 'power at full load') });
        // A link that draws power has no such note.
        const powered = TEXT.replace('via NVLinkCopper', 'via Retimed').replace('fabric Rack {',
            'link Retimed { kind aec lanes 2 x 200 Gbps per-direction energy 2 pJ/bit reach 2 m }\n\nfabric Rack {');
        await hover({ text: powered, index: 2, hover: /^(?![\s\S]*0 W in the link itself)[\s\S]*power at full load/ });
    });

    test('a part: power, ports used and free, share of the budget', async () => {
        const gpu = analysis.nodes.find(n => n.kind === 'accelerator')!;
        const budget = analysis.groups.find(g => g.budgetWatts !== null)!.budgetWatts!;
        const share = Number((gpu.powerWatts / budget * 100).toPrecision(3));
        await hover({
            text: TEXT, index: 1, hover: fragments(
                'accelerator × 16', 'B200', 'power', formatQuantity(gpu.powerWatts, 'power'),
                'ports used / available', `${gpu.portsUsed} / ${gpu.portsAvailable}`, 'ports free', `${gpu.portsAvailable - gpu.portsUsed}`,
                "share of R's 132 kW budget", `${share} %`)
        });
    });

    test('a group: power with the breakdown and its budget', async () => {
        const rack = analysis.groups.find(g => g.path === 'R')!;
        await hover({
            text: TEXT, index: 0, hover: fragments(
                'rack R', 'power', formatQuantity(rack.powerWatts, 'power'),
                'accelerators', formatQuantity(rack.breakdown.acceleratorsWatts, 'power'),
                'switches', formatQuantity(rack.breakdown.switchesWatts, 'power'),
                'links at full load', formatQuantity(rack.breakdown.linksWatts, 'power'),
                'budget', '132 kW')
        });
    });

    test('a failure domain: blast radius, per-phase slowdown, failures per day, repair time', async () => {
        const domain = analysis.failureDomains[0];
        const slowdown = domain.phases[0].slowdown;
        await hover({
            text: TEXT, index: 3, hover: fragments(
                'failure domain', '2 instances', 'blast radius', 'grads slowdown', 'failures / day', 'repair',
                domain.name, String(domain.blastRadius), slowdown === null ? '—' : `×${formatNumber(slowdown)}`,
                formatNumber(domain.failuresPerDay), formatQuantity(domain.repairSeconds, 'time'))
        });
    });

    test('a phase: time, algbw, busbw, algorithm, bottleneck, energy', async () => {
        const phase = analysis.phases[0];
        await hover({
            text: TEXT, index: 4, hover: fragments(
                'phase train.grads', 'all-reduce', 'time', formatQuantity(phase.timeSeconds!, 'time'),
                'algbw', formatQuantity(phase.algbwBytesPerSecond!, 'byteRate'), 'busbw', formatQuantity(phase.busbwBytesPerSecond!, 'byteRate'),
                'algorithm', phase.algorithm!, 'bottleneck', 'energy', formatQuantity(phase.energyJoules!, 'energy'))
        });
    });

    test('a quantity: its normalized forms (GiB is binary)', async () => {
        await hover({ text: TEXT, index: 5, hover: fragments('4 GiB', 'bytes (model)', '4,294,967,296 B', 'binary', '4 GiB', 'decimal', '4.29 GB', 'bits') });
    });

    test('a rate: per direction and both directions', async () => {
        await hover({
            text: 'accelerator X { ports 18 port-rate <|>100 GB/s bidirectional }', index: 0,
            hover: fragments('100 GB/s bidirectional', 'per direction (model)', '400 Gbps', 'bytes per second', '50 GB/s', 'both directions', '100 GB/s')
        });
    });
});

describe('hovers before the analysis', () => {
    test('a failure domain says the sweep is running rather than waiting for it', async () => {
        await expectHover(services)({ text: TEXT, index: 3, hover: /failure sweep is running/ });
    });

    test('a connection prices its own links without waiting for the analysis', async () => {
        await expectHover(services)({ text: TEXT, index: 2, hover: fragments('64 links', 'power at full load', 'latency per traversal') });
    });
});
