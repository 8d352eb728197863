import { format } from '../../../platform/i18n/i18n.ts';
import { Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { organisationMessages } from '../organisations.messages.ts';
import type { Municipality } from '../organisations.schemas.ts';
import type { Page } from '../organisations.service.ts';

export function MunicipalitiesPage({ ctx, result, search }: { ctx: PageContext; result: Page<Municipality>; search: string }) {
  const m = organisationMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.municipalitiesTitle}>
      <Heading1>{m.municipalitiesTitle}</Heading1>
      <Paragraph lead>{m.municipalitiesLead}</Paragraph>
      <search>
        <form method="get" action="/gemeenten" class="naaste-search">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="q">
              {m.searchLabel}
            </label>
            <input class="utrecht-textbox" type="search" id="q" name="q" value={search} maxLength={100} autocomplete="address-level2" />
          </div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {m.searchButton}
          </button>
        </form>
      </search>
      <p class="utrecht-paragraph" aria-live="polite">
        {format(m.count, { n: result.total })}
      </p>
      {result.items.length === 0 ? (
        <Paragraph>{format(m.noMunicipalities, { q: search })}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list naaste-list">
          {result.items.map((mun) => (
            <li key={mun.code}>
              <a class="utrecht-link" href={`/gemeenten/${mun.slug}`}>
                {mun.name}
              </a>{' '}
              <span class="naaste-muted">
                ({mun.province}) · {mun.active ? m.active : m.notActive}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={result.page} pageSize={result.pageSize} total={result.total} query={{ q: search }} />
    </Layout>
  );
}
