import { describe, expect, it } from 'vitest';
import { byteChunks, collect } from '../test/helpers/asyncRows.js';
import { XmlInputError } from './xmlError.js';
import { xmlSubtrees } from './xmlSubtrees.js';

const items = (xml: string | Iterable<Uint8Array>) => collect(xmlSubtrees(xml, new Set(['item'])));

/** The classic: ten levels of ten-fold references, 10^9 "lol"s if anything expanded it. */
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n ')}
]>
<root><item>&lol9;</item></root>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<root><item>&xxe;</item></root>`;

async function failure(promise: Promise<unknown>): Promise<XmlInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XmlInputError);
  return error as XmlInputError;
}

describe('xmlSubtrees', () => {
  it('matches local names under any prefix and drops namespace declarations', async () => {
    const xml =
      '<a:root xmlns:a="u1"><a:item a:k="1" xmlns:b="u2"><b:x>1 &amp; 2</b:x></a:item><item><![CDATA[<3]]></item></a:root>';
    expect((await items(xml)).map((s) => s.xml)).toEqual(['<item k="1"><x>1 &amp; 2</x></item>', '<item>&lt;3</item>']);
  });

  it('keeps a selected element nested in another inside the outer one', async () => {
    const out = await items('<r><item><item>in</item></item><item/></r>');
    expect(out.map((s) => s.xml)).toEqual(['<item><item>in</item></item>', '<item></item>']);
  });

  it('survives chunks that split tags and multi-byte characters', async () => {
    const xml = '\uFEFF<r>\n<item>Acmécilline ✓</item>\n<item>b</item></r>';
    const out = await items(byteChunks(xml, 3));
    expect(out).toEqual([
      { name: 'item', xml: '<item>Acmécilline ✓</item>', line: 2 },
      { name: 'item', xml: '<item>b</item>', line: 3 },
    ]);
  });

  it('rejects a billion-laughs DOCTYPE before expanding anything', async () => {
    const started = performance.now();
    const error = await failure(items(BILLION_LAUGHS));
    expect(error.code).toBe('doctype');
    expect(error.message).toMatch(/DOCTYPE declarations are not accepted/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('rejects an external-entity DOCTYPE, also when it arrives in small chunks', async () => {
    expect((await failure(items(EXTERNAL_ENTITY))).code).toBe('doctype');
    expect((await failure(items(byteChunks(EXTERNAL_ENTITY, 5)))).code).toBe('doctype');
  });

  it('rejects an entity reference that no DOCTYPE defines', async () => {
    expect((await failure(items('<root><item>&xxe;</item></root>'))).code).toBe('malformed');
  });

  it('reports malformed XML with line and column', async () => {
    const error = await failure(items('<root>\n  <item>a</item>\n  <item>b</itm>\n</root>'));
    expect(error).toMatchObject({ code: 'malformed', line: 3 });
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/line 3, column \d+/);
  });

  it('reports an unclosed document and an empty one', async () => {
    expect((await failure(items('<root><item>a</item>'))).code).toBe('malformed');
    expect((await failure(items('  '))).message).toMatch(/no root element/);
  });

  it('refuses an element larger than the limit', async () => {
    const error = await failure(
      collect(xmlSubtrees(`<r><item>${'x'.repeat(100)}</item></r>`, new Set(['item']), { maxSubtreeChars: 50 })),
    );
    expect(error.code).toBe('too_large');
  });
});
