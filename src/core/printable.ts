// C0 controls (ESC starts every terminal escape sequence), DEL, C1 controls (U+009B is a one-character CSI)
// and the bidirectional overrides that make text read differently from how it is stored.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, with tabs left as they are
const UNPRINTABLE_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeOne(character: string): string {
  const code = character.charCodeAt(0);
  return (
    NAMED[character] ??
    (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
  );
}

/**
 * Text from a user's file made safe for a terminal: control characters and escape sequences are shown as
 * escapes (`\e[2J`), never sent. With `keepTabs`, tabs stay (code frames show lines as they are indented).
 */
export function printable(text: string, { keepTabs = false } = {}): string {
  return text.replace(keepTabs ? UNPRINTABLE_BUT_TAB : UNPRINTABLE, escapeOne);
}
