/**
 * Checks an uploaded XLSX (a ZIP) before any library expands it: from the central directory alone,
 * without inflating anything, it refuses archives with too many entries, too much declared
 * expanded size, or an expansion ratio only a zip bomb has. ZIP64 archives are refused: an XLSX
 * template never needs one.
 */
export interface ZipLimits {
  maxBytes: number;
  maxEntries: number;
  maxExpandedBytes: number;
  maxRatio: number;
}

export const XLSX_LIMITS: ZipLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxEntries: 1000,
  maxExpandedBytes: 50 * 1024 * 1024,
  maxRatio: 200,
};

export type ZipVerdict =
  { ok: true; entries: string[] } | { ok: false; code: 'FILE_TOO_LARGE' | 'NOT_XLSX' | 'ZIP_BOMB'; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function inspectZip(file: Buffer, limits: ZipLimits = XLSX_LIMITS): ZipVerdict {
  if (file.length > limits.maxBytes)
    return { ok: false, code: 'FILE_TOO_LARGE', message: `the file is over ${limits.maxBytes} bytes` };
  const notXlsx = (message: string): ZipVerdict => ({ ok: false, code: 'NOT_XLSX', message });
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) return notXlsx('the file is not a ZIP (XLSX) file');
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65535); i--) {
    if (file.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notXlsx('the ZIP has no central directory');
  const count = file.readUInt16LE(eocd + 10);
  const offset = file.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return notXlsx('ZIP64 archives are not accepted');
  if (count > limits.maxEntries)
    return { ok: false, code: 'ZIP_BOMB', message: `the archive has ${count} entries (at most ${limits.maxEntries})` };
  const entries: string[] = [];
  let expanded = 0;
  let compressed = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) return notXlsx('the ZIP directory is damaged');
    compressed += file.readUInt32LE(at + 20);
    expanded += file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    entries.push(file.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  if (expanded > limits.maxExpandedBytes)
    return { ok: false, code: 'ZIP_BOMB', message: `the archive expands to ${expanded} bytes` };
  if (expanded > 1024 * 1024 && expanded / Math.max(compressed, 1) > limits.maxRatio)
    return { ok: false, code: 'ZIP_BOMB', message: `the archive expands ${Math.round(expanded / compressed)}×` };
  if (!entries.includes('[Content_Types].xml') || !entries.some((e) => e.startsWith('xl/workbook')))
    return notXlsx('the ZIP is not an XLSX workbook');
  return { ok: true, entries };
}
