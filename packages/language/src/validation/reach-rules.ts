import { formatQuantity } from '@fabric/simulator';
import type { ValidationAcceptor } from 'langium';
import { isLengthOption, type Connect, type PartType } from '../generated/ast.js';
import { FabricCode } from './fabric-codes.js';
import { findProperty, propertyQuantity, quantityIn, relatedAt } from './part-lookup.js';

/** What a reach quick fix needs: the length the cable must cover. */
export interface ReachExceededData {
    readonly code: typeof FabricCode.ReachExceeded;
    readonly lengthMeters: number;
}

const reaches = new WeakMap<PartType, number | undefined>();

/** Reach of an optics type, read once per declaration (a file may have thousands of connects using it). */
function reachOf(optics: PartType): number | undefined {
    if (!reaches.has(optics)) reaches.set(optics, propertyQuantity(optics, 'reach', 'length'));
    return reaches.get(optics);
}

/** A cable must be no longer than its optics type reaches: a 20 m run on a 2 m copper DAC does not work. */
export function cableShouldBeWithinReach(connect: Connect, accept: ValidationAcceptor): void {
    const optics = connect.optics?.ref;
    const option = connect.options.find(isLengthOption);
    if (optics?.kind !== 'link' || !option) return;
    const length = quantityIn(option.length, 'length');
    const reach = reachOf(optics);
    if (length === undefined || reach === undefined || length <= reach) return;
    const data: ReachExceededData = { code: FabricCode.ReachExceeded, lengthMeters: length };
    accept('error', `a ${formatQuantity(length, 'length')} cable is beyond the reach of ${optics.name} (${formatQuantity(reach, 'length')})`, {
        node: option, property: 'length', code: FabricCode.ReachExceeded, data,
        relatedInformation: relatedAt(findProperty(optics, 'reach'), `${optics.name} reaches ${formatQuantity(reach, 'length')}`)
    });
}
