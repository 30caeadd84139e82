import { URI, AstUtils, GrammarAST } from 'langium';
import * as fc from 'fast-check';
import type { FabricServices } from '../fabric-module.js';
import type { InputKind } from './input-kinds.js';
import { checkPipeline } from './pipeline-check.js';
import { minimize } from './minimize.js';
import type { Finding } from './result-checks.js';

/** One distinct failure: what broke, and the smallest input found that breaks it so. */
export interface FuzzFailure {
    readonly kind: string;
    readonly signature: string;
    readonly finding: Finding;
    readonly input: string;
    /** How many generated inputs showed it. */
    readonly count: number;
}

export interface KindFigures {
    readonly kind: string;
    readonly tried: number;
    /** Inputs with at least one finding. */
    readonly failing: number;
    readonly failures: readonly FuzzFailure[];
}

export interface CampaignOptions {
    readonly runs: number;
    readonly seed: number;
    /** Minimize each distinct failure's input (costs a few dozen pipeline runs per failure). */
    readonly minimize?: boolean;
    /** Passed to checkPipeline: an input slower than this is a finding (never used in tests). */
    readonly slowMs?: number;
    readonly onInput?: (kind: string, index: number, findings: readonly Finding[]) => void;
}

/** The grammar's keywords, for token streams. */
export function grammarKeywords(services: FabricServices): string[] {
    return [...new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).toArray())].sort();
}

/**
 * Runs `runs` inputs of each kind (the same inputs for the same seed) through the whole pipeline
 * and groups what broke by signature, keeping the shortest input for each.
 */
export async function runCampaign(services: FabricServices, kinds: readonly InputKind[], options: CampaignOptions): Promise<KindFigures[]> {
    const figures: KindFigures[] = [];
    let counter = 0;
    const check = (text: string) => checkPipeline(services, text, { uri: URI.file(`/fuzz/input-${counter++}.fabric`), slowMs: options.slowMs });
    for (const [k, kind] of kinds.entries()) {
        const inputs = fc.sample(kind.inputs, { numRuns: options.runs, seed: options.seed + k });
        const bySignature = new Map<string, { finding: Finding; input: string; count: number }>();
        let failing = 0;
        for (const [i, input] of inputs.entries()) {
            const findings = await check(input);
            options.onInput?.(kind.name, i, findings);
            if (findings.length > 0) failing++;
            for (const finding of findings) {
                const key = signature(finding);
                const seen = bySignature.get(key);
                if (!seen) bySignature.set(key, { finding, input, count: 1 });
                else {
                    seen.count++;
                    if (input.length < seen.input.length) { seen.input = input; seen.finding = finding; }
                }
            }
        }
        const failures: FuzzFailure[] = [];
        for (const [key, { finding, input, count }] of bySignature) {
            const smallest = options.minimize && finding.kind !== 'slow'
                ? await minimize(input, async text => (await check(text)).some(f => signature(f) === key))
                : input;
            failures.push({ kind: kind.name, signature: key, finding, input: smallest, count });
        }
        figures.push({ kind: kind.name, tried: inputs.length, failing, failures });
    }
    return figures;
}

/** What makes two findings the same failure: their kind, the provider, and the detail without numbers and positions. */
export function signature(finding: Finding): string {
    const detail = finding.detail.split('\n')[0].replace(/\d+/g, '#').replace(/'[^']*'/g, "'…'").slice(0, 120);
    return `${finding.kind} ${finding.call.split(' ')[0]}: ${detail}`;
}
