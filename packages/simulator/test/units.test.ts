import { describe, expect, test } from 'vitest';
import { formatQuantity, parseQuantity, perDirection, unitsOf } from '../src/units.js';

const value = (v: number, unit: string, expected?: Parameters<typeof parseQuantity>[2]) => {
    const r = parseQuantity(v, unit, expected);
    if (!r.ok) throw new Error(r.message);
    return r;
};

describe('units: parse and normalize to one base unit per dimension', () => {
    test.each([
        [132, 'kW', 'power', 132_000],
        [1.3, 'pJ/bit', 'energyPerBit', 1.3e-12],
        [100, 'ns', 'time', 1e-7],
        [10, 'ms', 'time', 0.01],
        [2, 'h', 'time', 7200],
        [1.2, 'm', 'length', 1.2],
        [5, 'cm', 'length', 0.05],
        [200, 'Gbps', 'bitRate', 200e9],
        [1.6, 'Tb/s', 'bitRate', 1.6e12],
        [100, 'GB/s', 'byteRate', 100e9],
        [1, 'GiB/s', 'byteRate', 2 ** 30],
        [4, 'GiB', 'dataSize', 4 * 2 ** 30],
        [4, 'GB', 'dataSize', 4e9],
        [512, 'MiB', 'dataSize', 512 * 2 ** 20],
        [8, 'bit', 'dataSize', 1],
        [2, 'dB', 'loss', 2],
        [500, 'FIT', 'failureRate', 500]
    ] as const)('%d %s is %s %d', (v, unit, dimension, base) => {
        const r = value(v, unit);
        expect(r.dimension).toBe(dimension);
        expect(Math.abs(r.value - base)).toBeLessThanOrEqual(Math.abs(base) * 1e-15); // exact up to the last bit
    });

    test('SI and binary prefixes are never confused', () => {
        expect(value(1, 'GB').value).not.toBe(value(1, 'GiB').value);
        expect(value(1, 'GiB').value / value(1, 'GB').value).toBeCloseTo(1.073741824, 12);
    });

    test('a unit of the wrong dimension names the expected one', () => {
        expect(parseQuantity(1, 'GB', 'length')).toEqual({ ok: false, message: "'GB' is data size; expected length (mm, cm, m, km)" });
        expect(parseQuantity(5, 'W', ['time'])).toEqual({ ok: false, message: "'W' is power; expected time (ns, us, ms, s, min, h)" });
        expect(parseQuantity(5, 'furlongs', 'length')).toEqual({ ok: false, message: "unknown unit 'furlongs'; expected length (mm, cm, m, km)" });
        expect(parseQuantity(5, undefined, 'length')).toEqual({ ok: false, message: 'missing unit: expected length (mm, cm, m, km)' });
        expect(parseQuantity(5, undefined, ['failureRate', 'count'])).toMatchObject({ ok: true, value: 5, dimension: 'count' });
        expect(parseQuantity(Number.NaN, 'W')).toMatchObject({ ok: false });
    });

    test('bidirectional figures halve to per-direction; per-direction ones stay', () => {
        // NVLink 5: 1.8 TB/s bidirectional per GPU is 900 GB/s per direction
        expect(perDirection(value(1.8, 'TB/s').value, 'bidirectional')).toBe(900e9);
        expect(perDirection(400e9, 'per-direction')).toBe(400e9);
    });

    test('every dimension lists its units for completion', () => {
        expect(unitsOf('energyPerBit')).toEqual(['fJ/bit', 'pJ/bit', 'nJ/bit', 'pJ/b']);
        expect(unitsOf('dataSize')).toContain('GiB');
        expect(unitsOf('dataSize')).toContain('GB');
    });
});

describe('units: format with a readable prefix', () => {
    test.each([
        [132_000, 'power', '132 kW'],
        [89907.84, 'power', '89.9 kW'],
        [2.508e-7, 'time', '251 ns'],
        [0.0047724, 'time', '4.77 ms'],
        [7200, 'time', '2 h'],
        [900, 'time', '15 min'],
        [1.3e-12, 'energyPerBit', '1.3 pJ/bit'],
        [4 * 2 ** 30, 'dataSize', '4 GiB'],
        [900e9, 'byteRate', '900 GB/s'],
        [400e9, 'bitRate', '400 Gbps'],
        [0, 'power', '0 W']
    ] as const)('%d as %s reads %s', (v, dimension, text) => {
        expect(formatQuantity(v, dimension)).toBe(text);
    });

    test('non-finite numbers never print as NaN or Infinity', () => {
        expect(formatQuantity(Number.NaN, 'power')).toBe('n/a');
        expect(formatQuantity(Number.POSITIVE_INFINITY, 'time')).toBe('n/a');
    });
});
