import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './tokens.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Not a base32 secret.');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret of 160 bits, as authenticator apps expect. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 6238 (HOTP of RFC 4226 over 30-second steps, HMAC-SHA1). */
export function totpAt(secret: Buffer, unixSeconds: number, digits = 6, step = 30): string {
  const counter = Math.floor(unixSeconds / step);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', secret).update(message).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

/** Accepts the code of this step or one step either side, for clocks that drift a little. */
export function verifyTotp(secretBase32: string, code: string, now = Date.now()): boolean {
  return matchTotpStep(secretBase32, code, now) !== null;
}

/**
 * The 30-second step whose code this is (this step or one either side), or null. Callers store the
 * step so that the same code cannot be used twice.
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const secret = base32Decode(secretBase32);
  const seconds = Math.floor(now / 1000);
  for (const drift of [-30, 0, 30]) {
    if (safeEqual(totpAt(secret, seconds + drift), clean)) return Math.floor((seconds + drift) / 30);
  }
  return null;
}

export function otpauthUri(secretBase32: string, account: string, issuer = 'Naaste'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
