/**
 * The scene: what the diagram draws of one fabric at one level of detail, as plain JSON data.
 * Boxes are the visible elements (nodes, and groups either open as frames or collapsed into one
 * box); bundles are the links between two visible boxes, merged. Every number comes from the
 * simulator's Analysis (none is computed here); every element keeps the source ranges of what it
 * stands for. Indices into `boxes`, `bundles` and `sources` are what other parts refer to.
 */
import type { FabricTotals, GroupKind, NodeKind, OpticsKind, SourceRef } from '@fabric/simulator';

/** What a box mostly is, for tiers in the layout: the kind of node it holds (accelerators win). */
export type BoxRole = 'compute' | 'switch' | 'ocs';

export interface MemberCounts {
    readonly accelerators: number;
    readonly switches: number;
    readonly ocs: number;
}

export interface BoxProblem {
    readonly severity: 'error' | 'warning' | 'info';
    readonly code: string;
    readonly message: string;
}

export interface SceneBox {
    /** The model path ('' for the fabric itself): stable across edits that keep the structure. */
    readonly key: string;
    /** The last segment of the path (`gpu[3]`), or the fabric's name. */
    readonly label: string;
    readonly kind: NodeKind | GroupKind;
    /** A group (open frame or collapsed box), not a node. */
    readonly group: boolean;
    /** A group drawn as one box standing for everything in it. */
    readonly collapsed: boolean;
    /** The open group drawn around it, -1 for the fabric. */
    readonly parent: number;
    readonly role: BoxRole;
    /** The index in its declared array (`gpu[3]` → 3), 0 for a scalar: places meshes. */
    readonly index: number;
    /** The nodes it stands for. */
    readonly members: MemberCounts;
    /** Node id (nodes) or group id (groups) in the model. */
    readonly modelId: number;
    /** Part type, for nodes. */
    readonly type?: string;
    /** Links wholly inside a collapsed group (not drawn). */
    readonly hiddenLinks?: number;
    /** An open group whose nodes (one array) form a ring, mesh or torus: its dimensions, x fastest (one: a ring, drawn as a circle). */
    readonly grid?: readonly number[];
    /** Indices into `Scene.sources`. */
    readonly src: readonly number[];
    /** From the analysis (absent while it runs). */
    readonly watts?: number;
    readonly budgetWatts?: number;
    readonly overBudget?: boolean;
    readonly portsUsed?: number;
    readonly portsAvailable?: number;
    readonly problems?: readonly BoxProblem[];
}

export type BundleKinds = Partial<Record<OpticsKind | 'unknown', number>>;

export interface SceneBundle {
    /** Box indices, a < b. Links and OCS circuit halves between the same boxes are separate bundles. */
    readonly a: number;
    readonly b: number;
    /** Static links in the bundle. */
    readonly links: number;
    /** OCS circuits of the shown configuration passing here (a circuit is drawn as its two halves); absent when none. */
    readonly circuits?: number;
    /** Σ per-direction bandwidth of its links and circuits. */
    readonly bandwidth: number;
    readonly kinds: BundleKinds;
    /** Σ link power at full load (analysis). */
    readonly watts?: number;
    /**
     * The chosen phase's load: the largest of its links' and circuits' loads (the fraction of the phase
     * time a link is busy, 0–1, from the simulator's `PhaseResult.linkLoads`), when the analysis has it.
     */
    readonly load?: number;
    /** Links whose length exceeds their optics' reach. */
    readonly reachExceeded?: number;
    readonly src: readonly number[];
}

export interface ScenePhase {
    /** `workload.phase`. */
    readonly id: string;
    readonly collective: string;
    readonly participants: number;
    readonly bytes: number;
    readonly configuration: string | null;
    readonly algorithm: string | null;
    readonly timeSeconds: number | null;
    readonly algbwBytesPerSecond: number | null;
    readonly busbwBytesPerSecond: number | null;
    readonly picojoulesPerBit: number | null;
    /** `from → to` of the most loaded arc. */
    readonly bottleneck: string | null;
    readonly failure: string | null;
    readonly src: number;
}

/** The analysis totals the side panel shows. */
export type SceneTotals = Pick<FabricTotals, 'accelerators' | 'switches' | 'ocs' | 'links' | 'powerWatts' | 'networkPowerWatts' | 'picojoulesPerBit' | 'bisectionBytesPerSecond' | 'diameterHops'>;

export interface SceneBudget {
    readonly path: string;
    readonly powerWatts: number;
    readonly budgetWatts: number;
    readonly overBudget: boolean;
}

export interface SceneFailureDomain {
    readonly name: string;
    readonly blastRadius: number;
    readonly cutOff: number;
    readonly src: number;
}

export interface Scene {
    readonly fabric: string;
    readonly uri: string;
    /** Changes exactly when the drawn structure changes (boxes, nesting, bundles' ends): the layout cache key. */
    readonly structureKey: string;
    readonly collapseThreshold: number;
    /** The phase whose load the bundles carry, and the OCS configuration whose circuits are drawn. */
    readonly phase: string | null;
    readonly configuration: string | null;
    /** `pending` while the analysis runs: the topology is drawn already, the numbers follow. */
    readonly analysis: 'ready' | 'pending' | 'unavailable';
    readonly sources: readonly SourceRef[];
    readonly boxes: readonly SceneBox[];
    readonly bundles: readonly SceneBundle[];
    /** Optics kinds drawn, for the legend. */
    readonly kinds: ReadonlyArray<OpticsKind | 'unknown'>;
    readonly phases: readonly ScenePhase[];
    readonly totals?: SceneTotals;
    readonly budgets?: readonly SceneBudget[];
    readonly failureDomains?: readonly SceneFailureDomain[];
    readonly slowdownThreshold: number;
}

/** Which groups the viewer opened or closed by hand (by path), over the collapse threshold's defaults. */
export interface SceneView {
    readonly collapseThreshold: number;
    readonly expanded?: readonly string[];
    readonly collapsed?: readonly string[];
    /** The phase whose load the bundles carry: absent for the slowest phase (the first while there is no analysis), null for none. */
    readonly phase?: string | null;
}

/** A bundle's name, stable across edits that keep the structure: its ends' paths, `~` marking circuit halves. */
export function bundleKey(scene: Pick<Scene, 'boxes'>, bundle: SceneBundle): string {
    return `${scene.boxes[bundle.a].key}|${scene.boxes[bundle.b].key}${bundle.circuits ? '~' : ''}`;
}
