import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('lange zin over de zee 42');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'lange zin over de zee 42')).toBe(true);
    expect(await verifyPassword(stored, 'lange zin over de zee 43')).toBe(false);
    expect(await verifyPassword(null, 'anything at all here')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all here')).toBe(false);
    expect(await verifyPassword(await decoyHash(), 'lange zin over de zee 42')).toBe(false);
  });

  it('refuses short, common, simple and email-based passwords', () => {
    expect(passwordProblem('kort123')).toBe('tooShort');
    expect(passwordProblem('Wachtwoord123')).toBe('tooCommon');
    expect(passwordProblem('P@ssw0rd2024!')).toBe('tooCommon');
    expect(passwordProblem('welkomwelkomwelkom')).toBe('tooCommon');
    expect(passwordProblem('111111111111')).toBe('tooSimple');
    expect(passwordProblem('123456789012')).toBe('tooSimple');
    expect(passwordProblem('aaaaaaabbbbbbb')).toBe('tooSimple');
    expect(passwordProblem('janssen-zorgt-2026', 'janssen@demodam.example')).toBe('containsEmail');
    expect(passwordProblem('x'.repeat(129))).toBe('tooLong');
    expect(passwordProblem('de fiets staat bij de molen')).toBeNull();
  });
});
