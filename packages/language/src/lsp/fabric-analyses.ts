import { analyzeFabric, type Analysis, type FabricModel } from '@fabric/simulator';

/**
 * The one Analysis of each FabricModel, shared by diagnostics, hovers, inlay hints, code lenses
 * and the diagram feed. Keyed by the model object: elaboration makes new models when the
 * workspace changes, so stale analyses are dropped with their models and memory stays bounded.
 *
 * `quick` leaves out the failure-domain sweep (links, parts, power, phases, OCS); `full` has it.
 * `cached` never computes: what a hover uses so that it never waits for a sweep.
 */
export class FabricAnalyses {
    private readonly analyses = new WeakMap<FabricModel, { quick?: Analysis; full?: Analysis }>();

    quick(model: FabricModel): Analysis {
        const entry = this.entry(model);
        return entry.full ?? (entry.quick ??= analyzeFabric(model, { skipFailureDomains: true }));
    }

    full(model: FabricModel): Analysis {
        const entry = this.entry(model);
        return entry.full ??= analyzeFabric(model);
    }

    cached(model: FabricModel): Analysis | undefined {
        const entry = this.analyses.get(model);
        return entry?.full ?? entry?.quick;
    }

    /** Whether the failure-domain sweep is ready. */
    hasFull(model: FabricModel): boolean {
        return this.analyses.get(model)?.full !== undefined;
    }

    private entry(model: FabricModel): { quick?: Analysis; full?: Analysis } {
        let entry = this.analyses.get(model);
        if (!entry) {
            entry = {};
            this.analyses.set(model, entry);
        }
        return entry;
    }
}
