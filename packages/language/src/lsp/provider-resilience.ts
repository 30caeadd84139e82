import { isOperationCancelled } from 'langium';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

/** Handlers that must answer with their own result: an empty answer would break the session. */
const UNGUARDED = new Set(['onInitialize', 'onShutdown', 'onExit']);

/**
 * The language server's boundary, in one place: every request and notification handler
 * registered on the connection (Langium's providers, custom requests such as `fabric/diagram`)
 * runs guarded. An exception is logged to the client's output and answered with an empty result
 * (`null`, which every LSP request accepts), so one defect in one provider never takes the
 * server down or leaves the editor waiting. Cancellation passes through as cancellation.
 */
export function resilientConnection(connection: Connection, log: (message: string) => void = message => connection.console.error(message)): Connection {
    return guard(connection, log, '') as Connection;
}

function guard(target: object, log: (message: string) => void, path: string): object {
    const wrapped = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
        get(object, property, receiver) {
            const value: unknown = Reflect.get(object, property, receiver);
            if (typeof property !== 'string') return value;
            if (!wrapped.has(property)) wrapped.set(property, wrap(object, property, value, log, path));
            return wrapped.get(property);
        }
    });
}

function wrap(owner: object, property: string, value: unknown, log: (message: string) => void, path: string): unknown {
    const where = path ? `${path}.${property}` : property;
    if (path === '' && property === 'languages' && value && typeof value === 'object') return guardTree(value, log, where);
    if (typeof value !== 'function') return value;
    if (!property.startsWith('on') || UNGUARDED.has(property)) return value.bind(owner);
    return (...args: unknown[]) => {
        const method = typeof args[0] === 'string' ? args[0] : (args[0] as { method?: string } | undefined)?.method ?? where;
        return (value as (...a: unknown[]) => unknown).apply(owner, args.map(arg => (typeof arg === 'function' ? guardedHandler(arg as Handler, method, log) : arg)));
    };
}

/** `connection.languages.semanticTokens.on(…)`, `…inlayHint.on(…)`: the same guard one level down. */
function guardTree(value: object, log: (message: string) => void, path: string): object {
    return new Proxy(value, {
        get(object, property, receiver) {
            const inner: unknown = Reflect.get(object, property, receiver);
            if (typeof property !== 'string') return inner;
            if (inner && typeof inner === 'object') return guard(inner, log, `${path}.${property}`);
            return wrap(object, property, inner, log, path);
        }
    });
}

type Handler = (...args: unknown[]) => unknown;

function guardedHandler(handler: Handler, method: string, log: (message: string) => void): Handler {
    const failed = (error: unknown) => {
        if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
        if (error instanceof ResponseError) return error;
        log(`${method} failed and was answered with an empty result: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        return null;
    };
    return (...args: unknown[]) => {
        try {
            const result = handler(...args);
            return result instanceof Promise ? result.catch(failed) : result;
        } catch (error) {
            return failed(error);
        }
    };
}

/** A rejected promise nobody awaited (a build started by a notification) is logged, not fatal to the process. */
export function logUnhandledRejections(log: (message: string) => void): void {
    process.on('unhandledRejection', reason => log(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));
}
