import { describe, expect, test } from 'vitest';
import { parsePeerAnswer } from './peerAnswer.js';

const CORR = '21EC2020-3AEA-4069-A2DD-08002B30309D';
const good = {
  verificationTimestamp: '2026-03-02T14:07:31.482-05:00',
  responderGLN: '0312345000011',
  corrUUID: CORR,
  data: { verified: true },
};
const json = (changes: Record<string, unknown>, data?: Record<string, unknown>) =>
  JSON.stringify({ ...good, ...changes, ...(data && { data }) });

describe('parsePeerAnswer: accepted, in our spelling', () => {
  test.each([
    [
      'a standard answer',
      json({}),
      { verificationTimestamp: '2026-03-02T19:07:31.482Z', data: { verified: true }, unknownFailureReason: null },
    ],
    [
      'microseconds',
      json({ verificationTimestamp: '2026-03-02T14:07:31.482917-05:00' }),
      { verificationTimestamp: '2026-03-02T19:07:31.482Z' },
    ],
    [
      'no fraction, Z',
      json({ verificationTimestamp: '2026-03-02T19:07:31Z' }),
      { verificationTimestamp: '2026-03-02T19:07:31.000Z' },
    ],
    [
      'offset without a colon',
      json({ verificationTimestamp: '2026-03-02T20:07:31.5+0100' }),
      { verificationTimestamp: '2026-03-02T19:07:31.500Z' },
    ],
    ['a missing corrUUID: ours is echoed', json({ corrUUID: undefined }), { corrUUID: CORR }],
    ['corrUUID in another case: ours as sent', json({ corrUUID: CORR.toLowerCase() }), { corrUUID: CORR }],
    [
      'a standard failure reason',
      json({}, { verified: false, verificationFailureReason: 'Manufacturer_policy', additionalInfo: ['Recalled'] }),
      {
        data: { verified: false, verificationFailureReason: 'Manufacturer_policy', additionalInfo: ['Recalled'] },
        unknownFailureReason: null,
      },
    ],
    [
      'an unknown failure reason: No_reason_provided, original kept',
      json({}, { verified: false, verificationFailureReason: 'Product_quarantined' }),
      {
        data: { verified: false, verificationFailureReason: 'No_reason_provided' },
        unknownFailureReason: 'Product_quarantined',
      },
    ],
    [
      'verified false without a reason',
      json({}, { verified: false }),
      { data: { verified: false, verificationFailureReason: 'No_reason_provided' }, unknownFailureReason: null },
    ],
    [
      'a reason beside verified true is dropped',
      json({}, { verified: true, verificationFailureReason: 'No_reason_provided' }),
      { data: { verified: true } },
    ],
    [
      'additionalInfo: unknown values dropped, canonical order, empty omitted',
      json({}, { verified: true, additionalInfo: ['Expired', 'Colour', 'Recalled'] }),
      { data: { verified: true, additionalInfo: ['Recalled', 'Expired'] } },
    ],
    ['additionalInfo empty', json({}, { verified: true, additionalInfo: [] }), { data: { verified: true } }],
  ])('%s', (_name, body, expected) => {
    const result = parsePeerAnswer(body, CORR);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({ responderGLN: '0312345000011', corrUUID: CORR, ...expected });
    if (result.ok) expect(result.value.data).toEqual((expected as { data?: unknown }).data ?? result.value.data);
  });
});

describe('parsePeerAnswer: refused, naming the field', () => {
  test.each([
    ['not JSON', '<html>502 Bad Gateway</html>', 'body'],
    ['an array', '[]', 'body'],
    ['no timestamp', json({ verificationTimestamp: undefined }), 'verificationTimestamp'],
    [
      'a timestamp without an offset',
      json({ verificationTimestamp: '2026-03-02T14:07:31.482' }),
      'verificationTimestamp',
    ],
    ['an impossible date', json({ verificationTimestamp: '2026-02-31T14:07:31Z' }), 'verificationTimestamp'],
    [
      'an impossible date in our own spelling',
      json({ verificationTimestamp: '2026-02-29T14:07:31.482Z' }),
      'verificationTimestamp',
    ],
    ['a GLN with a bad check digit', json({ responderGLN: '0312345000012' }), 'responderGLN'],
    ['no responder', json({ responderGLN: undefined }), 'responderGLN'],
    ["another request's corrUUID", json({ corrUUID: '00000000-0000-4000-8000-000000000000' }), 'corrUUID'],
    ['no data', json({ data: undefined }), 'data'],
    ['verified as a string', json({}, { verified: 'true' }), 'data.verified'],
    ['a numeric reason', json({}, { verified: false, verificationFailureReason: 3 }), 'data.verificationFailureReason'],
    ['additionalInfo not an array', json({}, { verified: true, additionalInfo: 'Recalled' }), 'data.additionalInfo'],
  ])('%s', (_name, body, path) => {
    const result = parsePeerAnswer(body, CORR);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.path).toBe(path);
  });
});
