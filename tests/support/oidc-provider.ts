import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on a free port of 127.0.0.1, for single sign-on
 * tests. It has one client (the Naaste app) and a few users; its login and consent pages are tiny
 * HTTP endpoints that tests drive with plain requests, the way a browser would post a form:
 *   GET  /interaction/:uid          -> a page with the login or consent form (data-prompt="login"|"consent")
 *   POST /interaction/:uid/login    login=<user id>&password=...&amr=pwd,otp
 *   POST /interaction/:uid/confirm  (grants what the client asked for)
 *   POST /interaction/:uid/abort    (the person cancels: access_denied)
 */
export type ProviderUser = { id: string; email: string; emailVerified?: boolean; password: string };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
  /** Follows the authorization request from `start`, signs `login` in and consents; returns the redirect back to the app. */
  signIn: (start: string, login: { user: string; password: string; amr?: string[] }) => Promise<URL>;
  /** Follows the request and cancels at the login page; returns the redirect back to the app. */
  cancel: (start: string) => Promise<URL>;
};

export async function startOidcProvider(options: { redirectUri: string; users: ProviderUser[] }): Promise<TestOidcProvider> {
  const users = new Map(options.users.map((u) => [u.id, u]));
  const clientId = 'naaste-test';
  const clientSecret = 'a-client-secret-of-the-test-provider-only';
  let provider: Provider | undefined;

  const server = http.createServer((req, res) => {
    if (!provider) {
      res.writeHead(503).end();
      return;
    }
    const p = provider;
    if (req.url?.startsWith('/interaction/')) {
      interaction(p, req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
      return;
    }
    p.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: user.email, email_verified: user.emailVerified ?? true }) };
    },
    // amr (how the person proved who they are) goes in every ID token through the openid scope.
    claims: { auth_time: null, sid: null, iss: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    // Short lives, set explicitly (the provider asks for it).
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    pkce: { required: () => true },
  });

  async function interaction(p: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const action = new URL(req.url ?? '/', issuer).pathname.split('/')[3];
    const details = await p.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(interactionPage(details.uid, details.prompt.name));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (action === 'login') {
      const user = users.get(form.get('login') ?? '');
      if (!user || user.password !== form.get('password')) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('wrong user or password');
        return;
      }
      const amr = (form.get('amr') ?? 'pwd').split(',').filter(Boolean);
      await p.interactionFinished(req, res, { login: { accountId: user.id, amr } }, { mergeWithLastSubmission: false });
      return;
    }
    if (action === 'confirm') {
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent before login');
      const grant = details.grantId
        ? await p.Grant.find(details.grantId)
        : new p.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('grant not found');
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (action === 'abort') {
      await p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(404).end();
  }

  /** The provider's own page: a plain form, so that a real browser can go through it too. */
  function interactionPage(uid: string, prompt: string): string {
    const form =
      prompt === 'login'
        ? `<form method="post" action="/interaction/${uid}/login">
  <label for="login">User</label><input id="login" name="login">
  <label for="password">Password</label><input id="password" name="password" type="password">
  <label for="amr">Methods (amr)</label><input id="amr" name="amr" value="pwd">
  <button>Sign in at the provider</button></form>`
        : `<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>`;
    return `<!doctype html><html lang="en"><head><title>Test provider</title></head><body><main data-prompt="${prompt}">${form}</main></body></html>`;
  }

  /** A cookie jar for the browser's side of the provider (all its cookies, whatever their path). */
  function browser() {
    const jar = new Map<string, string>();
    const remember = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() < Date.now());
        if (!value || expired) jar.delete(name);
        else jar.set(name, value);
      }
    };
    const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
        const headers: Record<string, string> = { cookie: header() };
        if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
        const res = await fetch(url, {
          method: init.method ?? 'GET',
          headers,
          body: init.form ? new URLSearchParams(init.form).toString() : undefined,
          redirect: 'manual',
        });
        remember(res);
        return res;
      },
    };
  }

  /** Follows redirects inside the provider; stops at an interaction page or at the way back to the app. */
  async function follow(b: ReturnType<typeof browser>, from: URL): Promise<URL> {
    let url = from;
    for (let hops = 0; hops < 10; hops++) {
      if (url.origin !== issuer || url.pathname.startsWith('/interaction/')) return url;
      const res = await b.request(url);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location)
        throw new Error(`provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects at the provider');
  }

  async function act(b: ReturnType<typeof browser>, at: URL, action: string, form: Record<string, string> = {}): Promise<URL> {
    const res = await b.request(new URL(`${at.pathname}/${action}`, issuer), { method: 'POST', form });
    const location = res.headers.get('location');
    if (res.status !== 303 || !location) throw new Error(`provider ${action} answered ${res.status}: ${await res.text()}`);
    return follow(b, new URL(location, at));
  }

  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async signIn(start, login) {
      const b = browser();
      let at = await follow(b, new URL(start));
      for (let steps = 0; steps < 4 && at.origin === issuer; steps++) {
        const prompt = /data-prompt="(\w+)"/.exec(await (await b.request(at)).text())?.[1];
        at =
          prompt === 'login'
            ? await act(b, at, 'login', { login: login.user, password: login.password, amr: (login.amr ?? ['pwd']).join(',') })
            : await act(b, at, 'confirm');
      }
      return at;
    },
    async cancel(start) {
      const b = browser();
      const at = await follow(b, new URL(start));
      return act(b, at, 'abort');
    },
  };
}
