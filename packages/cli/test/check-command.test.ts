// fabric check: text as before, --format json, --format sarif validated against the SARIF 2.1.0
// schema (the copy @microsoft/jest-sarif ships), rule metadata for every code.
import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FabricCode } from '@fabric/language';
import { fabric, fabricJson, root, tempFile } from './run-fabric.js';

const OVER_BUDGET = `accelerator A { ports 1 tdp 1000 W }
switch S { radix 4 }
link L { kind dac lanes 1 x 100 Gbps reach 2 m }
fabric F {
    rack R {
        budget power 1 kW
        accelerator a[0..1] : A
        switch s : S
        connect a[*] to s all-to-all via L length 1 m
    }
}
`;

describe('fabric check: text', () => {
    test('the examples check clean, with one summary line each', () => {
        const { code, stdout } = fabric(['check', 'examples/nvl72-copper.fabric', 'examples/pod576-cpo.fabric', 'examples/vcsel-slow-wide.fabric', 'examples/tpu-ocs-pod.fabric']);
        const summaries = stdout.trim().split('\n').filter(line => !/:\d+:\d+ (warning|info|hint) /.test(line));
        expect(summaries).toEqual([
            'examples/nvl72-copper.fabric: NVL72: 90 nodes, 1296 links (dac 1296), 27 failure domains, 2 phases',
            'examples/pod576-cpo.fabric: Pod576: 792 nodes, 20736 links (dac 10368, cpo 10368), 768 failure domains, 2 phases',
            'examples/vcsel-slow-wide.fabric: SlowAndWide: 74 nodes, 528 links (vcsel 528), 20 failure domains, 3 phases',
            'examples/tpu-ocs-pod.fabric: TPUPod: 4144 nodes, 9216 links (dac 9216), 2 OCS configurations (6144 circuits), 112 failure domains, 2 phases'
        ]);
        expect(code).toBe(0);
    });

    test('errors print as file:line:col severity code message and exit 1', () => {
        const file = tempFile('bad.fabric', 'link K { kind dac lanes 1 x 100 Gbps reach 2 GB }\n');
        const { code, stdout } = fabric(['check', file]);
        const lines = stdout.trim().split('\n');
        expect(lines[0]).toMatch(/bad\.fabric:1:46 error unit\/wrong-dimension 'reach' of link 'K': 'GB' is data size; expected length \(mm, cm, m, km\)$/);
        expect(lines[1]).toMatch(/bad\.fabric: 1 error; no fabric \(part types only\)$/);
        expect(code).toBe(1);
    });

    test('the simulator-backed rules run by default; --fast skips them', () => {
        const file = tempFile('over.fabric', OVER_BUDGET);
        expect(fabric(['check', file]).stdout).toMatch(/over\.fabric:5:10 warning power\/budget-exceeded R draws 2 kW against a budget of 1 kW/);
        const fast = fabric(['check', '--fast', file]);
        expect(fast.stdout).not.toMatch(/budget-exceeded/);
        expect(fast.code).toBe(0);
    });
});

describe('fabric check --format json', () => {
    test('one entry per file with 1-based positions, the code, related places and the fabric summary', () => {
        const file = tempFile('over.fabric', OVER_BUDGET);
        const report = fabricJson(['check', file, 'examples/nvl72-copper.fabric', '--format', 'json']);
        expect(report.schema).toBe('fabric-check/1');
        expect(report.files.map((f: { file: string }) => f.file)).toEqual([file, 'examples/nvl72-copper.fabric']);
        const budget = report.files[0].diagnostics.find((d: { code: string }) => d.code === 'power/budget-exceeded');
        expect(budget).toMatchObject({ file, severity: 'warning', line: 5, column: 10, message: expect.stringMatching(/^R draws 2 kW against a budget of 1 kW/) });
        expect(budget.related[0]).toMatchObject({ file, line: 6 });
        expect(report.files[1].fabrics).toEqual([{
            name: 'NVL72', nodes: 90, accelerators: 72, links: 1296, linksByKind: { dac: 1296 }, ocsConfigurations: 0, circuits: 0, failureDomains: 27, phases: 2
        }]);
        expect(report.counts).toEqual({ error: 0, warning: 1, info: 0, hint: 0 });
    });
});

describe('fabric check --format sarif', () => {
    const require = createRequire(import.meta.url);
    // The SARIF 2.1.0 schema (rtm.5, draft-04) as @microsoft/jest-sarif ships it. Its `language`
    // pattern is not a valid Unicode regular expression (fixed in later errata), hence unicodeRegExp off.
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    test('validates against the SARIF 2.1.0 schema, with one rule per code and locations relative to %SRCROOT%', () => {
        const bad = tempFile('bad.fabric', 'link K { kind dac lanes 1 x 100 Gbps reach 2 GB }\n');
        const over = tempFile('over.fabric', OVER_BUDGET);
        const run = fabric(['check', bad, over, 'examples/pod576-cpo.fabric', '--format', 'sarif']);
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
        const [sarifRun] = log.runs;
        expect(sarifRun.tool.driver.name).toBe('fabric');
        const ids = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
        expect(ids).toEqual(['power/budget-exceeded', 'unit/wrong-dimension', 'workload/latency-asymmetry']);
        const rule = sarifRun.tool.driver.rules[0];
        expect(rule).toEqual({
            id: 'power/budget-exceeded', name: 'PowerBudgetExceeded', shortDescription: { text: 'A group draws more power than its budget.' },
            defaultConfiguration: { level: 'warning' }, properties: { category: 'power' }
        });
        const wrong = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'unit/wrong-dimension');
        expect(wrong.level).toBe('error');
        expect(ids[wrong.ruleIndex]).toBe('unit/wrong-dimension');
        expect(wrong.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 46, endLine: 1, endColumn: 48 });
        const info = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'workload/latency-asymmetry');
        expect(info.level).toBe('note');
        expect(info.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'examples/pod576-cpo.fabric', uriBaseId: '%SRCROOT%' });
        expect(sarifRun.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${root.endsWith('/') ? root : root + '/'}`);
        const budget = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'power/budget-exceeded');
        expect(budget.relatedLocations[0].physicalLocation.region.startLine).toBe(6);
    });

    test('a clean run is a valid log with no results', () => {
        const log = fabricJson(['check', 'examples/nvl72-copper.fabric', '--format', 'sarif']);
        expect(validate(log)).toBe(true);
        expect(log.runs[0].results).toEqual([]);
    });

    test('every diagnostic code has rule metadata (the language codes and the simulator codes of ANALYSIS-JSON.md)', async () => {
        const { RULES } = await import('../src/report/rule-catalog.js');
        const doc = readFileSync(join(root, 'packages/simulator/ANALYSIS-JSON.md'), 'utf8');
        const simulatorCodes = [...doc.matchAll(/^\| `([a-z]+\/[a-z-]+)` \| (?:error|warning|info) \|/gm)].map(m => m[1]);
        expect(simulatorCodes.length).toBeGreaterThan(10);
        const missing = [...Object.values(FabricCode), ...simulatorCodes].filter(code => !RULES[code]);
        expect(missing).toEqual([]);
    });
});
