import { describe, expect, test } from 'vitest';
import { atpExchangeCsv, atpExchangeJson, type AtpExchangeRecord } from './exchangeReport.js';

const base: AtpExchangeRecord = {
  at: new Date('2026-12-04T10:00:00Z'),
  companyId: 'c1',
  corrUuid: '21ec2020-3aea-4069-a2dd-08002b30309d',
  direction: 'incoming',
  operation: 'verify',
  partnerId: null,
  holderDid: 'did:web:a.test',
  verifierDid: 'did:web:b.test',
  result: 'ok',
  errorCodes: [],
  latencyMs: 12.345678,
  requestId: 'r1',
};

describe('the ATP audit-trail download', () => {
  test.each([
    [
      'an ok wallet call',
      base,
      '2026-12-04T10:00:00.000Z,21ec2020-3aea-4069-a2dd-08002b30309d,incoming,verify,,did:web:a.test,did:web:b.test,ok,,12.35',
    ],
    [
      'a pre-check refusal: no holder, no latency, codes joined by |',
      {
        ...base,
        holderDid: null,
        result: 'failed' as const,
        errorCodes: ['vp_nonce_invalid', 'vc_invalid'],
        latencyMs: null,
      },
      '2026-12-04T10:00:00.000Z,21ec2020-3aea-4069-a2dd-08002b30309d,incoming,verify,,,did:web:b.test,failed,vp_nonce_invalid|vc_invalid,',
    ],
  ])('%s', (_name, exchange, line) => {
    const [header, row] = atpExchangeCsv([exchange]).trim().split('\r\n');
    expect(header).toBe('at,corrUUID,direction,operation,partnerId,holderDID,verifierDID,result,errorCodes,latencyMs');
    expect(row).toBe(line);
  });

  test('JSON keeps nulls and arrays, leaves out the company and request id', () => {
    const json = atpExchangeJson({ ...base, latencyMs: null });
    expect(json).toMatchObject({
      latencyMs: null,
      errorCodes: [],
      corrUUID: base.corrUuid,
      holderDID: 'did:web:a.test',
    });
    expect(json).not.toHaveProperty('companyId');
    expect(json).not.toHaveProperty('requestId');
  });
});
