import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unreadable } from '../errors.ts';
import type { FreeswitchXmlCdr } from '../../core/usage/index.ts';

// FreeSWITCH's mod_xml_cdr writes one XML document per call. An upload may hold one, several
// concatenated (each with its own XML declaration), or several inside a wrapper element. Each
// <cdr> element is read on its own, so a broken one is rejected as its own row and the others
// import. Entities are never expanded: a file with a DOCTYPE or an entity declaration is refused
// whole (that is how XML external entity and entity-expansion attacks arrive).

/** One <cdr> element: its place in the file (1-based), and what it holds or why it cannot be read. */
export type XmlCdrChunk =
  { position: number; text: string; cdr: FreeswitchXmlCdr } | { position: number; text: string; error: string };

const DECLARATIONS = /<!DOCTYPE|<!ENTITY/i;
const CDR_START = /<cdr[\s>/]/g;

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'callflow',
});

/** Refuses, before anything is stored, an XML file that declares a DOCTYPE or entities. */
export function assertNoXmlDeclarations(text: string): void {
  if (DECLARATIONS.test(text)) {
    throw unreadable(
      'XML_ENTITIES_REFUSED',
      'the XML CDR declares a DOCTYPE or entities; they are never processed, so the file is refused whole',
      [
        {
          field: 'body',
          code: 'XML_ENTITIES_REFUSED',
          message: 'remove the <!DOCTYPE …> and <!ENTITY …> declarations',
        },
      ],
    );
  }
}

/** The <cdr> elements of a file, in order; the text between them is ignored. */
export function splitXmlCdrs(text: string): Array<{ position: number; text: string }> {
  const out: Array<{ position: number; text: string }> = [];
  let end = 0;
  for (const match of text.matchAll(CDR_START)) {
    const start = match.index ?? 0;
    if (start < end) continue; // "<cdr" inside the previous element's text
    const tagEnd = text.indexOf('>', start);
    if (tagEnd > 0 && text[tagEnd - 1] === '/')
      end = tagEnd + 1; // <cdr/>: an empty call record
    else {
      const close = text.indexOf('</cdr>', start);
      end = close < 0 ? text.length : close + '</cdr>'.length;
    }
    out.push({ position: out.length + 1, text: text.slice(start, end) });
  }
  return out;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined XML entities and character references; nothing else is an entity here. */
function unescapeXml(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_all, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** mod_xml_cdr URL-encodes variable values ("2025-10-05%2010%3A00%3A00"). */
function urlDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function textsOf(node: unknown, decode: (v: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out[key] = decode(unescapeXml(value));
  }
  return out;
}

/** Reads one <cdr>: variables, and the caller profile of the call as first dialled (the last callflow). */
export function readXmlCdr(chunk: { position: number; text: string }): XmlCdrChunk {
  const valid = XMLValidator.validate(chunk.text);
  if (valid !== true) return { ...chunk, error: `line ${valid.err.line}: ${valid.err.msg}` };
  const doc = parser.parse(chunk.text) as { cdr?: { variables?: unknown; callflow?: unknown[] } };
  const cdr = doc.cdr;
  if (!cdr || typeof cdr !== 'object') return { ...chunk, error: 'not a <cdr> element' };
  const flows = Array.isArray(cdr.callflow) ? cdr.callflow : [];
  const first = flows[flows.length - 1] as { caller_profile?: unknown } | undefined;
  return {
    ...chunk,
    cdr: { variables: textsOf(cdr.variables, urlDecode), profile: textsOf(first?.caller_profile, (v) => v) },
  };
}
