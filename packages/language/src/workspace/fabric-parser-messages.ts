import { LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const MEMBER_KINDS = "accelerator, switch, ocs, laser, link, pod, rack, tray, group, layer, connect, budget, 'failure domain', workload or configuration";
const TERMINAL_WORDS: Readonly<Record<string, string>> = {
    ID: 'a name',
    NUMBER: 'a number',
    STRING: 'a quoted path',
    DIMS: 'a shape such as 4x4x4'
};

/** Parser messages in the user's words: what was expected, what was found, and for a block what it may hold. */
export class FabricParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, ruleName } = options;
        const wanted = TERMINAL_WORDS[expected.name] ?? `'${expected.name.replace(/:KW$/, '')}'`;
        let message = `expected ${wanted} but found ${found(actual)}`;
        const rule = ruleName.replace(/\u200B/g, ''); // Langium marks rule names with a zero-width space
        if (wanted === "'}'" && ['Fabric', 'Group', 'Layer'].includes(rule)) {
            message += `; a ${rule.toLowerCase()} block holds ${MEMBER_KINDS}`;
        }
        return message;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `expected 'import', a part type (accelerator, switch, ocs, link, laser) or 'fabric' but found ${found(options.firstRedundant)}`;
    }
}

function found(token: IToken): string {
    return token.image === '' ? 'the end of the file' : `'${token.image}'`;
}
