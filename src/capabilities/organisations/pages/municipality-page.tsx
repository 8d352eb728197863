import { format } from '../../../platform/i18n/i18n.ts';
import { Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { kindLabels, organisationMessages } from '../organisations.messages.ts';
import { type Municipality, ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../organisations.schemas.ts';
import type { Page } from '../organisations.service.ts';

type Props = {
  ctx: PageContext;
  municipality: Municipality;
  network: (Page<Organisation> & { countsByKind: { kind: OrganisationKind; n: number }[] }) | null;
  filter: { kind?: OrganisationKind | undefined; findingPlaces: boolean };
};

export function MunicipalityPage({ ctx, municipality, network, filter }: Props) {
  const m = organisationMessages[ctx.locale];
  const kinds = kindLabels[ctx.locale];
  const title = format(m.networkTitle, { name: municipality.name });
  if (!municipality.active || !network) {
    return (
      <Layout ctx={ctx} title={municipality.name}>
        <Heading1>{municipality.name}</Heading1>
        <Paragraph lead>{format(m.notActiveLead, { name: municipality.name })}</Paragraph>
      </Layout>
    );
  }
  const present = new Set(network.countsByKind.map((c) => c.kind));
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{format(m.networkLead, { name: municipality.name })}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={`/gemeenten/${municipality.slug}/sociale-kaart`}>
          {format(m.socialMapLink, { name: municipality.name })}
        </a>
      </Paragraph>
      <form method="get" action={ctx.path} class="naaste-filter naaste-no-print">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="soort">
            {m.filterKind}
          </label>
          <select class="utrecht-select" id="soort" name="soort">
            <option value="">{m.allKinds}</option>
            {ORGANISATION_KINDS.filter((k) => present.has(k)).map((k) => (
              <option key={k} value={k} selected={filter.kind === k}>
                {kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox" type="checkbox" id="vindplaats" name="vindplaats" value="ja" checked={filter.findingPlaces} />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="vindplaats">
            {m.filterFindingPlaces}
          </label>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {m.filterButton}
        </button>
      </form>
      <p class="utrecht-paragraph">{format(m.organisationsCount, { n: network.total })}</p>
      {network.items.length === 0 ? (
        <Paragraph>{m.noOrganisations}</Paragraph>
      ) : (
        <ul class="naaste-cards">
          {network.items.map((o) => (
            <li key={o.id} class="naaste-card">
              <h2 class="utrecht-heading-3">{o.name}</h2>
              <p class="utrecht-paragraph naaste-muted">
                {kinds[o.kind]}
                {o.isFindingPlace ? ` · ${m.findingPlace}` : ''}
              </p>
              {o.description ? <p class="utrecht-paragraph">{o.description}</p> : null}
              <dl class="naaste-contact">
                {o.street || o.city ? (
                  <>
                    <dt>{m.address}</dt>
                    <dd>{[o.street, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</dd>
                  </>
                ) : null}
                {o.phone ? (
                  <>
                    <dt>{m.phone}</dt>
                    <dd>
                      <a class="utrecht-link" href={`tel:${o.phone.replace(/[^+0-9]/g, '')}`}>
                        {o.phone}
                      </a>
                    </dd>
                  </>
                ) : null}
                {o.email ? (
                  <>
                    <dt>{m.email}</dt>
                    <dd>
                      <a class="utrecht-link" href={`mailto:${o.email}`}>
                        {o.email}
                      </a>
                    </dd>
                  </>
                ) : null}
                {o.website ? (
                  <>
                    <dt>{m.website}</dt>
                    <dd>
                      <a class="utrecht-link" href={o.website}>
                        {o.website.replace(/^https?:\/\//, '')}
                      </a>
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={network.page}
        pageSize={network.pageSize}
        total={network.total}
        query={{ soort: filter.kind, vindplaats: filter.findingPlaces ? 'ja' : undefined }}
      />
    </Layout>
  );
}
