import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The cookies a response sets, as one Cookie header value. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}

/** The value of the hidden `_csrf` field in a rendered form. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('The page has no CSRF field.');
  return match[1];
}

/**
 * A browser-like visitor for server-rendered forms: opens the page (keeping its cookies and CSRF
 * token), then posts fields the way a browser would.
 */
export async function openForm(app: FastifyInstance, url: string, cookies = '') {
  const page = await app.inject({ url, headers: cookies ? { cookie: cookies } : {} });
  const jar = [cookies, cookieHeader(page.headers['set-cookie'])].filter(Boolean).join('; ');
  const token = csrfFrom(page.body);
  return {
    page,
    cookies: jar,
    submit: (action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> =>
      app.inject({
        method: 'POST',
        url: action,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
        payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      }),
  };
}
