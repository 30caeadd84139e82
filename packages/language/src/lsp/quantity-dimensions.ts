import type { Dimension } from '@fabric/simulator';
import { isBudget, isLaneSpec, isLengthOption, isPhase, isProperty, type Quantity } from '../generated/ast.js';
import { propertySpec } from '../elaboration/part-properties.js';

/**
 * The dimensions a written quantity may have where it stands: `reach` wants a length, a budget
 * power, a phase size data. Shared by unit quick fixes and unit completion.
 */
export function expectedDimensions(quantity: Quantity): readonly Dimension[] {
    const container = quantity.$container;
    if (isBudget(container)) return ['power'];
    if (isLengthOption(container)) return ['length'];
    if (isPhase(container)) return ['dataSize'];
    if (isLaneSpec(container)) return ['bitRate', 'byteRate'];
    if (isProperty(container)) {
        const spec = propertySpec(container);
        return spec?.value === 'quantity' ? spec.dimensions : [];
    }
    return [];
}

/** Edit distance, for ranking unit suggestions by how close they are to what was typed. */
export function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}
