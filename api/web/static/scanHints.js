// Hints for a scan that did not verify, drawn only from what this station read or typed: the
// producer's data is never consulted (the answer carries none), so a hint says what looks
// mistyped or misread, never what the right value is.
const GS = '\u001d';
// (17) as YYYYMMDD, or YYYYMM typed where YYMMDD belongs: 20 then two more year digits and a month.
const FOUR_DIGIT_YEAR = /^20\d\d(0[1-9]|1[0-2])(\d\d)?$/;

const isElementString = (code) => !/^\s*(\(|https?:)/i.test(code);

/**
 * @param {{ code?: string, gsSubstitute?: string, pack?: { lot?: string, exp?: string }, status: number,
 *           errors?: { code?: string, path?: string, message?: string }[] }} scan
 * @returns {string[]}
 */
export function scanHints({ code, gsSubstitute, pack, status, errors = [] }) {
  const hints = [];
  const lot = pack?.lot ?? '';
  const exp = pack?.exp ?? '';
  if (/[a-z]/.test(lot))
    hints.push('The lot has lower-case letters; lots are printed in capitals. Check the lot as it was read or typed.');
  if (FOUR_DIGIT_YEAR.test(exp) || errors.some((e) => e.path === 'exp' && exp.length === 8))
    hints.push('The expiry looks like a four-digit year. Expiry is YYMMDD: 31 March 2028 is 280331.');
  const raw = code ?? '';
  const separated = raw.includes(GS) || (gsSubstitute && raw.includes(gsSubstitute));
  // The server says it itself when it can see which field swallowed the next one.
  const saidByServer = errors.some((e) => /GS separator/.test(e.message ?? ''));
  if (
    status === 400 &&
    raw &&
    isElementString(raw) &&
    !separated &&
    !saidByServer &&
    errors.some((e) => e.code === 'missing_ai')
  )
    hints.push(
      'No group separator (GS) came after the lot or serial, so one field ran into the next. Set your scanner to send GS, or enter the text it sends instead under scanner settings.',
    );
  return hints;
}
