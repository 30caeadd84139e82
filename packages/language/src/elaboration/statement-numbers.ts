import type { AstNode } from 'langium';

/**
 * Numbers statements in the order they are first asked about (a connection inside `rack r[0..7]`
 * is elaborated once per rack and keeps the number it got the first time): FabricLink.statement.
 *
 * A statement is found by its place among its container's members (`$container`,
 * `$containerProperty`, `$containerIndex`), in one array of numbers per container, rather than
 * in a map keyed by the statement: a map over the 40k connections of a 50k-line fabric hashed
 * each of them and was rebuilt a dozen times as it grew. A node whose place does not check out
 * (not in its container's list where it says) is numbered through the map.
 */
export class StatementNumbers {
    private count = 0;
    /** Per container and property: the number of each member plus one (0: not numbered yet). */
    private readonly byPlace = new Map<AstNode, Map<string, Int32Array>>();
    private readonly byNode = new Map<AstNode, number>();
    /** The container and list asked about last (statements come container by container). */
    private lastContainer: AstNode | undefined;
    private lastProperty: string | undefined;
    private lastNumbers: Int32Array | undefined;

    of(statement: AstNode): number {
        const container = statement.$container;
        const property = statement.$containerProperty;
        const index = statement.$containerIndex;
        if (!container || property === undefined || index === undefined) return this.ofNode(statement);
        const list = (container as unknown as Record<string, unknown>)[property];
        if (!Array.isArray(list) || list[index] !== statement) return this.ofNode(statement);
        const numbers = this.numbersOf(container, property, list.length);
        if (index >= numbers.length) return this.ofNode(statement); // the list grew (never, for a parsed tree)
        if (numbers[index] === 0) numbers[index] = ++this.count;
        return numbers[index] - 1;
    }

    private ofNode(statement: AstNode): number {
        let number = this.byNode.get(statement);
        if (number === undefined) this.byNode.set(statement, number = this.count++);
        return number;
    }

    private numbersOf(container: AstNode, property: string, length: number): Int32Array {
        if (container === this.lastContainer && property === this.lastProperty) return this.lastNumbers!;
        let lists = this.byPlace.get(container);
        if (!lists) this.byPlace.set(container, lists = new Map());
        let numbers = lists.get(property);
        if (!numbers) lists.set(property, numbers = new Int32Array(length));
        this.lastContainer = container;
        this.lastProperty = property;
        this.lastNumbers = numbers;
        return numbers;
    }
}
