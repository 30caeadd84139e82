import { BASE_UNIT, formatNumber, formatQuantity, parseQuantity, perDirection } from '@fabric/simulator';
import type { Quantity } from '../generated/ast.js';
import { magnitudeProblem } from '../elaboration/quantities.js';
import { markdownTable } from './markdown-table.js';
import { expectedDimensions } from './quantity-dimensions.js';

/**
 * A written quantity in its normalized forms: the base unit the model stores, a readable prefix,
 * and for the known traps the other convention (GB vs GiB, bits vs bytes, per
 * direction vs bidirectional).
 */
export function quantityForms(quantity: Quantity): string | undefined {
    if (quantity.value === undefined) return undefined;
    const expected = expectedDimensions(quantity);
    const parsed = parseQuantity(quantity.value, quantity.unit, expected.length > 0 ? expected : undefined);
    if (!parsed.ok) return undefined;
    const written = quantity.$cstNode?.text ?? `${quantity.value}${quantity.unit ? ` ${quantity.unit}` : ''}`;
    const tooFar = magnitudeProblem(parsed.value, parsed.dimension);
    if (tooFar) return `**${written}** is ${tooFar}`;
    const rows: string[][] = [];
    const { value, dimension } = parsed;
    if (dimension === 'bitRate' || dimension === 'byteRate') {
        const bits = perDirection(dimension === 'byteRate' ? value * 8 : value, quantity.direction === 'bidirectional' ? 'bidirectional' : 'per-direction');
        rows.push(['per direction (model)', `${formatNumber(bits)} bps`], ['bits per second', formatQuantity(bits, 'bitRate')],
            ['bytes per second', formatQuantity(bits / 8, 'byteRate')], ['both directions', formatQuantity(bits / 4, 'byteRate')]);
    } else if (dimension === 'dataSize') {
        rows.push(['bytes (model)', `${Number.isInteger(value) ? value.toLocaleString('en-US') : formatNumber(value, 6)} B`], ['binary', formatQuantity(value, 'dataSize')],
            ['decimal', `${formatNumber(value / 1e9)} GB`], ['bits', `${formatNumber(value * 8)} bit`]);
    } else if (dimension === 'count') {
        rows.push(['count', formatNumber(value)]);
    } else {
        const model = dimension === 'energyPerBit' ? `${formatNumber(value)} J/bit` : `${formatNumber(value, 6)} ${BASE_UNIT[dimension]}`.trim();
        rows.push([`${dimension} (model)`, model], ['readable', formatQuantity(value, dimension)]);
        if (dimension === 'time') rows.push(['nanoseconds', `${formatNumber(value * 1e9)} ns`]);
        if (dimension === 'energyPerBit') rows.push(['watts per Tbps', `${formatNumber(value * 1e12)} W`]);
    }
    return `**${written}**\n\n${markdownTable(['form', 'value'], rows)}`;
}
