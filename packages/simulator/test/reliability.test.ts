// FIT and downtime arithmetic, recomputed here by hand.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { anyDownFraction, downtimeFraction, fitToFailuresPerDay, laserSourceFit, reliabilitySummary, seriesRate } from '../src/reliability/reliability.js';
import { DEFAULT_PARTS, leafSpineFabric, singleTierFabric } from '../src/generate/fabric-generators.js';

describe('FIT arithmetic', () => {
    it('turns FIT into failures per day and downtime', () => {
        expect(fitToFailuresPerDay(1e9)).toBe(24);
        expect(fitToFailuresPerDay(500)).toBeCloseTo(500e-9 * 24, 20);
        // up 1/λ = 10⁶ h on average, then down 2 h: down 2 / (10⁶ + 2) of the time
        expect(downtimeFraction(1000, 7200)).toBeCloseTo(2 / (1e6 + 2), 20);
        expect(fitToFailuresPerDay(-5)).toBe(0);
        expect(downtimeFraction(Number.NaN, 10)).toBe(0);
    });

    it('adds parts in series; the slowest repair sets the domain repair time', () => {
        const s = seriesRate([{ fit: 100, repairSeconds: 600 }, { fit: 300, repairSeconds: 3600 }]);
        expect(s.failuresPerDay).toBeCloseTo(400e-9 * 24, 20);
        expect(s.repairSeconds).toBe(3600);
        const u1 = 100e-9 * (600 / 3600) / (1 + 100e-9 * (600 / 3600)), u2 = 300e-9 / (1 + 300e-9);
        // the product form loses digits to cancellation; the simulator's log1p/expm1 form does not
        expect(s.downtimeFraction / (u1 + u2 - u1 * u2)).toBeCloseTo(1, 12);
    });

    it('a fleet is down while any part is: a fraction below 1 however many parts, where Σ λr passes 1', () => {
        // 16,384 parts each down 1/10,000 of the time: Σ u = 1.64 parts under repair on average;
        // some part is down 1 − (1 − 10⁻⁴)^16384 = 80.6 % of the time.
        const fleet = anyDownFraction(Array.from({ length: 16_384 }, () => 1e-4));
        expect(fleet).toBeCloseTo(1 - Math.pow(1 - 1e-4, 16_384), 12);
        expect(fleet).toBeLessThan(1);
        expect(anyDownFraction([])).toBe(0);
        expect(anyDownFraction([Number.NaN, -1, 0])).toBe(0);
        expect(anyDownFraction([1, 0.5])).toBe(1);
    });

    it('a laser source without spares fails with any laser; N+1 needs a second failure within the repair', () => {
        expect(laserSourceFit(8, 0, 50, 600)).toBeCloseTo(400, 9);
        const lambda = 50e-9, hours = 600 / 3600;
        expect(laserSourceFit(8, 1, 50, 600)).toBeCloseTo((9 * lambda) * (8 * lambda * hours) / 1e-9, 15);
    });
});

describe('fabric and domain rates', () => {
    it('sums every part of a single-tier fabric', () => {
        const n = 16, k = 4;
        const model = singleTierFabric({ accelerators: n, switches: k });
        const r = reliabilitySummary(model);
        const P = DEFAULT_PARTS;
        const fit = n * P.acceleratorFit + k * P.switchFit + n * k * P.linkFit;
        expect(r.failuresPerDay).toBeCloseTo(fit * 24e-9, 18);
        expect(r.meanTimeBetweenInterruptionsSeconds!).toBeCloseTo(86400 / (fit * 24e-9), 3);
        const u = (fit: number, repairSeconds: number) => fit * 1e-9 * repairSeconds / 3600 / (1 + fit * 1e-9 * repairSeconds / 3600);
        const up = Math.pow(1 - u(P.acceleratorFit, P.acceleratorRepairSeconds), n) * Math.pow(1 - u(P.switchFit, P.switchRepairSeconds), k)
            * Math.pow(1 - u(P.linkFit, P.linkRepairSeconds), n * k);
        expect(r.downtimeFraction / (1 - up)).toBeCloseTo(1, 8);
        expect(r.byKind.find(s => s.kind === 'link')!.parts).toBe(n * k);
    });

    it('gives each failure domain the rate of its parts and each laser-source domain its source rate', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 2, cpoUplinks: true });
        const analysis = analyzeFabric(model);
        const P = DEFAULT_PARTS;
        const rack = analysis.failureDomains.find(d => d.name === 'rack_power[0]')!;
        expect(rack.failuresPerDay).toBeCloseTo((4 * P.acceleratorFit + 2 * P.switchFit) * 24e-9, 18);
        expect(rack.repairSeconds).toBe(P.acceleratorRepairSeconds);
        const els = model.types.lasers.els;
        const laser = analysis.failureDomains.find(d => d.origin === 'laser-source')!;
        expect(laser.failuresPerDay).toBeCloseTo(laserSourceFit(els.lasers, els.spares, els.fit, els.repairSeconds) * 24e-9, 25);
        const lambdaR = laserSourceFit(els.lasers, els.spares, els.fit, els.repairSeconds) * 1e-9 * els.repairSeconds / 3600;
        expect(laser.downtimeFraction).toBeCloseTo(lambdaR / (1 + lambdaR), 25);
    });
});
