// Naming a failure set by path: the resolver behind click-to-fail and `fabric failures --fail`.
import { describe, expect, it } from 'vitest';
import { leafSpineFabric } from '../src/generate/fabric-generators.js';
import { resolveFailureSelection } from '../src/failures/failure-selection.js';

describe('resolveFailureSelection', () => {
    const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 2 });
    const id = (path: string) => model.nodes.find(n => n.path === path)!.id;

    it('a node path fails that node alone', () => {
        const { selection, unknown } = resolveFailureSelection(model, ['spine.sw[1]']);
        expect(selection.nodeIds).toEqual([id('spine.sw[1]')]);
        expect(selection.linkIds).toEqual([]);
        expect(unknown).toEqual([]);
    });

    it('a group path fails every node below it', () => {
        const rack = model.groups.find(g => g.path === 'rack[1]')!;
        const { selection } = resolveFailureSelection(model, ['rack[1]']);
        expect(selection.nodeIds).toEqual(model.nodes.filter(n => n.path.startsWith('rack[1].')).map(n => n.id));
        expect(selection.nodeIds.length).toBe(rack.nodeIds.length);
    });

    it('a domain name fails the domain, and names fail together without duplicates', () => {
        const domain = model.failureDomains.find(d => d.name === 'rack_power[0]')!;
        const { selection } = resolveFailureSelection(model, ['rack_power[0]', 'rack[0].sw[0]']);
        expect(selection.nodeIds).toEqual([...domain.nodeIds].sort((a, b) => a - b));
        expect(selection.name).toBe('rack_power[0], rack[0].sw[0]');
    });

    it('links by id and by their two ends', () => {
        const link = model.links.find(l => l.a === id('rack[0].sw[0]') || l.b === id('rack[0].sw[0]'))!;
        const [a, b] = [model.nodes[link.a].path, model.nodes[link.b].path];
        const between = model.links.filter(l => (l.a === link.a && l.b === link.b) || (l.a === link.b && l.b === link.a)).map(l => l.id);
        expect(resolveFailureSelection(model, [`link#${link.id}`]).selection.linkIds).toEqual([link.id]);
        expect(resolveFailureSelection(model, [`${b} <-> ${a}`]).selection.linkIds).toEqual(between);
        expect(resolveFailureSelection(model, [`${a} ↔ ${b}`]).selection.linkIds).toEqual(between);
    });

    it('names that match nothing come back as unknown and fail nothing', () => {
        const { selection, unknown } = resolveFailureSelection(model, ['rack[9]', 'link#999999', 'spine.sw[0] <-> spine.sw[1]']);
        expect(unknown).toEqual(['rack[9]', 'link#999999', 'spine.sw[0] <-> spine.sw[1]']);
        expect(selection.nodeIds).toEqual([]);
        expect(selection.linkIds).toEqual([]);
    });
});
