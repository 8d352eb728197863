import { catalogue, format } from '../platform/i18n/i18n.ts';
import type { ComponentChildren } from 'preact';
import { layoutMessages } from './messages.ts';
import type { PageContext } from './page-context.ts';

export type FieldError = { field: string; message: string };

/** GOV.UK / NL Design System error summary: first thing in main, links to each field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  const m = layoutMessages[ctx.locale];
  return (
    <div class="utrecht-alert utrecht-alert--error naaste-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 class="utrecht-heading-2" id="error-summary-title">
        {m.errorSummaryTitle}
      </h2>
      <ul class="utrecht-unordered-list">
        {errors.map((e) => (
          <li key={e.field}>
            <a class="utrecht-link" href={`#${e.field}`}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Hidden CSRF field; every form that changes something carries it. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function Heading1({ children }: { children: ComponentChildren }) {
  return <h1 class="utrecht-heading-1">{children}</h1>;
}

export function Paragraph({ children, lead }: { children: ComponentChildren; lead?: boolean }) {
  return <p class={lead ? 'utrecht-paragraph utrecht-paragraph--lead' : 'utrecht-paragraph'}>{children}</p>;
}

const paginationMessages = catalogue(
  { label: 'Paginering', previous: 'Vorige pagina', next: 'Volgende pagina', pageOf: 'Pagina {page} van {pages}' },
  { label: 'Pagination', previous: 'Previous page', next: 'Next page', pageOf: 'Page {page} of {pages}' },
);

/** Previous/next links that keep the other query values (search, filters). */
export function Pagination({
  ctx,
  page,
  pageSize,
  total,
  query,
}: {
  ctx: PageContext;
  page: number;
  pageSize: number;
  total: number;
  query: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const m = paginationMessages[ctx.locale];
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    params.set('page', String(p));
    return `${ctx.path}?${params.toString()}`;
  };
  return (
    <nav class="naaste-pagination" aria-label={m.label}>
      <ul class="naaste-pagination__list">
        {page > 1 ? (
          <li>
            <a class="utrecht-link" rel="prev" href={href(page - 1)}>
              {m.previous}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{format(m.pageOf, { page, pages })}</li>
        {page < pages ? (
          <li>
            <a class="utrecht-link" rel="next" href={href(page + 1)}>
              {m.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
