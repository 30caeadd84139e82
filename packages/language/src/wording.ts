/** 'a' or 'an' before a word, for messages such as "'gpu' is an accelerator" or "an ocs". */
export function article(word: string): string {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}
