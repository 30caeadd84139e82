// The gallery (examples/README.md): each entry's headline numbers against the published figures they
// reproduce, with a tolerance and the source named. Every number is read from `fabric simulate --json` or
// `fabric check --format json`, as a user would read it.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabric, fabricJson, root } from './run-fabric.js';

type Json = Record<string, any>;

/** |actual − expected| ≤ tolerance × expected, with the figure and its source in the failure message. */
function within(actual: number, expected: number, tolerance: number, what: string): void {
    expect(Math.abs(actual - expected) / Math.abs(expected), `${what}: ${actual} against ${expected} (±${tolerance * 100} %)`).toBeLessThanOrEqual(tolerance);
}

const simulate = (example: string, ...args: string[]): Json => fabricJson(['simulate', `examples/${example}`, '--json', ...args]);
const check = (path: string): { code: number | null; report: Json } => {
    const run = fabric(['check', path, '--format', 'json']);
    return { code: run.code, report: JSON.parse(run.stdout) };
};

describe('UALink 1.0 pod of 1,024 accelerators (examples/ualink-pod1024.fabric)', () => {
    const a = simulate('ualink-pod1024.fabric', '--skip-failure-domains');

    test('1,024 accelerators, the most UALink 1.0 addresses (UALink Consortium: up to 1,024 accelerators, 10-bit IDs)', () => {
        expect(a.totals.accelerators).toBe(1024);
        expect(a.totals.switches).toBe(32);
        expect(a.totals.links).toBe(1024 * 32);
        expect(a.ports).toEqual([]); // every accelerator uses its 32 x1 ports, every plane its 1,024
    });

    test('one switch stage: every pair is two hops apart ("each switch port connects to a distinct accelerator", UALink 1.0 white paper)', () => {
        expect(a.totals.diameterHops).toBe(2);
    });

    test('bisection: 512 accelerators × 32 lanes of 200 Gb/s (UALink 200G 1.0: 200 Gb/s lanes, x1 ports), exact', () => {
        within(a.totals.bisectionBytesPerSecond, 512 * 32 * 200e9 / 8, 1e-9, 'bisection, per direction');
    });

    test('latency: a round trip under 1 µs (UALink Consortium, as reported by Tom\'s Hardware 2025-04: <1 µs round trip)', () => {
        expect(2 * a.totals.latency.maxSeconds).toBeLessThan(1e-6);
        // its parts: 2 × (20 ns SerDes + 3 m × 4.5 ns/m) + a 300 ns plane switch
        within(a.totals.latency.maxSeconds, 2 * (20e-9 + 3 * 4.5e-9) + 300e-9, 1e-9, 'accelerator-to-accelerator latency');
    });
});

