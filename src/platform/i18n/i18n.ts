import type { FastifyReply, FastifyRequest } from 'fastify';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

/** A message catalogue: the same keys in every language, checked by the compiler. */
export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

/** Builds a catalogue; the compiler refuses an English side that misses or adds a key. */
export function catalogue<K extends string>(nl: Record<K, string>, en: NoInfer<Record<K, string>>): Catalogue<K> {
  return { nl, en };
}

export const LOCALE_COOKIE = 'lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language of this request: `?lang=` (which is then remembered in a cookie), else the
 * remembered choice, else Dutch. Browsers' Accept-Language is not used: Dutch is the default
 * for a Dutch public service, English is a choice.
 */
export function resolveLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  // Read from the raw URL: a route's query schema may strip keys it does not know.
  const asked = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
  if (isLocale(asked)) {
    reply.setCookie(LOCALE_COOKIE, asked, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
    return asked;
  }
  const remembered = request.cookies?.[LOCALE_COOKIE];
  return isLocale(remembered) ? remembered : DEFAULT_LOCALE;
}

/** Fills {name} placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
