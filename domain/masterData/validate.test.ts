import { describe, expect, it } from 'vitest';
import { validateProduct } from './validate.js';

const ctx = { companyPrefixes: ['030591', '0012345'] };
const base = { gtin: '00305910369019', targetMarkets: ['840'] };

const errorsOf = (input: unknown, c = ctx) => {
  const result = validateProduct(input, c);
  return result.ok ? [] : result.error;
};

describe('validateProduct', () => {
  it('normalises and fills every field', () => {
    const result = validateProduct(
      {
        ...base,
        gtin: '305910369019',
        brandName: ' Acme ',
        netContent: { value: '30', unit: 'EA' },
        targetMarkets: ['16', '840', '840'],
      },
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        gtin: '00305910369019',
        ndc: '0591036901',
        ndc11: null,
        brandName: 'Acme',
        functionalName: null,
        regulatedProductName: null,
        dosageForm: null,
        strength: null,
        netContent: { value: 30, unit: 'EA' },
        tradeItemUnitDescriptor: null,
        targetMarkets: ['016', '840'],
        ownerGln: null,
      },
    });
  });

  it.each([
    ['hyphenated NDC10 gives the layout', { ndc: '0591-0369-01' }, '0591-0369-01', '00591036901'],
    ['NDC11 in the ndc field', { ndc: '00591-0369-01' }, '0591-0369-01', '00591036901'],
    ['NDC11 field alone', { ndc11: '00591036901' }, '0591-0369-01', '00591036901'],
    ['plain NDC10 digits', { ndc: '0591036901' }, '0591036901', null],
    [
      'hyphenated NDC10 and agreeing NDC11',
      { ndc: '0591-0369-01', ndc11: '00591036901' },
      '0591-0369-01',
      '00591036901',
    ],
  ])('NDC: %s', (_name, fields, ndc, ndc11) => {
    const result = validateProduct({ ...base, ...fields }, ctx);
    expect(result.ok && { ndc: result.value.ndc, ndc11: result.value.ndc11 }).toEqual({ ndc, ndc11 });
  });

  it('a GTIN without 03 has no NDC', () => {
    const result = validateProduct({ ...base, gtin: '00012345678905' }, ctx);
    expect(result.ok && result.value.ndc).toBeNull();
  });

  it.each([
    ['check digit', { gtin: '00305910369018' }, 'gtin', /check digit should be 9/],
    ['JSON number GTIN', { gtin: 305910369019 }, 'gtin', /string/],
    ['outside company prefixes', { gtin: '00361414567894' }, 'gtin', /outside the producer's company prefixes/],
    ['NDC of another product', { ndc: '0591-0369-02' }, 'ndc', /does not match the GTIN/],
    ['NDC with a bad layout', { ndc: '059-10369-01' }, 'ndc', /segments/],
    ['NDC11 in the wrong layout', { ndc: '0591-0369-01', ndc11: '05910036901' }, 'ndc11', /does not match/],
    ['NDC on a non-NDC GTIN', { gtin: '00012345678905', ndc: '1234-5678-90' }, 'ndc', /carries no NDC/],
    ['bad owner GLN', { ownerGln: '0614141000011' }, 'ownerGln', /check digit/],
    ['bad target market', { targetMarkets: ['US'] }, 'targetMarkets.0', /ISO 3166/],
    ['net content without unit', { netContent: { value: 10 } }, 'netContent.unit', /./],
    ['negative net content', { netContent: { value: '-1', unit: 'EA' } }, 'netContent.value', /./],
  ])('rejects %s', (_name, fields, path, message) => {
    const errors = errorsOf({ ...base, ...fields });
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it('no company prefixes means no GTIN may be published', () => {
    expect(errorsOf(base, { companyPrefixes: [] })[0]?.message).toMatch(/none registered/);
  });

  it('reports several field errors at once', () => {
    expect(errorsOf({ ...base, ndc: '1111-1111-11', ownerGln: '123' }).map((e) => e.path)).toEqual(['ndc', 'ownerGln']);
  });

  it('a record that is not an object is one error', () => {
    expect(errorsOf('nope')).toEqual([{ path: '(record)', message: expect.any(String) }]);
  });
});
