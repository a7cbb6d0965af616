/**
 * Headers of every GS1 answer. We speak GS1US-Version 1.3.0; R1.1-R1.3 only added optional
 * request fields, so our answer is also a valid 1.0-1.2 answer, and a caller that names one of
 * those gets it echoed (a strict client compares it). Anything else (absent, 2.x, garbage) gets
 * 1.3.0, the version we answer in.
 */
export const GS1US_VERSION = '1.3.0';

const OLDER_1X = /^1\.[0-3](\.\d{1,3})?$/;
const DEFAULT_HEADERS = Object.freeze({ 'Cache-Control': 'private, no-cache', 'GS1US-Version': GS1US_VERSION });

export function answerHeaders(requestedVersion: string | undefined): Readonly<Record<string, string>> {
  if (requestedVersion === undefined || requestedVersion === GS1US_VERSION || !OLDER_1X.test(requestedVersion))
    return DEFAULT_HEADERS;
  return { 'Cache-Control': 'private, no-cache', 'GS1US-Version': requestedVersion };
}
