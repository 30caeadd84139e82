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
    readonly configuration: string | null;
    readonly request: CollectiveRequest | null;
    /** Why the phase cannot run at all, if it cannot. */
    readonly invalid: string | null;
    readonly problems: readonly SimProblem[];
}

export function phaseEntries(model: FabricModel): PhaseEntry[] {
    const entries: PhaseEntry[] = [];
    for (const workload of model.workloads) {
        for (const phase of workload.phases) entries.push(phaseEntry(model, workload, phase, entries.length));
    }
    return entries;
}

function phaseEntry(model: FabricModel, workload: Workload, phase: WorkloadPhase, index: number): PhaseEntry {
    const problems: SimProblem[] = [];
    const path = `${workload.name}.${phase.name}`;
    const ref = { kind: 'phase' as const, id: index, path };
    const fail = (reason: string, code: SimProblem['code']) => {
        problems.push(problem(code, 'error', `phase ${path}: ${reason}`, ref, phase.source));
        return { workload, phase, index, configuration: null, request: null, invalid: reason, problems };
    };
    let configuration: string | null = null;
    if (phase.configuration !== undefined) {
        if (model.ocsConfigurations.some(c => c.name === phase.configuration)) configuration = phase.configuration;
        else problems.push(problem('workload/unknown-configuration', 'error',
            `phase ${path} asks for OCS configuration '${phase.configuration}', which the fabric does not declare; it runs on static links`, ref, phase.source));
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
    return { workload, phase, index, configuration, request, invalid: null, problems };
}
