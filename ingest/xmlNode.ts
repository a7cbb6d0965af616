import xml2js from 'xml2js';

/**
 * Reading xml2js objects. With `explicitArray` every child is an array, a text-only element
 * is a string, and an element with attributes is `{ _: text, $: attributes }`; these helpers
 * hide that so extractors read like paths.
 */
export type XmlObject = Record<string, unknown>;

const OPTIONS = { explicitArray: true, explicitRoot: false, trim: true, emptyTag: '' };

/**
 * xml2js parses a string in one synchronous go, which for an event listing thousands of EPCs
 * holds the API's event loop too long; a larger subtree is parsed this much per turn instead.
 */
const SLICE_CHARS = 64 * 1024;

/** Parses one subtree produced by `xmlSubtrees` (already well-formed and without DOCTYPE). */
export async function parseXmlObject(xml: string): Promise<XmlObject> {
  // A parser per call: an xml2js Parser keeps per-document state, and uploads may run concurrently.
  const sliced = xml.length > SLICE_CHARS ? { async: true, chunkSize: SLICE_CHARS } : {};
  const value: unknown = await new xml2js.Parser({ ...OPTIONS, ...sliced }).parseStringPromise(xml);
  // An element with no children and no attributes parses to a string or ''.
  return isObject(value) ? value : { _: value };
}

const isObject = (v: unknown): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function children(node: unknown, name: string): unknown[] {
  if (!isObject(node)) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

export function child(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** Trimmed text of an element, or undefined when it has none. */
export function textOf(node: unknown): string | undefined {
  const text = typeof node === 'string' ? node : isObject(node) && typeof node._ === 'string' ? node._ : undefined;
  return text === undefined || text === '' ? undefined : text;
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (!isObject(node) || !isObject(node.$)) return undefined;
  const value = node.$[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every element called `name` below `node`, depth first; GDSN modules nest at varying depths. */
export function descendants(node: unknown, name: string, out: unknown[] = []): unknown[] {
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$' || key === '_' || !Array.isArray(value)) continue;
    for (const item of value) {
      if (key === name) out.push(item);
      descendants(item, name, out);
    }
  }
  return out;
}

/**
 * Text of a language-tagged element (GDSN `languageCode`): English when present, since the
 * network serves US products, otherwise the first one with text.
 */
export function preferredText(nodes: readonly unknown[], language = 'en'): string | undefined {
  const withText = nodes.filter((n) => textOf(n) !== undefined);
  const preferred = withText.find((n) => attrOf(n, 'languageCode')?.toLowerCase().startsWith(language));
  return textOf(preferred ?? withText[0]);
}
