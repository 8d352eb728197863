import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, totpAt, verifyTotp } from './totp.ts';

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (SHA-1, 8 digits)', () => {
    const secret = Buffer.from('12345678901234567890');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [time, code] of vectors) expect(totpAt(secret, time, 8)).toBe(code);
  });

  it('accepts the current code and a neighbouring step, and nothing else', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpAt(base32Decode(secret), now / 1000);
    expect(verifyTotp(secret, code, now)).toBe(true);
    expect(verifyTotp(secret, code, now + 30_000)).toBe(true);
    expect(verifyTotp(secret, code, now + 95_000)).toBe(false);
    expect(verifyTotp(secret, '12345', now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });

  it('round-trips any secret through base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(Buffer.from(bytes)))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'a@b.nl')).toBe(
      'otpauth://totp/Naaste%3Aa%40b.nl?secret=JBSWY3DPEHPK3PXP&issuer=Naaste&algorithm=SHA1&digits=6&period=30',
    );
  });
});
