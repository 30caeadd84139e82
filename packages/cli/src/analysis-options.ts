/**
 * The simulator options several commands share (`--threshold`, `--single-failures`,
 * `--skip-failure-domains`), declared once for commander and turned into `AnalysisOptions`.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_SLOWDOWN_THRESHOLD, type AnalysisOptions } from '@fabric/simulator';

export const SWEEP_KINDS = ['switch', 'link', 'laser'] as const;
export type SweepKind = typeof SWEEP_KINDS[number];

export interface SharedAnalysisFlags {
    readonly threshold?: number;
    readonly singleFailures?: SweepKind[];
    readonly skipFailureDomains?: boolean;
}

export function parseThreshold(value: string): number {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError('a slowdown factor ≥ 1, e.g. 1.10');
    return n;
}

export function parseSweepKinds(value: string): SweepKind[] {
    const kinds = value.split(',').map(k => k.trim()).filter(Boolean);
    const bad = kinds.find(k => !(SWEEP_KINDS as readonly string[]).includes(k));
    if (kinds.length === 0 || bad) throw new InvalidArgumentError(`a comma-separated list of ${SWEEP_KINDS.join(', ')}${bad ? `; '${bad}' is none of them` : ''}`);
    return kinds as SweepKind[];
}

export function withThreshold(command: Command): Command {
    return command.option('--threshold <factor>', 'a phase slowed by more than this counts in the blast radius', parseThreshold, DEFAULT_SLOWDOWN_THRESHOLD);
}

export function withSweeps(command: Command): Command {
    return command
        .option('--single-failures <kinds>', `also fail every single part of these kinds, one at a time (${SWEEP_KINDS.join(',')})`, parseSweepKinds)
        .option('--skip-failure-domains', 'do not evaluate the failure domains', false);
}

export function analysisOptions(flags: SharedAnalysisFlags, extra: Partial<AnalysisOptions> = {}): AnalysisOptions {
    return {
        slowdownThreshold: flags.threshold,
        singleFailures: flags.singleFailures,
        skipFailureDomains: flags.skipFailureDomains ?? false,
        ...extra
    };
}
