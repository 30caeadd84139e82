// fabric export --format json: the golden export of a small fabric, and every example's export,
// validated against the published schema (packages/cli/schema/fabric-export.schema.json).
// After a deliberate change to the model or the analysis, regenerate the golden file with
// UPDATE_GOLDEN=1 and add any new field to the schema.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { fabric, fabricJson, fixture, root } from './run-fabric.js';

const schema = JSON.parse(readFileSync(join(root, 'packages/cli/schema/fabric-export.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const errors = () => JSON.stringify(validate.errors?.slice(0, 10), null, 1);
const GOLDEN = join(root, 'packages/cli/test/golden/switch8.export.json');

/** The golden file must not depend on where the repository is checked out. */
function portable(json: string): string {
    return json.split(pathToFileURL(root).href.replace(/\/$/, '')).join('file:///REPO');
}

describe('fabric export --format json', () => {
    test('the golden export of a small switched fabric, valid against the schema', () => {
        const run = fabric(['export', fixture('switch8.fabric'), '--format', 'json']);
        expect(run.code).toBe(0);
        const actual = portable(run.stdout);
        if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual);
        const doc = JSON.parse(actual);
        expect(validate(doc), errors()).toBe(true);
        expect(doc.schema).toBe('fabric-export/1');
        expect(doc.model.uri).toBe('file:///REPO/packages/cli/test/fixtures/switch8.fabric');
        expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
    });

    test.each(['nvl72-copper', 'pod576-cpo', 'pod576-pluggable', 'vcsel-slow-wide', 'tpu-ocs-pod'])('examples/%s.fabric exports a document the schema accepts', example => {
        const extra = example === 'tpu-ocs-pod' ? ['--skip-failure-domains'] : ['--single-failures', 'switch,laser'];
        const doc = fabricJson(['export', `examples/${example}.fabric`, '--format', 'json', ...extra]);
        expect(validate(doc), errors()).toBe(true);
        // the analysis part is the simulate --json document
        const simulated = fabricJson(['simulate', `examples/${example}.fabric`, '--json', ...extra]);
        expect(doc.analysis).toEqual(simulated);
    });

    test('the schema is strict: an undeclared field or a wrong type is refused', () => {
        const doc = JSON.parse(readFileSync(GOLDEN, 'utf8'));
        expect(validate(doc)).toBe(true);
        expect(validate({ ...doc, extra: 1 })).toBe(false);
        expect(validate({ ...doc, analysis: { ...doc.analysis, totals: { ...doc.analysis.totals, powerWatts: 'lots' } } })).toBe(false);
        expect(validate({ ...doc, model: { ...doc.model, links: [{ ...doc.model.links[0], kind: 'dac' }] } })).toBe(false);
    });

    test('-o writes the file and prints the summary', () => {
        const out = join(mkdtempSync(join(tmpdir(), 'fabric-export-')), 'switch8.json');
        const run = fabric(['export', fixture('switch8.fabric'), '--format', 'json', '-o', out]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^wrote .*switch8\.json \(json, \d+ KiB\)\nSwitch8: 8 accelerators, 2 switches, 0 OCS, 16 links\n/);
        expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('fabric-export/1');
    });
});

describe('fabric export -o', () => {
    test('creates the folder it writes into; a path that cannot be written is an input error, not a crash', () => {
        const dir = mkdtempSync(join(tmpdir(), 'fabric-export-'));
        const nested = join(dir, 'a', 'b', 'report.json');
        expect(fabric(['export', fixture('switch8.fabric'), '--format', 'json', '-o', nested]).code).toBe(0);
        expect(JSON.parse(readFileSync(nested, 'utf8')).schema).toBe('fabric-export/1');
        const run = fabric(['export', fixture('switch8.fabric'), '--format', 'json', '-o', join(nested, 'under-a-file.json')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^fabric export: cannot write .*under-a-file\.json: a part of the path is a file, not a folder\n$/);
    });
});
