import { bundleKey, bundleOfLinks, boxOfNodes, failureOverlay, type Scene } from '@fabric/diagram';
import { failureEvaluator, prepareFabric, resolveFailureSelection, type FabricModel, type FailureIds, type FailureResult } from '@fabric/simulator';

/**
 * Click-to-fail: failure sets resolved by name and priced against a baseline prepared once per
 * model and threshold (the simulator's `failureEvaluator`), so one click on the 576-accelerator pod
 * costs one failure evaluation, not a re-pricing of every phase.
 */
export class DiagramFailures {
    private readonly evaluators = new WeakMap<FabricModel, Map<number, (failure: FailureIds) => FailureResult>>();

    evaluate(model: FabricModel, scene: Scene, names: readonly string[], bundles: readonly string[], threshold: number) {
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
            const bundleOf = bundleOfLinks(model, scene, boxOfNodes(model, scene));
            bundleOf.forEach((bundle, link) => { if (indices.has(bundle)) linkNames.push(`link#${link}`); });
        }
        const resolved = resolveFailureSelection(model, [...names, ...linkNames]);
        unknown.push(...resolved.unknown);
        const label = [...names, ...bundles.map(k => k.replace('|', ' <-> '))].join(', ');
        const result = this.evaluator(model, threshold)({ ...resolved.selection, name: label });
        return { unknown, result, overlay: failureOverlay(model, scene, result, threshold) };
    }

    private evaluator(model: FabricModel, threshold: number): (failure: FailureIds) => FailureResult {
        let byThreshold = this.evaluators.get(model);
        if (!byThreshold) { byThreshold = new Map(); this.evaluators.set(model, byThreshold); }
        let evaluate = byThreshold.get(threshold);
        if (!evaluate) {
            evaluate = failureEvaluator(prepareFabric(model, { slowdownThreshold: threshold }));
            byThreshold.set(threshold, evaluate);
        }
        return evaluate;
    }
}
