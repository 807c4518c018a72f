/** Bytes → text: byte-order marks, UTF-16, a Windows-1252 fallback, line endings, binary detection. */
import type { Reporter, SourceFile } from '../types.ts';
import { fileDigest, type RawFile } from './read.ts';

/** Signatures of common binary formats that are sometimes saved under a text name. */
const MAGIC: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['WebP/RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

/** Decodes one file, or reports why it cannot be read as text and returns null. */
export function decodeFile(raw: RawFile, reporter: Reporter): SourceFile | null {
  const { bytes } = raw;
  const skip = (rule: string, reason: string): null => {
    reporter.report({ file: raw.path, severity: 'warning', rule, reason });
    return null;
  };
  if (bytes.length === 0) return skip('load/empty', 'empty file (0 bytes); skipped');

  const hash = fileDigest(raw);
  const decoded = decodeBytes(bytes);
  if ('binary' in decoded) return skip('load/not-text', `binary file (${decoded.binary}), not text; skipped`);
  if (decoded.encoding === 'windows-1252') {
    reporter.report({
      file: raw.path,
      severity: 'warning',
      rule: 'load/not-utf8',
      reason: 'bytes are not valid UTF-8; decoded as Windows-1252',
    });
  }
  let text = decoded.text.replace(/\r\n?/g, '\n');
  const controls = countControls(text);
  if (controls > 0) {
    const line = lineOfFirstControl(text);
    reporter.report({
      file: raw.path,
      line,
      severity: 'warning',
      rule: 'load/control-characters',
      reason: `${controls} control or text-direction override character(s) removed`,
    });
    text = stripControls(text);
  }
  if (text.trim() === '') return skip('load/no-content', 'no content (only white space); skipped');
  return { path: raw.path, hash, text, encoding: decoded.encoding };
}

type Decoded = { text: string; encoding: SourceFile['encoding'] } | { binary: string };

function decodeBytes(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  for (const [name, magic] of MAGIC) if (startsWith(bytes, magic)) return { binary: name };
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  if (looksBinary(bytes)) return { binary: 'many NUL or control bytes' };
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): Decoded {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** UTF-16 without a byte-order mark: ASCII text leaves every other byte NUL. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > 0.6 * half && evenNul < 0.05 * half) return 'utf-16le';
  if (evenNul > 0.6 * half && oddNul < 0.05 * half) return 'utf-16be';
  return null;
}

/** More than 10% bytes that never occur in text (C0 controls other than tab, LF, FF, CR, ESC). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) odd++;
  }
  return odd > n * 0.1;
}

// C0 and C1 controls except tab and newline break HTML and XML; bidirectional overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) can make text display as something else. None of them
// belongs in a saved article.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function countControls(text: string): number {
  return text.match(CONTROL)?.length ?? 0;
}

function stripControls(text: string): string {
  return text.replace(CONTROL, '');
}

function lineOfFirstControl(text: string): number {
  const at = text.search(CONTROL);
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
