/**
 * Which OCS configuration suits each phase: the phase priced on every configuration the fabric
 * declares (its own algorithm choice on each), so the report can name the best and warn when a phase
 * reconfigures the circuits to go slower than it would on the circuits in place.
 */
import type { FabricContext } from '../analysis/fabric-context.js';
import { evaluateCollective } from '../collectives/collectives.js';
import type { PhaseEntry } from '../collectives/phase-requests.js';

/** Per phase (by position among the entries priced): its time on each configuration (null where it cannot run). */
export type ConfigurationTimes = ReadonlyMap<number, ReadonlyMap<string, number | null>>;

export function configurationTimes(context: FabricContext, entries: readonly PhaseEntry[], own: ReadonlyArray<number | null>): ConfigurationTimes {
    const configs = context.model.ocsConfigurations.map(c => c.name);
    const times = new Map<number, Map<string, number | null>>();
    if (configs.length < 2) return times;
    entries.forEach((entry, i) => {
        if (entry.configuration === null || !entry.request) return;
        const row = new Map<string, number | null>();
        for (const config of configs) {
            if (config === entry.configuration) { row.set(config, own[i]); continue; }
            const request = context.request(entry, config)!;
            row.set(config, evaluateCollective(context.network(config), { ...request, timeOnly: true }).chosen?.timeSeconds ?? null);
        }
        times.set(i, row);
    });
    return times;
}
