import { describe, expect, test } from 'vitest';
import { RestartPolicy } from '../src/restart-policy.js';

describe('restart policy', () => {
    test('the first death restarts the server and says so; the second leaves it stopped and says how to start it', () => {
        const policy = new RestartPolicy();
        const first = policy.serverClosed();
        expect(first.restart).toBe(true);
        expect(first.message).toMatch(/restarted/);
        const second = policy.serverClosed();
        expect(second.restart).toBe(false);
        expect(second.message).toMatch(/Fabric: Restart Language Server/);
        expect(policy.serverClosed().restart).toBe(false);
    });

    test('a restart by hand starts the count again', () => {
        const policy = new RestartPolicy();
        policy.serverClosed();
        policy.serverClosed();
        policy.userRestarted();
        expect(policy.serverClosed().restart).toBe(true);
    });
});
