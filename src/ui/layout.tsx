import type { ComponentChildren } from 'preact';
import { layoutMessages } from './messages.ts';
import type { PageContext } from './page-context.ts';

type LayoutProps = {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
};

/** The frame of every page: skip link, header with language switch, main landmark, footer. */
export function Layout({ ctx, title, children }: LayoutProps) {
  const m = layoutMessages[ctx.locale];
  const other = ctx.locale === 'nl' ? 'en' : 'nl';
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${m.siteName}`}</title>
        <link rel="stylesheet" href="/assets/vendor/utrecht/index.css" />
        <link rel="stylesheet" href="/assets/naaste.css" />
        {ctx.themeCode ? <link rel="stylesheet" href={`/themes/${ctx.themeCode}.css`} /> : null}
        <link rel="stylesheet" href="/assets/print.css" media="print" />
      </head>
      <body class="utrecht-page naaste-theme utrecht-document">
        <a class="utrecht-link naaste-skip-link" href="#inhoud">
          {m.skipLink}
        </a>
        <header class="naaste-header">
          <div class="naaste-container naaste-header__bar">
            <a class="naaste-header__brand" href="/">
              {m.siteName}
              <span class="naaste-header__tagline">{m.tagline}</span>
            </a>
            <a class="utrecht-link naaste-language" href={`${ctx.path}?lang=${other}`} lang={other} hreflang={other}>
              <span class="naaste-visually-hidden">{m.switchLanguageLabel}: </span>
              {m.switchLanguage}
            </a>
          </div>
          <nav class="naaste-container naaste-nav" aria-label={m.mainNavigation}>
            <ul class="naaste-nav__list">
              <li>
                <a class="utrecht-link" href="/">
                  {m.navHome}
                </a>
              </li>
              <li>
                <a class="utrecht-link" href="/gemeenten">
                  {m.navMunicipalities}
                </a>
              </li>
              <li>
                <a class="utrecht-link" href="/api/v1/docs">
                  {m.navApi}
                </a>
              </li>
              {ctx.signedIn?.kind === 'professional' ? (
                <li>
                  <a class="utrecht-link" href="/beheer">
                    {m.navAdmin}
                  </a>
                </li>
              ) : null}
              <li>
                <a class="utrecht-link" href={ctx.signedIn ? '/mijn-account' : '/inloggen'}>
                  {ctx.signedIn ? m.navAccount : m.navSignIn}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="inhoud" class="naaste-container naaste-main" tabindex={-1}>
          {children}
        </main>
        <footer class="naaste-footer">
          <div class="naaste-container">
            <p class="utrecht-paragraph">{m.footerAbout}</p>
            <ul class="naaste-footer__links">
              <li>
                <a class="utrecht-link" href="/toegankelijkheid">
                  {m.footerAccessibility}
                </a>
              </li>
              <li>
                <a class="utrecht-link" href="/privacy">
                  {m.footerPrivacy}
                </a>
              </li>
              <li>
                <a class="utrecht-link" href={`/reactie?pagina=${encodeURIComponent(ctx.path)}`}>
                  {m.footerFeedback}
                </a>
              </li>
            </ul>
            {ctx.development ? (
              <p class="utrecht-paragraph">
                <a class="utrecht-link" href="/dev/mailbox">
                  {m.devMailbox}
                </a>
              </p>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  );
}
