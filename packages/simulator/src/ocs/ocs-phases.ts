/**
 * OCS per phase: the circuit configuration each phase runs on, and the reconfiguration charged when
 * consecutive phases of a workload need different ones. A phase without a configuration runs on the
 * circuits in place and leaves them as they stand. The workload repeats, so the last configured phase
 * also hands over to the first (the wrap-around transition). Each phase's time on every configuration
 * names its best one; a phase that switches the circuits only to run slower than on those in place
 * (switching included) is flagged.
 */
import type { FabricModel, OcsConfiguration } from '../model/fabric-model.js';
import type { OcsPhaseReport, OcsSchedule, OcsTransition, PhaseResult, WorkloadIteration } from '../analysis/analysis.js';
import { problem, type SimProblem } from '../analysis/problems.js';
import { formatQuantity } from '../units.js';
import type { ConfigurationTimes } from './ocs-choice.js';

/** Each OCS's circuits in a configuration, as unordered end pairs. (Module-level: see ROUTING_SHAPE_ANCHORS on closures and full collections.) */
function circuitsOf(config: OcsConfiguration): Map<number, Set<string>> {
    const byOcs = new Map<number, Set<string>>();
    for (const c of config.circuits) {
        const key = c.a < c.b ? `${c.a}-${c.b}` : `${c.b}-${c.a}`;
        (byOcs.get(c.ocs) ?? byOcs.set(c.ocs, new Set()).get(c.ocs)!).add(key);
    }
    return byOcs;
}

/** The slowest OCS whose circuits differ between two configurations (they switch in parallel). */
export function reconfigurationSeconds(model: FabricModel, from: OcsConfiguration, to: OcsConfiguration): number {
    const a = circuitsOf(from);
    const b = circuitsOf(to);
    let seconds = 0;
    for (const ocs of new Set([...a.keys(), ...b.keys()])) {
        const x = a.get(ocs) ?? new Set<string>();
        const y = b.get(ocs) ?? new Set<string>();
        const same = x.size === y.size && [...x].every(k => y.has(k));
        if (same) continue;
        const node = model.nodes[ocs];
        const t = node ? model.types.ocs[node.type]?.reconfigurationSeconds ?? 0 : 0;
        if (Number.isFinite(t)) seconds = Math.max(seconds, t);
    }
    return seconds;
}

export function ocsSchedule(model: FabricModel, results: readonly PhaseResult[], times: ConfigurationTimes = new Map()): { schedule: OcsSchedule; problems: SimProblem[] } {
    const problems: SimProblem[] = [];
    const phases: OcsPhaseReport[] = [];
    const transitions: OcsTransition[] = [];
    const iterations: WorkloadIteration[] = [];
    const configs = new Map(model.ocsConfigurations.map(c => [c.name, c]));
    const switching = new Map<string, number>();
    const switchSeconds = (from: string, to: string) => {
        const key = `${from}\u0000${to}`;
        let seconds = switching.get(key);
        if (seconds === undefined) { seconds = reconfigurationSeconds(model, configs.get(from)!, configs.get(to)!); switching.set(key, seconds); }
        return seconds;
    };
    let reconfiguration = 0;
    let phaseSeconds = 0;
    for (const workload of model.workloads) {
        const mine = results.filter(r => r.workload === workload.name);
        const configured = mine.filter(r => r.configuration !== null && configs.has(r.configuration));
        const before = { reconfiguration, phaseSeconds };
        for (const r of mine) {
            const index = results.indexOf(r);
            const row = times.get(index);
            const configurations = row ? [...row].map(([configuration, timeSeconds]) => ({ configuration, timeSeconds })) : [];
            let best = r.timeSeconds !== null ? r.configuration : null;
            for (const { configuration, timeSeconds } of configurations) {
                const bestTime = best === null ? null : row!.get(best) ?? null;
                if (timeSeconds !== null && (bestTime === null || timeSeconds < bestTime * (1 - 1e-9))) best = configuration;
            }
            phases.push({
                workload: workload.name, phase: r.name, configuration: r.configuration, inPlace: r.configurationSource === 'in-place',
                circuits: r.configuration ? configs.get(r.configuration)?.circuits.length ?? 0 : 0, configurations, bestConfiguration: best
            });
            phaseSeconds += r.timeSeconds ?? 0;
        }
        const charge = (from: PhaseResult, to: PhaseResult, wrapAround: boolean) => {
            if (from.configuration === to.configuration) return;
            const seconds = switchSeconds(from.configuration!, to.configuration!);
            const following = to.timeSeconds;
            const ratio = following !== null && following > 0 ? seconds / following : null;
            transitions.push({
                workload: workload.name, fromPhase: from.name, toPhase: to.name, fromConfiguration: from.configuration!, toConfiguration: to.configuration!,
                reconfigurationSeconds: seconds, followingPhaseSeconds: following, ratio, wrapAround
            });
            reconfiguration += seconds;
            if (ratio !== null && ratio > 1) {
                const index = model.workloads.flatMap(w => w.phases).findIndex(p => p.name === to.name && p.source === to.source);
                problems.push(problem('ocs/reconfiguration-dominates', 'warning',
                    `phase ${workload.name}.${to.name} waits ${formatQuantity(seconds, 'time')} for the OCS to switch from ${from.configuration} to ${to.configuration}, `
                    + `longer than the phase itself (${formatQuantity(following!, 'time')})`,
                    { kind: 'phase', id: Math.max(0, index), path: `${workload.name}.${to.name}` }, to.source));
            }
        };
        for (let i = 1; i < configured.length; i++) charge(configured[i - 1], configured[i], false);
        if (configured.length > 1) charge(configured[configured.length - 1], configured[0], true);
        // A phase that switches the circuits: would it have done better on those in place?
        configured.forEach((to, i) => {
            const from = configured[(i - 1 + configured.length) % configured.length];
            if (from.configuration === to.configuration || to.timeSeconds === null) return;
            const stay = times.get(results.indexOf(to))?.get(from.configuration!) ?? null;
            if (stay === null) return;
            const seconds = switchSeconds(from.configuration!, to.configuration!);
            if (seconds + to.timeSeconds <= stay) return;
            const index = model.workloads.flatMap(w => w.phases).findIndex(p => p.name === to.name && p.source === to.source);
            problems.push(problem('ocs/worse-configuration', 'warning',
                `phase ${workload.name}.${to.name} switches the circuits from ${from.configuration} to ${to.configuration} (${formatQuantity(seconds, 'time')}) and takes `
                + `${formatQuantity(to.timeSeconds, 'time')} there, but would take ${formatQuantity(stay, 'time')} on ${from.configuration} in place`,
                { kind: 'phase', id: Math.max(0, index), path: `${workload.name}.${to.name}` }, to.source));
        });
        const own = { phases: phaseSeconds - before.phaseSeconds, reconfiguration: reconfiguration - before.reconfiguration };
        iterations.push({
            workload: workload.name, phaseSeconds: own.phases, reconfigurationSeconds: own.reconfiguration,
            iterationSeconds: mine.some(r => r.timeSeconds === null) ? null : own.phases + own.reconfiguration
        });
    }
    return { schedule: { phases, transitions, iterations, reconfigurationSecondsPerIteration: reconfiguration, phaseSecondsPerIteration: phaseSeconds }, problems };
}
