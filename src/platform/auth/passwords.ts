import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// algorithm 2 is Argon2id in @node-rs/argon2 (its enum is a const enum that isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Passwords people pick most often, in Dutch and English, and their obvious variants. A short list
 * kept in the code; together with the minimum length it stops the guesses tried first.
 */
const COMMON = [
  'password',
  'wachtwoord',
  'welkom',
  'welcome',
  'qwerty',
  'azerty',
  'letmein',
  'iloveyou',
  'admin',
  'administrator',
  'monkey',
  'dragon',
  'football',
  'voetbal',
  'ajax',
  'feyenoord',
  'psv',
  'geheim',
  'secret',
  'zomer',
  'summer',
  'winter',
  'lente',
  'herfst',
  'sunshine',
  'princess',
  'master',
  'shadow',
  'baseball',
  'superman',
  'batman',
  'trustno1',
  'hallo',
  'hello',
  'test',
  'gemeente',
  'naaste',
  'mantelzorg',
  'changeme',
  'veranderen',
  'starwars',
  'pokemon',
  'liefde',
  'schatje',
  'computer',
  'internet',
  'nederland',
  'holland',
  'amsterdam',
  'rotterdam',
  'utrecht',
  'abc',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1q2w3e4r',
  'passw0rd',
  'p@ssw0rd',
  'wachtw00rd',
];

function normalise(candidate: string): string {
  return candidate
    .toLowerCase()
    .replace(/0/g, 'o')
    .replace(/@/g, 'a')
    .replace(/[1!|]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/\$|5/g, 's')
    .replace(/4/g, 'a')
    .replace(/[^a-z]/g, '');
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooCommon' | 'containsEmail' | 'tooSimple';

/** Why a new password is not good enough, or null when it is. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (new Set(password).size < 5) return 'tooSimple';
  if (/^(?:0123456789|1234567890|9876543210)+/.test(password) || /^\d+$/.test(password)) return 'tooSimple';
  // People add a year or a '!' to a common word; take those off before comparing.
  const letters = normalise(password.replace(/[\d\W_]+$/, ''));
  if (letters.length > 0 && COMMON.some((word) => letters === word || letters.replace(/(.+?)\1+$/, '$1') === word)) return 'tooCommon';
  if (COMMON.some((word) => word.length >= 6 && letters.startsWith(word) && letters.length - word.length <= 2)) return 'tooCommon';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'containsEmail';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored || password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when there is no account, so a sign-in for an unknown address takes as
 * long as one for a known address (no account enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that nobody uses');
  return decoy;
}
