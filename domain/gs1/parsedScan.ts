import { gs1Error, type Gs1Error } from './errors.js';
import { err, ok, type Result } from '../result.js';

/** One AI and its value, as read from a barcode. */
export interface Gs1Element {
  ai: string;
  /** The data as encoded (Digital Link values already percent-decoded). */
  value: string;
  /** Offset of the AI in the scanned string. */
  position: number;
  /** ISO date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM for 7003) for date AIs. */
  date?: string;
}

export type ScanForm = 'element_string' | 'bracketed' | 'digital_link';

export interface ParsedScan {
  form: ScanForm;
  /** Symbology identifier sent by the scanner (e.g. "]d2"), or null. */
  symbology: string | null;
  /** Distinct AIs in the order first seen. */
  elements: Gs1Element[];
}

export interface ScanOptions {
  /** Reference for the two-digit-year window; pass it in so parsing never reads the clock. */
  now: Date;
  /** Text a scanner sends instead of the GS character (e.g. "<GS>"); GS itself is always accepted. */
  gsSubstitute?: string;
}

export function getAi(scan: ParsedScan, ai: string): Gs1Element | undefined {
  return scan.elements.find((e) => e.ai === ai);
}

/**
 * Gathers elements and errors in the rank the vectors fix: field errors left to right, then
 * conflicts (GS1 allows a repeated AI only with the same value).
 */
export class ElementCollector {
  readonly elements: Gs1Element[] = [];
  // Error lists are created only when needed: valid scans are the hot path.
  private fieldErrors: Gs1Error[] | undefined;
  private conflicts: Gs1Error[] | undefined;

  add(result: Result<Gs1Element, Gs1Error>): void {
    if (!result.ok) {
      this.fail(result.error);
      return;
    }
    const element = result.value;
    const elements = this.elements;
    let earlier: Gs1Element | undefined;
    for (let i = 0; i < elements.length && earlier === undefined; i++) {
      if (elements[i]?.ai === element.ai) earlier = elements[i];
    }
    if (earlier === undefined) {
      elements.push(element);
    } else if (earlier.value !== element.value) {
      (this.conflicts ??= []).push(
        gs1Error('conflicting_ai', `(${element.ai}) appears twice: "${earlier.value}" and "${element.value}"`, {
          ai: element.ai,
          position: element.position,
        }),
      );
    }
  }

  fail(error: Gs1Error): void {
    (this.fieldErrors ??= []).push(error);
  }

  finish(form: ScanForm, symbology: string | null): Result<ParsedScan, Gs1Error[]> {
    if (this.fieldErrors !== undefined || this.conflicts !== undefined) {
      return err([...(this.fieldErrors ?? []), ...(this.conflicts ?? [])]);
    }
    return ok({ form, symbology, elements: this.elements });
  }
}
