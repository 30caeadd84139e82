// Shape anchors (routing.ts ROUTING_SHAPE_ANCHORS, failures.ts TALLY_SHAPE_ANCHOR, schedule.ts
// SCHEDULE_SHAPE_ANCHOR): one idle instance of each hot class, kept by its module so that V8 keeps the
// class's hidden class, and the optimised code built for it, across full collections between analyses.
// They are module-level objects, so they must stay idle: an analysis that searched, loaded or tallied
// through one would carry state from one analysis into the next. Checked after a full analysis with a
// failure sweep (searches, paired routes, per-arc loads, blast radii and schedules all run), and that
// each anchor is an instance of the class whose shape it keeps.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import { ocsPodFabric } from '../src/generate/fabric-generators.js';
import { ROUTING_SHAPE_ANCHORS } from '../src/routing/routing.js';
import { TALLY_SHAPE_ANCHOR } from '../src/failures/failures.js';
import { SCHEDULE_SHAPE_ANCHOR, ScheduleBuilder } from '../src/collectives/schedule.js';
import { PathRegion } from '../src/routing/path-region.js';

type Fields = Record<string, unknown>;

describe('shape anchors', () => {
    it('stay idle through a full analysis with a failure sweep, one of each hot class', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 2, ocs: 12, phases: [
            { name: 'grads', collective: 'all-reduce', bytes: 1 << 26 },
            { name: 'experts', collective: 'all-to-all', bytes: 1 << 24 }
        ] });
        const analysis = analyzeFabric(pod, { singleFailures: ['switch'] });
        // The sweep ran and slowed phases (so blast radii were tallied).
        expect(analysis.singleFailures.length).toBe(12);
        expect(analysis.phases.every(p => p.timeSeconds !== null)).toBe(true);

        const [bfs, builder, region] = ROUTING_SHAPE_ANCHORS as Fields[];
        expect(typeof bfs.runAll).toBe('function');
        expect(bfs.visited).toBe(0);
        expect(bfs.source).toBe(-1);
        expect(bfs.recordedFor).toBe(-1);
        expect((bfs.dist as Int32Array).length).toBe(0);
        expect(typeof builder.build).toBe('function');
        expect((builder.uniform as Float64Array).length).toBe(0);
        expect(builder.flows).toBe(0);
        expect(builder.unreachable).toBe(0);
        expect(region).toBeInstanceOf(PathRegion);
        expect((region as unknown as PathRegion).hops).toBe(-1);
        expect((TALLY_SHAPE_ANCHOR as Fields).size).toBe(0);
        expect(SCHEDULE_SHAPE_ANCHOR).toBeInstanceOf(ScheduleBuilder);
        expect((SCHEDULE_SHAPE_ANCHOR as ScheduleBuilder).patterns.length).toBe(0);
        expect((SCHEDULE_SHAPE_ANCHOR as ScheduleBuilder).schedules.length).toBe(0);
    });
});
