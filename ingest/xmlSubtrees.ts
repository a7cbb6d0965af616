import sax from 'sax';
import { leadingSyntax, refuseOtherSyntax } from './documentKind.js';
import { textChunks, type ByteSource } from './source.js';
import { XmlInputError } from './xmlError.js';

/** One selected element, re-serialised on its own so xml2js can parse it in isolation. */
export interface XmlSubtree {
  /** Local name of the element (prefix removed). */
  name: string;
  xml: string;
  /** 1-based line where the element starts, for messages. */
  line: number;
}

/**
 * A single element larger than this is refused rather than buffered. A trade item is a few KB;
 * an EPCIS event of 10,000 EPCs is about 500,000 characters, and its packs become events in
 * one synchronous step, so larger events must be split by the sender.
 */
export const DEFAULT_MAX_SUBTREE_CHARS = 512 * 1024;

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** Open tag with local names only; namespace declarations are dropped because senders vary them. */
function openTag(tag: sax.Tag | sax.QualifiedTag): string {
  let out = `<${localName(tag.name)}`;
  for (const [name, attr] of Object.entries(tag.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    // Without the xmlns option sax gives plain strings; the object form is handled for the type's sake.
    const value = typeof attr === 'string' ? attr : attr.value;
    out += ` ${localName(name)}="${escapeAttr(value)}"`;
  }
  return `${out}>`;
}

/**
 * Cuts a streamed XML document into the subtrees of the elements named in `select` (matched
 * on local name, any prefix), in document order; a selected element inside another selected
 * one stays part of the outer subtree. Only one subtree is held in memory at a time, so a
 * 100 MB file never becomes one object graph.
 *
 * Any DOCTYPE is refused when sax reports it, before the first element: entity definitions
 * (billion laughs, external entities) are never read, let alone expanded. sax itself expands
 * no custom entity; in strict mode a reference to one is a well-formedness error.
 */
export async function* xmlSubtrees(
  source: ByteSource,
  select: ReadonlySet<string>,
  options: {
    maxSubtreeChars?: number;
    /** Called with the root element's local name before anything inside it is read; may throw to refuse the document. */
    onRoot?: (localName: string) => void;
  } = {},
): AsyncGenerator<XmlSubtree> {
  const maxSubtreeChars = options.maxSubtreeChars ?? DEFAULT_MAX_SUBTREE_CHARS;
  const parser = sax.parser(true, { position: true });
  const fail = (code: 'doctype' | 'malformed' | 'too_large', message: string): never => {
    throw new XmlInputError(code, message, parser.line + 1, parser.column);
  };
  const ready: XmlSubtree[] = [];
  let depth = 0;
  let sawRoot = false;
  let capture: { name: string; depth: number; line: number; parts: string[]; size: number } | null = null;

  const append = (s: string): void => {
    if (capture === null) return;
    capture.parts.push(s);
    capture.size += s.length;
    if (capture.size > maxSubtreeChars)
      fail('too_large', `<${capture.name}> is larger than ${maxSubtreeChars} characters, the most accepted; split it`);
  };

  parser.ondoctype = () => fail('doctype', 'DOCTYPE declarations are not accepted (entity expansion risk)');
  parser.onerror = (e) => fail('malformed', `malformed XML: ${e.message.split('\n')[0] ?? 'parse error'}`);
  parser.onopentag = (tag) => {
    const name = localName(tag.name);
    if (!sawRoot) options.onRoot?.(name);
    sawRoot = true;
    depth++;
    if (capture === null && select.has(name)) {
      capture = { name, depth, line: parser.line + 1, parts: [], size: 0 };
    }
    append(openTag(tag));
  };
  parser.ontext = (text) => append(escapeText(text));
  parser.oncdata = (text) => append(escapeText(text));
  parser.onclosetag = (qname) => {
    append(`</${localName(qname)}>`);
    if (capture !== null && capture.depth === depth) {
      ready.push({ name: capture.name, xml: capture.parts.join(''), line: capture.line });
      capture = null;
    }
    depth--;
  };

  let first = true;
  let sniffed = false;
  for await (let text of textChunks(source)) {
    // A byte-order mark left in a string source is not markup; sax would call it text before the root.
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text === '') continue;
    first = false;
    if (!sniffed) {
      // JSON or CSV sent as XML would fail in sax as "non-whitespace before first tag": say what it is instead.
      const syntax = leadingSyntax(text);
      if (syntax !== null) refuseOtherSyntax(syntax, 'xml');
      sniffed = syntax !== null;
    }
    parser.write(text);
    yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
  if (!sawRoot) fail('malformed', 'malformed XML: the document has no root element');
}
