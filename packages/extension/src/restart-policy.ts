/**
 * When the language server dies: restart it once and say so; if it dies again before the user
 * restarts it by hand, leave it stopped and say how to start it (a crash loop helps no one).
 */
export interface RestartDecision {
    readonly restart: boolean;
    readonly message: string;
}

export class RestartPolicy {
    private crashes = 0;

    serverClosed(): RestartDecision {
        this.crashes++;
        if (this.crashes === 1) {
            return { restart: true, message: 'The Fabric language server stopped unexpectedly and was restarted. Its log is in the Fabric output channel.' };
        }
        return { restart: false, message: 'The Fabric language server stopped again and was left stopped. See the Fabric output channel, then run "Fabric: Restart Language Server".' };
    }

    /** A restart the user asked for starts the count again. */
    userRestarted(): void {
        this.crashes = 0;
    }
}
