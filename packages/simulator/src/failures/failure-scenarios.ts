/**
 * What fails, as data: failure domains (explicit, and implicit per external laser source) and
 * single-part failures (a switch or OCS, a link, a laser), with the spare and de-rating rules:
 *
 * - A failure domain takes all its nodes, links and laser sources down at once.
 * - A link failure loses one lane: a spare lane absorbs it; otherwise a link of several lanes keeps
 *   running on the others (de-rated), and a one-lane link drops.
 * - A laser failure: an N+1 source's spare absorbs it; otherwise the links that laser feeds drop.
 */
import type { FabricModel, FailureDomain } from '../model/fabric-model.js';
import type { FailedParts } from '../analysis/analysis.js';
import { laserRate, linkRate, nodeRate, componentRate, type PartRate } from '../reliability/reliability.js';
import { linksFedBy } from '../links/link-metrics.js';

export interface FailureSpec extends FailedParts {
    /** Links that keep running at this fraction of their bandwidth. */
    readonly derated: ReadonlyArray<readonly [number, number]>;
    readonly rates: readonly PartRate[];
    readonly source?: FabricModel['source'];
    /** The declared domain this failure is (for its family's spares). */
    readonly domain?: FailureDomain;
}

export function domainFailures(model: FabricModel): FailureSpec[] {
    return model.failureDomains.map(d => {
        // A laser-source domain fails when its source goes dark; the links it feeds are collateral.
        const rates = d.origin === 'laser-source'
            ? d.laserSourceIds.filter(id => model.laserSources[id]).map(id => laserRate(model, id))
            : [
                ...d.nodeIds.filter(id => model.nodes[id]).map(id => nodeRate(model, id)),
                ...d.linkIds.filter(id => model.links[id]).map(id => linkRate(model, id)),
                ...d.laserSourceIds.filter(id => model.laserSources[id]).map(id => laserRate(model, id)),
                ...(d.componentIds ?? []).filter(id => model.components?.[id]).map(id => componentRate(model, id))
            ];
        return {
            name: d.name, kind: 'domain', origin: d.origin, nodeIds: d.nodeIds, linkIds: d.linkIds, laserSourceIds: d.laserSourceIds,
            derated: [], absorbedBySpare: false, rates, source: d.source, domain: d
        };
    });
}

/** Every packet switch and OCS, one at a time. */
export function switchFailures(model: FabricModel): FailureSpec[] {
    return model.nodes.filter(n => n.kind === 'switch' || n.kind === 'ocs').map(n => ({
        name: n.path, kind: 'switch', origin: null, nodeIds: [n.id], linkIds: [], laserSourceIds: [], derated: [],
        absorbedBySpare: false, rates: [nodeRate(model, n.id)], source: n.source
    }));
}

/** Every link losing one lane. */
export function linkFailures(model: FabricModel): FailureSpec[] {
    return model.links.map(l => {
        const base = { name: `${model.nodes[l.a]?.path ?? l.a} ↔ ${model.nodes[l.b]?.path ?? l.b}`, kind: 'link' as const, origin: null, nodeIds: [], laserSourceIds: [], rates: [linkRate(model, l.id)], source: l.source };
        if (l.spareLanes > 0) return { ...base, linkIds: [], derated: [], absorbedBySpare: true };
        if (l.lanes > 1) return { ...base, linkIds: [], derated: [[l.id, (l.lanes - 1) / l.lanes] as const], absorbedBySpare: false };
        return { ...base, linkIds: [l.id], derated: [], absorbedBySpare: false };
    });
}

/** One laser of every external laser source; without a spare, the links it feeds (its share, in link order) drop. */
export function laserFailures(model: FabricModel): FailureSpec[] {
    const fed = linksFedBy(model);
    return model.laserSources.map(ls => {
        const type = model.types.lasers[ls.type];
        const links = fed.get(ls.id) ?? [];
        const lasers = Math.max(1, type?.lasers ?? 1);
        const spare = (type?.spares ?? 0) > 0;
        const perLaser = Math.ceil(links.length / lasers);
        const fit = type?.fit ?? 0;
        return {
            name: `${ls.path} (one laser)`, kind: 'laser', origin: null, nodeIds: [], laserSourceIds: [], derated: [],
            linkIds: spare ? [] : links.slice(0, perLaser), absorbedBySpare: spare,
            rates: [{ fit: fit * (lasers + (type?.spares ?? 0)), repairSeconds: type?.repairSeconds ?? 0 }], source: ls.source
        };
    });
}
