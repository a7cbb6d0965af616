/**
 * Variable-length fields end at the GS character (ASCII 29, what FNC1 becomes in scanner output).
 * Some scanners are set up to send other text instead (e.g. "<GS>" from a keyboard wedge), so
 * a configured substitute is honoured as well; GS itself always counts.
 */
export const GS = '\u001d';
const GS_CODE = 29;

export class Separators {
  private readonly substitute: string | undefined;

  constructor(substitute?: string) {
    this.substitute = substitute === undefined || substitute === '' || substitute === GS ? undefined : substitute;
  }

  /** Length of the separator at s[i], or 0. */
  lengthAt(s: string, i: number): number {
    if (s.charCodeAt(i) === GS_CODE) return 1;
    const sub = this.substitute;
    return sub !== undefined && s.startsWith(sub, i) ? sub.length : 0;
  }

  /** Index of the first separator in s[from, to), or -1. */
  find(s: string, from: number, to = s.length): number {
    let at = s.indexOf(GS, from);
    const sub = this.substitute;
    if (sub !== undefined) {
      const other = s.indexOf(sub, from);
      if (other !== -1 && (at === -1 || other < at)) at = other;
    }
    return at !== -1 && at < to ? at : -1;
  }
}

const PLAIN = new Separators();

/** Separators for a configured substitute; the common no-substitute case allocates nothing. */
export function separatorsFor(substitute?: string): Separators {
  return substitute === undefined || substitute === '' ? PLAIN : new Separators(substitute);
}
