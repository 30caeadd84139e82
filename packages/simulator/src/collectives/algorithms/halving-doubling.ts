/**
 * Recursive halving-doubling (Thakur, Rabenseifner & Gropp, "Optimization of collective communication
 * operations in MPICH", IJHPCA 2005). On 2^p ranks: p exchange steps at rank distance 2^j, halving the
 * data each step (reduce-scatter), then the same steps doubling it (all-gather):
 *   2·log₂n·α + 2(n−1)/n · S/B.
 * On n = 2^p + r ranks, all-reduce first folds the r extra ranks into partners (each sends its whole
 * buffer, which the partner reduces), runs on the 2^p, and hands the result back:
 *   (2p + 2)·α + (2(2^p−1)/2^p + 2) · S/B.
 */
import type { CollectiveKind } from '../../model/fabric-model.js';
import { flows, mapped, type ScheduleBuilder, type ScheduleStep } from '../schedule.js';

export function halvingDoublingSchedules(b: ScheduleBuilder, collective: CollectiveKind, ranks: readonly number[], bytes: number): void {
    const n = ranks.length;
    const p = 2 ** Math.floor(Math.log2(n));
    const extra = n - p;
    if (extra > 0 && collective !== 'all-reduce') {
        b.skip('halving-doubling', `${collective} by halving-doubling needs a power-of-two number of ranks (has ${n})`);
        return;
    }
    const core = ranks.slice(0, p);
    const rs: ScheduleStep[] = [];
    const ag: ScheduleStep[] = [];
    for (let j = 0; (1 << j) < p; j++) {
        const pattern = b.add(mapped(core, i => i ^ (1 << j)));
        rs.push({ pattern, bytes: bytes / (1 << (j + 1)), latencySteps: 1, transfers: 1, reduces: true, label: `reduce-scatter at distance ${1 << j}` });
        ag.unshift({ pattern, bytes: bytes / (1 << (j + 1)), latencySteps: 1, transfers: 1, label: `all-gather at distance ${1 << j}` });
    }
    const steps: ScheduleStep[] = [];
    if (collective !== 'all-gather') steps.push(...rs);
    if (collective !== 'reduce-scatter') steps.push(...ag);
    if (extra > 0) {
        const fold = b.add(flows(ranks.slice(p).map((r, i) => [r, ranks[i]] as const)));
        const unfold = b.add(flows(ranks.slice(p).map((r, i) => [ranks[i], r] as const)));
        steps.unshift({ pattern: fold, bytes, latencySteps: 1, transfers: 1, reduces: true, label: `fold ${extra} extra ranks into partners` });
        steps.push({ pattern: unfold, bytes, latencySteps: 1, transfers: 1, label: `hand the result back to the ${extra} extra ranks` });
    }
    b.schedule('halving-doubling', steps, extra > 0 ? `${p} ranks by halving-doubling, ${extra} folded in and out (Rabenseifner)` : `${p} ranks by halving-doubling`);
}