describe('a deliberately bad design, and the same with every fix (examples/bad/)', () => {
    test('the bad design trips each of the findings its comments name', () => {
        const { code, report } = check('examples/bad/bad-design.fabric');
        expect(code).toBe(1);
        const codes = new Set(report.files[0].diagnostics.map((d: Json) => d.code));
        for (const expected of ['unit/wrong-dimension', 'unit/missing', 'name/unused', 'source/empty-citation', 'source/missing-arithmetic',
            'power/budget-exceeded', 'power/duplicate-budget', 'power/zero-budget', 'capacity/ports-exceeded', 'reach/exceeded', 'link/rate-mismatch',
            'laser/no-spares', 'failure/partitions', 'workload/algorithm-not-applicable', 'workload/latency-asymmetry', 'workload/no-path',
            'capacity/oversubscribed']) {
            expect(codes.has(expected), `${expected} in ${[...codes].join(', ')}`).toBe(true);
        }
        // each finding's fix is written beside it in the file
        const text = readFileSync(join(root, 'examples/bad/bad-design.fabric'), 'utf8');
        for (const c of codes) expect(text, `no comment names ${c}`).toContain(String(c));
    });

    test('the fixed design has no error and no warning', () => {
        const { code, report } = check('examples/bad/bad-design-fixed.fabric');
        expect(report.files[0].diagnostics.filter((d: Json) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        expect(code).toBe(0);
    });
});

describe('NVL72-style rack (examples/nvl72-copper.fabric)', () => {
    const a = simulate('nvl72-copper.fabric', '--skip-failure-domains');

    test('aggregate NVLink bandwidth 72 × 1.8 TB/s = 129.6 TB/s, both directions (NVIDIA GB200 NVL72: "130 TB/s"), exact', () => {
        within(a.totals.acceleratorBandwidthBidirectionalBytesPerSecond, 72 * 1.8e12, 1e-9, 'aggregate NVLink bandwidth, both directions');
        within(a.totals.acceleratorBandwidthBytesPerSecond, 72 * 900e9, 1e-9, 'the same per direction');
        within(a.totals.acceleratorBandwidthBidirectionalBytesPerSecond, 130e12, 0.005, 'NVIDIA\'s rounded 130 TB/s');
    });

    test('rack power ≈120 kW (NVIDIA: ≈120 kW per NVL72 rack) inside its 132 kW of power shelves, CPUs, NICs, boards and conversion included (±5 %)', () => {
        within(a.totals.powerWatts, 120e3, 0.05, 'rack power');
        const rack = a.groups.find((g: Json) => g.path === 'R');
        expect(rack.budgetWatts).toBe(132e3);
        expect(rack.overBudget).toBe(false);
        // the non-network parts are a quarter of the rack: 18 trays × 1,400 W + 9 × 250 W + 4 × 875 W
        within(a.totals.breakdown.componentsWatts, 18 * 1400 + 9 * 250 + 4 * 875, 1e-9, 'CPUs, NICs, DPUs, boards, shelves');
    });
});

describe('NVL36×2-style pair of racks (examples/nvl36x2.fabric)', () => {
    const a = simulate('nvl36x2.fabric', '--skip-failure-domains');

    test('72 GPUs and 36 switch chips in two racks of 9 compute and 9 switch trays (NVIDIA GB200 NVL multi-node tuning guide)', () => {
        expect(a.totals.accelerators).toBe(72);
        expect(a.totals.switches).toBe(36);
    });

    test('648 switch-to-switch links between the racks, 162 cables of 8 lanes (derived: 36 GPUs × 18 links per rack must cross at full bandwidth)', () => {
        const cross = a.optics.find((o: Json) => o.optics === 'NVLinkCrossRack');
        expect(cross.links).toBe(648);
        expect(cross.links * 2 / 8).toBe(162);
        expect(a.totals.links).toBe(2 * 36 * 18 + 648);
    });

    test('one 72-GPU NVLink domain: the same 129.6 TB/s as an NVL72, a bisection of 32.4 TB/s per direction across the racks, one hop more', () => {
        within(a.totals.acceleratorBandwidthBidirectionalBytesPerSecond, 72 * 1.8e12, 1e-9, 'aggregate NVLink bandwidth');
        within(a.totals.bisectionBytesPerSecond, 648 * 50e9, 1e-9, 'bisection, per direction');
        expect(a.totals.diameterHops).toBe(3);
    });
});

describe('NVL576-style pod built twice: CPO and DSP pluggables (examples/pod576-cpo.fabric, pod576-pluggable.fabric)', () => {
    const cpo = simulate('pod576-cpo.fabric', '--skip-failure-domains');
    const dsp = simulate('pod576-pluggable.fabric', '--skip-failure-domains');
    const tier2 = (a: Json, optics: string) => a.optics.find((o: Json) => o.optics === optics);
    const links = 144 * 72; // 144 leaf chips × 72 spine chips

    test('tier-2 optics: 10,368 links of 400 Gb/s; DSP 30 W per 1.6T port against CPO 9 W (NVIDIA, GTC 2025, as reported by Notebookcheck and TechInsights): ≈156 kW against ≈47 kW (±5 %)', () => {
        within(tier2(dsp, 'Pluggable1600G').powerWatts, links * 2 * 30 / 4, 0.05, 'DSP pluggable tier');
        // CPO needs external lasers at both ends: 684 ELSFP modules at 12 W, counted with the CPO links they light
        const lasers = (8 * 9 * 5 + 4 * 9 * 9) * 12;
        within(cpo.totals.breakdown.lasersWatts, lasers, 1e-9, 'laser sources');
        within(tier2(cpo, 'CPO1600').powerWatts - lasers, links * 2 * 9 / 4, 0.05, 'CPO tier, engines');
        within(tier2(dsp, 'Pluggable1600G').powerWatts / (tier2(cpo, 'CPO1600').powerWatts - lasers), 30 / 9, 0.01, 'the per-port ratio, 3.3×');
        // with the lasers counted the saving is 2.8×, below NVIDIA's system-level 3.5× claim
        within(tier2(dsp, 'Pluggable1600G').powerWatts / tier2(cpo, 'CPO1600').powerWatts, links * 15 / (links * 4.5 + lasers), 0.01, 'with lasers');
    });

    test('pJ/bit: the CPO pod\'s network costs less per accelerator-to-accelerator bit by the optics it saves', () => {
        const saved = dsp.totals.networkPowerWatts - cpo.totals.networkPowerWatts;
        within(saved, links * 2 * 30 / 4 - links * 2 * 9 / 4 - cpo.totals.breakdown.lasersWatts, 0.01, 'network power saved');
        within(dsp.totals.picojoulesPerAcceleratorBit / cpo.totals.picojoulesPerAcceleratorBit, dsp.totals.networkPowerWatts / cpo.totals.networkPowerWatts, 1e-9, 'pJ/bit follows the network power (same traffic)');
        expect(cpo.totals.picojoulesPerAcceleratorBit).toBeLessThan(dsp.totals.picojoulesPerAcceleratorBit);
    });

    test('reliability: link failures per day from FIT 2,000 per pluggable link against 770 per CPO link (Meta at ECOC 2025: modules 0.5-1 M h MTBF, CPO ≈2.6 M h)', () => {
        const linkRate = (a: Json) => a.reliability.byKind.find((k: Json) => k.kind === 'link').failuresPerDay;
        const copper = 8 * 72 * 18 * 5;
        within(linkRate(dsp), (links * 2000 + copper) * 24e-9, 1e-6, 'pluggable pod, link failures per day');
        within(linkRate(cpo), (links * 770 + copper) * 24e-9, 1e-6, 'CPO pod, link failures per day');
        expect(cpo.reliability.failuresPerDay).toBeLessThan(dsp.reliability.failuresPerDay / 2);
    });
});

describe('TPU-v4-style pod with 48 OCS (examples/tpu-ocs-pod.fabric)', () => {
    const a = simulate('tpu-ocs-pod.fabric', '--skip-failure-domains');

    test('4,096 chips, 48 OCS of 136 ports (Google, TPU v4, ISCA 2023, arXiv 2304.01433)', () => {
        expect(a.totals.accelerators).toBe(4096);
        expect(a.totals.ocs).toBe(48);
    });

    test('OCS and optics under 3 % of system power (TPU v4 paper: "less than 3 % of system power"), hosts counted', () => {
        const b = a.totals.breakdown;
        const share = (b.ocsWatts + b.linksWatts + b.lasersWatts) / a.totals.powerWatts;
        expect(share).toBeLessThan(0.03);
        within(b.ocsWatts + b.linksWatts, 48 * 108 + 3072 * 8, 1e-9, 'OCS and the circuits\' transceivers');
    });

    test('bisection within 10 % of Google\'s 24 TB/s per pod (Cloud TPU v4 documentation)', () => {
        within(a.totals.bisectionBytesPerSecond, 24e12, 0.10, 'bisection');
    });
});

describe('a 16,384-GPU training fabric in the shape of Llama 3\'s (examples/llama3-16k.fabric)', () => {
    const a = simulate('llama3-16k.fabric', '--skip-failure-domains');

    test('16,384 GPUs on 2,048 hosts (Meta, The Llama 3 Herd of Models, arXiv 2407.21783, §3.3)', () => {
        expect(a.totals.accelerators).toBe(16384);
    });

    test('interruptions: 419 in 54 days = 7.76 a day, one every 3.09 h (Llama 3, Table 5), from FIT derived from that table (±1 %)', () => {
        within(a.reliability.failuresPerDay, 419 / 54, 0.01, 'interruptions per day');
        within(a.reliability.meanTimeBetweenInterruptionsSeconds / 3600, 54 * 24 / 419, 0.01, 'hours between interruptions');
    });

    test('the GPU categories are 268 of the 419 (64 %, Table 5), ±2 points', () => {
        const gpus = a.reliability.byKind.find((k: Json) => k.kind === 'accelerator').failuresPerDay;
        expect(Math.abs(gpus / a.reliability.failuresPerDay - 268 / 419)).toBeLessThanOrEqual(0.02);
    });

    test('aggregation at about 1:7 above each pod (Llama 3 §3.3.1: a 1:7 oversubscription ratio), ±5 %', () => {
        const pod = a.groups.find((g: Json) => g.path === 'pod[0]');
        within(pod.oversubscription, 7, 0.05, 'pod oversubscription');
    });
});

describe('DGX-1-style hybrid cube-mesh (examples/dgx1-cube-mesh.fabric)', () => {
    const a = simulate('dgx1-cube-mesh.fabric', '--skip-failure-domains');

    test('24 NVLink 2 links, 6 per V100 at 25 GB/s each direction: 150 GB/s per GPU (NVIDIA DGX-1 architecture), exact', () => {
        expect(a.totals.links).toBe(24);
        within(a.totals.acceleratorBandwidthBytesPerSecond, 8 * 6 * 25e9, 1e-9, 'aggregate per direction');
    });

    test('all-reduce busbw ≈130 GB/s (derived, no measurement found: 150 GB/s at NCCL\'s ≈85-90 % seen on A100/H100), ±15 %', () => {
        const grads = a.phases.find((p: Json) => p.name === 'grads');
        within(grads.busbwBytesPerSecond, 130e9, 0.15, 'all-reduce busbw');
    });
});

describe('VCSEL slow-and-wide rack (examples/vcsel-slow-wide.fabric)', () => {
    const a = simulate('vcsel-slow-wide.fabric', '--skip-failure-domains');

    test('the accelerator links cost 0.75 pJ/bit (Teissier & Kohli, VCSEL-based CPO for scale-up, arXiv 2601.14342), exact', () => {
        const vcsel = a.optics.find((o: Json) => o.optics === 'VcselUCIe');
        within(vcsel.powerWatts / (vcsel.bandwidthBytesPerSecond * 8 * 2), 0.75e-12, 1e-9, 'energy per bit');
    });
});
