import { LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const MEMBER_KINDS = "accelerator, switch, ocs, laser, link, pod, rack, tray, group, layer, connect, budget, 'failure domain', workload or configuration";
const NAME_KEYWORDS = new Set(["'pod'", "'rack'", "'tray'", "'group'", "'ocs'", "'laser'", "'x'", "'source'"]);
const TERMINAL_WORDS: Readonly<Record<string, string>> = {
    ID: 'a name',
    NUMBER: 'a number',
    STRING: 'a quoted string',
    DIMS: 'a shape such as 4x4x4'
};

/** Parser messages in the user's words: what was expected, what was found, and for a block what it may hold. */
export class FabricParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, ruleName } = options;
        const wanted = describeToken(expected);
        let message = `expected ${wanted} but found ${found(actual)}${wanted === TERMINAL_WORDS.ID ? keywordAsName(actual) : ''}`;
        const rule = ruleName.replace(/\u200B/g, ''); // Langium marks rule names with a zero-width space
        if (wanted === "'}'" && ['Fabric', 'Group', 'Layer'].includes(rule)) {
            message += `; a ${rule.toLowerCase()} block holds ${MEMBER_KINDS}`;
        }
        return message;
    }

    /** Among the alternatives, the tokens that could have come where the input went its own way. */
    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        const paths = options.expectedPathsPerAlt.flat();
        const matched = (path: TokenType[]) => {
            let k = 0;
            while (k < path.length && k < options.actual.length && tokenMatches(options.actual[k], path[k])) k++;
            return k;
        };
        const depth = Math.max(0, ...paths.map(matched));
        let expected = [...new Set(paths.filter(p => matched(p) === depth && p.length > depth).map(p => describeToken(p[depth])))];
        if (expected.includes(TERMINAL_WORDS.ID)) {
            expected = expected.filter(e => !NAME_KEYWORDS.has(e)); // words usable as names are names here
        }
        const actual = options.actual[depth] ?? options.actual[options.actual.length - 1];
        const hint = actual && expected.includes(TERMINAL_WORDS.ID) ? keywordAsName(actual) : '';
        return `expected ${expected.length > 0 ? expected.join(', ') : 'something else'} but found ${actual ? found(actual) : 'the end of the file'}${hint}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `expected 'import', a part type (accelerator, switch, ocs, link, laser) or 'fabric' but found ${found(options.firstRedundant)}`;
    }
}

function describeToken(type: TokenType): string {
    return TERMINAL_WORDS[type.name] ?? `'${type.name.replace(/:KW$/, '')}'`;
}

function tokenMatches(token: IToken, type: TokenType): boolean {
    return token.tokenType === type || (token.tokenType.CATEGORIES ?? []).includes(type);
}

/** Where a name was expected and a keyword came (`group ring[0..1]`): say that keywords are reserved, and how to go on. */
function keywordAsName(token: IToken): string {
    const isKeyword = token.tokenType.name.endsWith(':KW') || !TERMINAL_WORDS[token.tokenType.name];
    return isKeyword && /^[_a-zA-Z][\w-]*$/.test(token.image)
        ? `: '${token.image}' is a keyword and cannot be used as a name; rename it (for example 'my_${token.image.replace(/-/g, '_')}')`
        : '';
}

function found(token: IToken): string {
    return token.image === '' ? 'the end of the file' : `'${token.image}'`;
}
