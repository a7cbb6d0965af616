/**
 * GS1 character classes. Checks are on char codes, never on \d or Number(), because those
 * accept non-ASCII digits (U+FF14, U+0660) and signs that a GS1 field must reject.
 */

/** GS1 AI encodable character set 82 (General Specifications, figure 7.11-1). */
const SET_82 = new Uint8Array(128);
for (const ch of '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz') {
  SET_82[ch.charCodeAt(0)] = 1;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index of the first character in [from, to) that is not an ASCII digit, or -1. */
export function firstNonDigit(s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return i;
  }
  return -1;
}

/** Index of the first character in [from, to) outside set 82, or -1. */
export function firstNonSet82(s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || SET_82[c] === 0) return i;
  }
  return -1;
}

export function isAsciiDigits(s: string): boolean {
  return firstNonDigit(s) === -1;
}

export function isSet82(s: string): boolean {
  return firstNonSet82(s) === -1;
}

/** Human-readable name of a character for error messages (control and non-ASCII shown as U+XXXX). */
export function describeChar(s: string, index: number): string {
  const c = s.codePointAt(index) ?? 0;
  if (c > 32 && c < 127) return `'${String.fromCharCode(c)}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
