import type { FastifyReply, FastifyRequest } from 'fastify';
import '../platform/http/decorations.ts';
import { type Locale, resolveLocale } from '../platform/i18n/i18n.ts';

/** What every page needs to know about the request it answers. */
export type PageContext = {
  locale: Locale;
  /** Path of this page without the query, for the language switch. */
  path: string;
  /** Token for the hidden field in every state-changing form. */
  csrfToken: string;
  /** Municipality code whose theme applies, when the page belongs to one municipality. */
  themeCode?: string | undefined;
  /** True outside production: shows links to development tools such as the mailbox. */
  development: boolean;
  /** Whether someone is signed in, and as whom (for the header). */
  signedIn: { kind: 'resident' | 'professional'; name: string } | null;
};

export function buildPageContext(request: FastifyRequest, reply: FastifyReply, options: { themeCode?: string } = {}): PageContext {
  return {
    locale: resolveLocale(request, reply),
    path: request.url.split('?')[0] ?? '/',
    csrfToken: reply.generateCsrf(),
    themeCode: options.themeCode,
    development: request.server.config.env !== 'production',
    signedIn: request.session ? { kind: request.session.account.kind, name: request.session.account.displayName } : null,
  };
}
