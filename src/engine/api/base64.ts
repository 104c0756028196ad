/**
 * Go's encoding/base64 StdEncoding as the API server's JSON decoder applies it to `[]byte` fields (Secret
 * data): padding required, CR and LF ignored, and the same "illegal base64 data at input byte N" positions
 * (decodeQuantum). Returns bytes as a binary string. Left out: the strict mode, which the decoder does not use.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i] as const));

export type Base64Result = { readonly bytes: string } | { readonly error: string; readonly at: number };

function corrupt(at: number): Base64Result {
  return { error: `illegal base64 data at input byte ${at}`, at };
}

const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';

export function decodeBase64(src: string): Base64Result {
  let out = '';
  let si = 0;
  for (;;) {
    const buf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: out };
        return corrupt(si - j);
      }
      const ch = src[si] as string;
      si++;
      const v = DECODE.get(ch);
      if (v !== undefined) {
        buf[j] = v;
        continue;
      }
      if (isNewline(ch)) {
        j--;
        continue;
      }
      if (ch !== '=') return corrupt(si - 1);
      // Padding: the end of the data.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = ((buf[0] ?? 0) << 18) | ((buf[1] ?? 0) << 12) | ((buf[2] ?? 0) << 6) | (buf[3] ?? 0);
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out += String.fromCharCode(...bytes.slice(0, dlen - 1));
    if (trailing !== undefined) return corrupt(trailing);
    if (dlen < 4) return { bytes: out };
  }
}

/** Standard base64 with padding, of a binary string (one char per byte). */
export function encodeBase64(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes.charCodeAt(i);
    const b = i + 1 < bytes.length ? bytes.charCodeAt(i + 1) : 0;
    const c = i + 2 < bytes.length ? bytes.charCodeAt(i + 2) : 0;
    const v = (a << 16) | (b << 8) | c;
    out += ALPHABET[(v >> 18) & 63] ?? '';
    out += ALPHABET[(v >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (ALPHABET[(v >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (ALPHABET[v & 63] ?? '') : '=';
  }
  return out;
}

/** UTF-8 bytes of a string, as a binary string (what Go's []byte(s) holds). */
export function utf8Bytes(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

/** The string Go's string(bytes) gives for a binary string (invalid UTF-8 becomes U+FFFD). */
export function utf8String(bytes: string): string {
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i);
  return new TextDecoder().decode(arr);
}
