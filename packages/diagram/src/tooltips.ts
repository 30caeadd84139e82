/**
 * Tooltip lines for a box or a bundle: the analysis' numbers formatted by the simulator's unit
 * formatter, as the editor's hover formats them.
 */
import { formatQuantity, OPTICS_KINDS } from '@fabric/simulator';
import type { Scene } from './scene.js';

export function boxTooltip(scene: Scene, i: number): string[] {
    const b = scene.boxes[i];
    const lines = [b.key || scene.fabric];
    lines.push(b.group ? `${b.kind}${b.collapsed ? ' (collapsed)' : ''}` : `${b.kind} ${b.type ?? ''}`.trim());
    const m = b.members;
    if (b.group) lines.push([m.accelerators ? `${m.accelerators} accelerators` : '', m.switches ? `${m.switches} switches` : '', m.ocs ? `${m.ocs} OCS` : ''].filter(Boolean).join(', '));
    if (b.hiddenLinks) lines.push(`${b.hiddenLinks} links inside`);
    if (b.watts !== undefined) lines.push(`power ${formatQuantity(b.watts, 'power')}${b.budgetWatts !== undefined ? ` of ${formatQuantity(b.budgetWatts, 'power')} budget${b.overBudget ? ' (over budget)' : ''}` : ''}`);
    if (b.portsUsed !== undefined && b.portsAvailable !== undefined) lines.push(`ports ${b.portsUsed} / ${b.portsAvailable}`);
    for (const p of b.problems ?? []) lines.push(`${p.severity} ${p.code}: ${p.message}`);
    if (scene.analysis === 'pending') lines.push('analysis running; its numbers follow');
    return lines;
}

export function bundleTooltip(scene: Scene, i: number): string[] {
    const b = scene.bundles[i];
    const lines = [`${scene.boxes[b.a].key} ↔ ${scene.boxes[b.b].key}`];
    const kinds = OPTICS_KINDS.filter(k => b.kinds[k]).map(k => `${b.kinds[k]} ${k}`);
    if (b.kinds.unknown) kinds.push(`${b.kinds.unknown} unknown`);
    lines.push(`${b.links ? `${b.links} link${b.links === 1 ? '' : 's'}` : ''}${b.links && b.circuits ? ', ' : ''}${b.circuits ? `${b.circuits} circuit${b.circuits === 1 ? '' : 's'} (${scene.configuration})` : ''}: ${kinds.join(', ')}`);
    lines.push(`bandwidth ${formatQuantity(b.bandwidth, 'byteRate')} per direction`);
    if (b.watts !== undefined) lines.push(`power at full load ${formatQuantity(b.watts, 'power')}`);
    if (b.load !== undefined && scene.phase) lines.push(`${scene.phase}: busiest link busy ${(b.load * 100).toFixed(1)} % of the phase`);
    if (b.reachExceeded) lines.push(`${b.reachExceeded} links longer than their optics reach`);
    return lines;
}
