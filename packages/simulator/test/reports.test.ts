// The stable JSON (`fabric simulate --json`) and the terminal tables.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { analysisToJson, ANALYSIS_JSON_SCHEMA } from '../src/report/analysis-json.js';
import { formatAnalysisText } from '../src/report/analysis-text.js';
import { leafSpineFabric } from '../src/generate/fabric-generators.js';

const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 1 });
const analysis = analyzeFabric(model, { singleFailures: ['switch'] });

describe('analysis JSON', () => {
    const json = JSON.parse(JSON.stringify(analysisToJson(analysis)));

    it('carries the documented fields in base units', () => {
        expect(json.schema).toBe(ANALYSIS_JSON_SCHEMA);
        for (const key of ['name', 'collective', 'algorithm', 'participants', 'bytes', 'timeSeconds', 'algbwBytesPerSecond', 'busbwBytesPerSecond', 'energyJoules', 'bottleneck']) {
            expect(json.phases[0]).toHaveProperty(key);
        }
        expect(json.phases[0].timeSeconds).toBe(analysis.phases[0].timeSeconds);
        for (const key of ['powerWatts', 'picojoulesPerBit', 'bisectionBytesPerSecond']) expect(typeof json.totals[key]).toBe('number');
        const domain = json.failureDomains[0];
        for (const key of ['name', 'blastRadius', 'partitions', 'failuresPerDay']) expect(domain).toHaveProperty(key);
        expect(domain.phases[0]).toHaveProperty('slowdown');
        expect(json.singleFailures.find((f: { name: string }) => f.name === 'spine.sw[0]').partitions).toBe(true);
    });

    it('says null, not NaN, where a phase cannot run', () => {
        const spine = json.singleFailures.find((f: { name: string }) => f.name === 'spine.sw[0]');
        expect(spine.phases[0].slowdown).toBeNull();
        expect(spine.phases[0].failed).toBe(true);
    });
});

describe('analysis text', () => {
    const text = formatAnalysisText(analysis);
    it('prints totals, phases and failures with units', () => {
        expect(text).toContain('bisection (per direction)');
        expect(text).toMatch(/train\.grads\s+all-reduce\s+8\s+1 GiB/);
        expect(text).toMatch(/spine\.sw\[0\]\s+4\s+yes/);
        expect(text).toContain('failure/partitions');
    });
});
