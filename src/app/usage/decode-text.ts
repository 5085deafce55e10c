import iconv from 'iconv-lite';

// Files come from switches of every age. UTF-8 is the default; a byte-order mark switches to
// UTF-16, and an operator can name another encoding (windows-1252, latin1, koi8-r…) explicitly.
// Bytes that are not valid in the encoding become U+FFFD, so the rows holding them are rejected
// one by one as INVALID_ENCODING while the rest of the file imports. NUL characters (a UTF-16
// file read as UTF-8, binary junk) are replaced the same way: PostgreSQL text cannot hold them.

export const REPLACEMENT = '\uFFFD';

export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

function clean(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, REPLACEMENT) : text;
}

interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

function decoderFor(first: Uint8Array, encoding: string): Decoder {
  let name = encoding.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') {
    if (first[0] === 0xff && first[1] === 0xfe) name = 'utf-16le';
    else if (first[0] === 0xfe && first[1] === 0xff) name = 'utf-16be';
  }
  if (name === 'utf-8' || name === 'utf8') {
    // TextDecoder is native and fast; it drops a UTF-8 BOM and replaces invalid bytes.
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(name);
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? '',
  };
}

/** Decodes chunks of bytes (or passes text through) into text chunks. */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  encoding = 'utf-8',
): AsyncGenerator<string> {
  let decoder: Decoder | null = null;
  let first = true;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield clean(first ? chunk.replace(/^\uFEFF/, '') : chunk);
    } else {
      decoder ??= decoderFor(chunk, encoding);
      const text = decoder.write(chunk);
      if (text) yield clean(text);
    }
    first = false;
  }
  const tail = decoder?.end();
  if (tail) yield clean(tail);
}

/** Decodes a whole upload at once. */
export function decodeAll(bytes: Uint8Array, encoding = 'utf-8'): string {
  const decoder = decoderFor(bytes, encoding);
  return clean(decoder.write(bytes) + decoder.end());
}

/** Text in slices, so a large upload is processed like a stream. */
export async function* textChunks(text: string, size = 1 << 16): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
