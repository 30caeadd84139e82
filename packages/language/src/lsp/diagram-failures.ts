import { bundleKey, failureOverlay, sceneMaps, type Scene, type SceneMaps } from '@fabric/diagram';
import { resolveFailureSelection, type FabricModel } from '@fabric/simulator';
import { InProcessFailureRunner, type FailureRunner } from './diagram-failure-runner.js';

/**
 * Click-to-fail: failure sets resolved by name and priced against a baseline prepared once per
 * model and threshold (the simulator's `failureEvaluator`), so one click on the 576-accelerator pod
 * costs one failure evaluation, not a re-pricing of every phase.
 */
export class DiagramFailures {
    /** Where the failure sets are priced: in-process by default, a worker thread in the server. */
    constructor(private readonly runner: FailureRunner = new InProcessFailureRunner()) { }

    /** Per scene (the scene cache keeps one per model and view), where its nodes and links are drawn. */
    private readonly maps = new WeakMap<Scene, SceneMaps>();

    /** Where `scene` draws the nodes and links of `model`, built once per scene (the server builds it ahead of the first click). */
    mapsOf(model: FabricModel, scene: Scene): SceneMaps {
        let maps = this.maps.get(scene);
        if (!maps) { maps = sceneMaps(model, scene); this.maps.set(scene, maps); }
        return maps;
    }

    /** Prepare the baseline of `model` ahead of the first click (the server does when a diagram shows an analysed model). */
    prepare(document: string, model: FabricModel, threshold: number): void {
        this.runner.prepare(document, model, threshold);
    }

    async evaluate(document: string, model: FabricModel, scene: Scene, names: readonly string[], bundles: readonly string[], threshold: number) {
        const linkNames: string[] = [];
        const unknown: string[] = [];
        if (bundles.length > 0) {
            const wanted = new Map<string, number>();
            scene.bundles.forEach((b, i) => wanted.set(bundleKey(scene, b), i));
            const indices = new Set<number>();
            for (const key of bundles) {
                const i = wanted.get(key);
                if (i === undefined || scene.bundles[i].links === 0) unknown.push(key); else indices.add(i);
            }
            this.mapsOf(model, scene).bundleOf.forEach((bundle, link) => { if (indices.has(bundle)) linkNames.push(`link#${link}`); });
        }
        const resolved = resolveFailureSelection(model, [...names, ...linkNames]);
        unknown.push(...resolved.unknown);
        const label = [...names, ...bundles.map(k => k.replace('|', ' <-> '))].join(', ');
        const result = await this.runner.evaluate(document, model, { ...resolved.selection, name: label }, threshold);
        return { unknown, result, overlay: failureOverlay(model, scene, result, threshold, this.mapsOf(model, scene)) };
    }

    dispose(): void {
        this.runner.dispose();
    }
}
