/**
 * Turns a workload phase into a collective request: participants checked (accelerators, no
 * duplicates), size and configuration checked. What cannot run becomes a typed problem and a reason.
 */
import type { FabricModel, Workload, WorkloadPhase } from '../model/fabric-model.js';
import type { CollectiveRequest } from './collectives.js';
import { problem, shownNumber, type SimProblem } from '../analysis/problems.js';

export interface PhaseEntry {
    readonly workload: Workload;
    readonly phase: WorkloadPhase;
    /** Position among all phases of all workloads. */
    readonly index: number;
    /** The OCS configuration the phase runs on: its own (`on …`), else the circuits in place. */
    readonly configuration: string | null;
    /** `declared` by the phase, `in-place` (left by the phase before it, or the fabric's first), or null without OCS. */
    readonly configurationSource: 'declared' | 'in-place' | null;
    readonly request: CollectiveRequest | null;
    /** Why the phase cannot run at all, if it cannot. */
    readonly invalid: string | null;
    readonly problems: readonly SimProblem[];
}

/**
 * The configuration in place when each phase of a workload starts: the one the last configured phase
 * before it left (the workload repeats, so the first phases inherit the last configured one), or the
 * fabric's first configuration when no phase of the workload names one.
 */
function circuitsInPlace(model: FabricModel, workload: Workload): Array<string | null> {
    const known = (name: string | undefined) => (name !== undefined && model.ocsConfigurations.some(c => c.name === name) ? name : null);
    const own = workload.phases.map(p => known(p.configuration));
    const last = [...own].reverse().find(c => c !== null) ?? model.ocsConfigurations[0]?.name ?? null;
    let current = last;
    return own.map(c => (current = c ?? current));
}

export function phaseEntries(model: FabricModel): PhaseEntry[] {
    const entries: PhaseEntry[] = [];
    for (const workload of model.workloads) {
        const inPlace = circuitsInPlace(model, workload);
        workload.phases.forEach((phase, i) => entries.push(phaseEntry(model, workload, phase, entries.length, inPlace[i])));
    }
    return entries;
}

function phaseEntry(model: FabricModel, workload: Workload, phase: WorkloadPhase, index: number, inPlace: string | null): PhaseEntry {
    const problems: SimProblem[] = [];
    const path = `${workload.name}.${phase.name}`;
    const ref = { kind: 'phase' as const, id: index, path };
    let configuration: string | null = inPlace;
    let configurationSource: PhaseEntry['configurationSource'] = inPlace === null ? null : 'in-place';
    const fail = (reason: string, code: SimProblem['code']) => {
        problems.push(problem(code, 'error', `phase ${path}: ${reason}`, ref, phase.source));
        return { workload, phase, index, configuration, configurationSource, request: null, invalid: reason, problems };
    };
    if (phase.configuration !== undefined) {
        if (model.ocsConfigurations.some(c => c.name === phase.configuration)) configurationSource = 'declared';
        else problems.push(problem('workload/unknown-configuration', 'error',
            `phase ${path} asks for OCS configuration '${phase.configuration}', which the fabric does not declare; it runs on the circuits in place${inPlace ? ` (${inPlace})` : ''}`, ref, phase.source));
    }
    if (!Number.isFinite(phase.bytes) || phase.bytes <= 0) return fail(`its size is ${shownNumber(phase.bytes, 'B')}; it must be a positive number of bytes`, 'model/invalid-number');
    const isAccelerator = (id: number) => model.nodes[id]?.kind === 'accelerator';
    const seen = new Set<number>();
    const ranks: number[] = [];
    const peers: number[] = [];
    phase.participants.forEach((id, i) => {
        if (!isAccelerator(id)) {
            problems.push(problem('workload/not-an-accelerator', 'error',
                `phase ${path}: participant ${model.nodes[id]?.path ?? `#${id}`} is not an accelerator; it is left out`, ref, phase.source));
            return;
        }
        if (phase.collective === 'point-to-point') {
            const peer = phase.peers?.[i];
            if (peer === undefined || !isAccelerator(peer)) {
                problems.push(problem('workload/not-an-accelerator', 'error',
                    `phase ${path}: ${model.nodes[id].path} has no accelerator to send to; the pair is left out`, ref, phase.source));
                return;
            }
            ranks.push(id); peers.push(peer);
            return;
        }
        if (!seen.has(id)) { seen.add(id); ranks.push(id); }
    });
    if (ranks.length < (phase.collective === 'point-to-point' ? 1 : 2)) {
        return fail(`it has ${ranks.length} usable participant${ranks.length === 1 ? '' : 's'}; ${/^[aeiou]/.test(phase.collective) ? 'an' : 'a'} ${phase.collective} needs at least ${phase.collective === 'point-to-point' ? 1 : 2}`, 'workload/empty-phase');
    }
    const root = phase.root !== undefined && seen.has(phase.root) ? phase.root : undefined;
    const request: CollectiveRequest = {
        collective: phase.collective, ranks, bytes: phase.bytes,
        ...(phase.collective === 'point-to-point' ? { peers } : {}),
        ...(root !== undefined ? { root } : {}),
        ...(phase.algorithm ? { fixed: phase.algorithm } : {})
    };
    return { workload, phase, index, configuration, configurationSource, request, invalid: null, problems };
}
