import { format, type Locale } from '../../../platform/i18n/i18n.ts';
import { Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { directoryMessages, languageNames, ordinalNames, weekdayNames } from '../directory.messages.ts';
import type { Schedule, ServiceDetail } from '../directory.queries.ts';
import type { MatchReason, SearchHit, SearchResult, Sort } from '../directory.search.ts';
import { isOpenNow, olderThanMonths, WARN_AFTER_MONTHS, type WEEKDAYS } from '../directory.service.ts';

export type TermOption = { code: string; name: string; nameEn: string };
export type SearchForm = { q: string; waar: string; vorm: string; voor: string; kosten: string; taal: string; sortering: string };
export type MunicipalityRef = { name: string; slug: string; code: string };

const termName = (t: { name: string; nameEn: string | null }, locale: Locale) => (locale === 'en' && t.nameEn ? t.nameEn : t.name);

export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

function formatKm(km: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(km);
}

/** Opening hours in words: "maandag, woensdag: 09:00 tot 12:00 uur". */
export function scheduleLines(schedules: readonly Schedule[], locale: Locale): string[] {
  const m = directoryMessages[locale];
  const names = weekdayNames[locale];
  const ordinals = ordinalNames[locale] as Record<string, string>;
  return schedules
    .filter((s) => s.opensAt && s.closesAt)
    .map((s) => {
      const days = (s.byday ?? '')
        .split(',')
        .map((d) => d.trim().toUpperCase())
        .filter(Boolean)
        .map((d) => {
          const x = /^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
          if (!x) return d;
          const day = names[x[2] as (typeof WEEKDAYS)[number]];
          return x[1] ? `${ordinals[x[1]] ?? x[1]} ${day}` : day;
        });
      const monthDays = s.bymonthday ? [`${s.bymonthday}e`] : [];
      let label = [...days, ...monthDays].join(', ') || m.everyDay;
      if (s.freq === 'MONTHLY') label = `${label} (${m.monthly})`;
      label = label.charAt(0).toUpperCase() + label.slice(1);
      const line = format(m.hoursLine, { days: label, opens: s.opensAt ?? '', closes: s.closesAt ?? '' });
      return s.description ? `${line} (${s.description})` : line;
    });
}

function reasonText(r: MatchReason, locale: Locale): string {
  const m = directoryMessages[locale];
  switch (r.kind) {
    case 'name':
      return format(m.reasonName, { word: r.word });
    case 'term':
      return format(m.reasonTerm, { word: r.word, term: (locale === 'en' && r.termEn ? r.termEn : r.term).toLowerCase() });
    case 'text':
      return format(m.reasonText, { word: r.word });
    case 'similar':
      return format(m.reasonSimilar, { word: r.word, similar: r.similar });
    case 'translation':
      return format(m.reasonTranslation, { word: r.word, translation: r.translation });
  }
}

function Contact({ locale, phone, email, url }: { locale: Locale; phone: string | null; email: string | null; url: string | null }) {
  const m = directoryMessages[locale];
  if (!phone && !email && !url) return null;
  return (
    <dl class="naaste-facts">
      {phone ? (
        <>
          <dt>{m.phone}</dt>
          <dd>
            <a class="utrecht-link" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>
              {phone}
            </a>
          </dd>
        </>
      ) : null}
      {email ? (
        <>
          <dt>{m.email}</dt>
          <dd>
            <a class="utrecht-link" href={`mailto:${email}`}>
              {email}
            </a>
          </dd>
        </>
      ) : null}
      {url && /^https?:\/\//.test(url) ? (
        <>
          <dt>{m.website}</dt>
          <dd>
            <a class="utrecht-link" href={url}>
              {url.replace(/^https?:\/\//, '')}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Checked({ locale, assuredDate, warning }: { locale: Locale; assuredDate: string | null; warning: boolean }) {
  const m = directoryMessages[locale];
  return (
    <>
      <p class="utrecht-paragraph naaste-muted">
        {assuredDate ? format(m.lastChecked, { date: formatDate(assuredDate, locale) }) : m.neverChecked}
      </p>
      {warning ? (
        <p class="utrecht-paragraph naaste-note naaste-stale-warning" role="note">
          {m.staleWarning}
        </p>
      ) : null}
    </>
  );
}

function Result({ ctx, hit, detailHref, filterLabels }: { ctx: PageContext; hit: SearchHit; detailHref: string; filterLabels: string[] }) {
  const m = directoryMessages[ctx.locale];
  const reasons = hit.reasons.map((r) => reasonText(r, ctx.locale));
  if (filterLabels.length) reasons.push(format(m.reasonFilter, { filters: filterLabels.join(', ') }));
  const description = hit.description && hit.description.length > 220 ? `${hit.description.slice(0, 217)}...` : hit.description;
  return (
    <li class="naaste-result">
      <h2 class="utrecht-heading-3">
        <a class="utrecht-link" href={detailHref}>
          {hit.name}
        </a>
      </h2>
      <p class="utrecht-paragraph naaste-muted">
        {hit.organizationName}
        {hit.distanceKm !== null ? ` · ${format(m.distance, { km: formatKm(hit.distanceKm, ctx.locale) })}` : ''}
        {hit.openNow === true ? ` · ${m.openNow}` : hit.openNow === false ? ` · ${m.closedNow}` : ''}
        {hit.isFree ? ` · ${m.freeBadge}` : ''}
      </p>
      {description ? <p class="utrecht-paragraph">{description}</p> : null}
      {reasons.length ? (
        <p class="utrecht-paragraph naaste-why">
          {m.whyMatched}: {reasons.join('; ')}.
        </p>
      ) : null}
      {hit.address ? (
        <p class="utrecht-paragraph">
          {m.address}: {hit.address.address1}, {hit.address.postalCode} {hit.address.city}
        </p>
      ) : null}
      <Contact locale={ctx.locale} phone={hit.phone} email={hit.email} url={hit.url} />
      <Checked locale={ctx.locale} assuredDate={hit.assuredDate} warning={hit.checkWarning} />
    </li>
  );
}

function Select({ id, label, value, options }: { id: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="utrecht-form-field naaste-field">
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <select class="utrecht-select" id={id} name={id}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type SearchPageProps = {
  ctx: PageContext;
  municipality: MunicipalityRef;
  action: string;
  form: SearchForm;
  forms: TermOption[];
  groups: TermOption[];
  result: SearchResult | null;
  browse: { code: string; name: string; nameEn: string; n: number }[] | null;
  placeLabel: string | null;
  placeUnknown: boolean;
  detailHref: (id: string) => string;
};

export function SearchPage(props: SearchPageProps) {
  const { ctx, municipality, form, result } = props;
  const m = directoryMessages[ctx.locale];
  const title = format(m.title, { name: municipality.name });
  const langs = languageNames[ctx.locale] as Record<string, string>;
  const filterLabels = [props.forms.find((f) => f.code === form.vorm), props.groups.find((g) => g.code === form.voor)]
    .filter((t): t is TermOption => t !== undefined)
    .map((t) => termName(t, ctx.locale).toLowerCase());
  if (form.kosten === 'gratis') filterLabels.push(m.free.toLowerCase());
  if (form.kosten === 'betaald') filterLabels.push(m.paid.toLowerCase());
  if (form.taal && langs[form.taal]) filterLabels.push(langs[form.taal] as string);
  const query = {
    q: form.q || undefined,
    waar: form.waar || undefined,
    vorm: form.vorm || undefined,
    voor: form.voor || undefined,
    kosten: form.kosten || undefined,
    taal: form.taal || undefined,
    sortering: form.sortering || undefined,
  };
  const browseList = (items: NonNullable<SearchPageProps['browse']>) => (
    <ul class="utrecht-unordered-list naaste-browse">
      {items.map((b) => (
        <li key={b.code}>
          <a class="utrecht-link" href={`${props.action}?vorm=${encodeURIComponent(b.code)}`}>
            {termName(b, ctx.locale)}
          </a>{' '}
          <span class="naaste-muted">({format(m.services, { n: b.n })})</span>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <form method="get" action={props.action} class="naaste-form naaste-search naaste-no-print">
        <div class="utrecht-form-field naaste-field">
          <label class="utrecht-form-label" for="q">
            {m.qLabel}
          </label>
          <p class="utrecht-form-field-description naaste-hint" id="q-hint">
            {m.qHint}
          </p>
          <input class="utrecht-textbox" type="search" id="q" name="q" value={form.q} aria-describedby="q-hint" autocomplete="off" />
        </div>
        <div class="utrecht-form-field naaste-field">
          <label class="utrecht-form-label" for="waar">
            {m.whereLabel}
          </label>
          <p class="utrecht-form-field-description naaste-hint" id="waar-hint">
            {m.whereHint}
          </p>
          <input
            class="utrecht-textbox"
            type="text"
            id="waar"
            name="waar"
            value={form.waar}
            aria-describedby="waar-hint"
            autocomplete="postal-code"
            size={12}
          />
        </div>
        <Select
          id="vorm"
          label={m.formLabel}
          value={form.vorm}
          options={[{ value: '', label: m.any }, ...props.forms.map((f) => ({ value: f.code, label: termName(f, ctx.locale) }))]}
        />
        <Select
          id="voor"
          label={m.groupLabel}
          value={form.voor}
          options={[{ value: '', label: m.any }, ...props.groups.map((g) => ({ value: g.code, label: termName(g, ctx.locale) }))]}
        />
        <Select
          id="kosten"
          label={m.costLabel}
          value={form.kosten}
          options={[
            { value: '', label: m.any },
            { value: 'gratis', label: m.free },
            { value: 'betaald', label: m.paid },
          ]}
        />
        <Select
          id="taal"
          label={m.languageLabel}
          value={form.taal}
          options={[{ value: '', label: m.any }, ...Object.entries(langs).map(([value, label]) => ({ value, label }))]}
        />
        <Select
          id="sortering"
          label={m.sortLabel}
          value={form.sortering}
          options={(
            [
              ['', m.sortAuto],
              ['relevance', m.sortRelevance],
              ['distance', m.sortDistance],
              ['name', m.sortName],
            ] as [Sort | '', string][]
          ).map(([value, label]) => ({ value, label }))}
        />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {m.search}
        </button>
      </form>

      {result?.query.truncated ? (
        <div class="naaste-note" role="status">
          <p class="utrecht-paragraph">{format(m.truncated, { n: result.query.text.length })}</p>
        </div>
      ) : null}
      {props.placeUnknown ? (
        <div class="naaste-note" role="status">
          <p class="utrecht-paragraph">{format(m.placeUnknown, { place: form.waar })}</p>
        </div>
      ) : null}
      {result?.corrections.map((c) => (
        <p key={c.word} class="utrecht-paragraph">
          {format(m.didYouMean, { word: c.word, similar: c.similar.join(', ') })}
        </p>
      ))}

      {props.browse && !result ? (
        <section aria-labelledby="browse-title">
          <h2 class="utrecht-heading-2" id="browse-title">
            {m.browseTitle}
          </h2>
          {browseList(props.browse)}
        </section>
      ) : null}

      {result ? (
        <section aria-labelledby="results-title">
          <h2 class="utrecht-heading-2" id="results-title">
            {props.placeLabel && result.sort === 'distance'
              ? format(result.moreThanTotal ? m.countMoreNear : m.countNear, { n: result.total, place: props.placeLabel })
              : result.moreThanTotal
                ? format(m.countMore, { n: result.total })
                : result.total === 1
                  ? m.countOne
                  : format(m.count, { n: result.total })}
          </h2>
          {result.narrowDown ? <p class="utrecht-paragraph">{m.narrowDown}</p> : null}
          {result.items.length === 0 ? (
            <div class="naaste-empty">
              <p class="utrecht-paragraph">{m.noResults}</p>
              <h3 class="utrecht-heading-3">{m.suggestionsTitle}</h3>
              <ul class="utrecht-unordered-list">
                <li>{m.suggestionWords}</li>
                {filterLabels.length || form.waar ? (
                  <li>
                    <a class="utrecht-link" href={`${props.action}?q=${encodeURIComponent(form.q)}`}>
                      {m.suggestionFilters}
                    </a>
                  </li>
                ) : null}
                {props.browse ? <li>{m.suggestionBrowse}</li> : null}
              </ul>
              {props.browse ? browseList(props.browse) : null}
            </div>
          ) : (
            <ol class="naaste-results utrecht-unordered-list" start={(result.page - 1) * result.pageSize + 1}>
              {result.items.map((hit) => (
                <Result key={hit.id} ctx={ctx} hit={hit} detailHref={props.detailHref(hit.id)} filterLabels={filterLabels} />
              ))}
            </ol>
          )}
          <Pagination
            ctx={ctx}
            page={result.page}
            pageSize={result.pageSize}
            total={Math.min(result.total, result.lastPage * result.pageSize)}
            query={query}
          />
        </section>
      ) : null}
    </Layout>
  );
}

export function ChoosePage({ ctx, municipalities }: { ctx: PageContext; municipalities: MunicipalityRef[] }) {
  const m = directoryMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.chooseTitle}>
      <Heading1>{m.chooseTitle}</Heading1>
      <Paragraph lead>{municipalities.length ? m.chooseLead : m.noNetworks}</Paragraph>
      <ul class="utrecht-unordered-list">
        {municipalities.map((mu) => (
          <li key={mu.slug}>
            <a class="utrecht-link" href={`/gemeenten/${mu.slug}/sociale-kaart`}>
              {mu.name}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ServicePage({
  ctx,
  service,
  searchHref,
  now,
}: {
  ctx: PageContext;
  service: ServiceDetail;
  searchHref: string;
  now: Date;
}) {
  const m = directoryMessages[ctx.locale];
  const langs = languageNames[ctx.locale] as Record<string, string>;
  const groups = service.terms.filter((t) => t.taxonomyUri?.endsWith(':doelgroepen'));
  const forms = service.terms.filter((t) => !t.taxonomyUri?.endsWith(':doelgroepen'));
  const open = isOpenNow(service.schedules, now);
  const hours = scheduleLines(service.schedules, ctx.locale);
  const warning = olderThanMonths(service.assuredDate, WARN_AFTER_MONTHS, now);
  const { minimumAge: min, maximumAge: max } = service;
  const ages =
    min !== null && max !== null
      ? format(m.ages, { min, max })
      : min !== null
        ? format(m.agesFrom, { min })
        : max !== null
          ? format(m.agesTo, { max })
          : null;
  const phone = service.phones[0]?.number ?? null;
  return (
    <Layout ctx={ctx} title={service.name}>
      <p class="utrecht-paragraph naaste-no-print">
        <a class="utrecht-link" href={searchHref}>
          {m.backToSearch}
        </a>
      </p>
      <Heading1>{service.name}</Heading1>
      <Paragraph lead>{service.organization.name}</Paragraph>
      {service.alert ? (
        <div class="naaste-note" role="note">
          <p class="utrecht-paragraph">{service.alert}</p>
        </div>
      ) : null}
      <Checked locale={ctx.locale} assuredDate={service.assuredDate} warning={warning} />

      <h2 class="utrecht-heading-2">{m.about}</h2>
      {service.description ? <Paragraph>{service.description}</Paragraph> : null}
      {forms.length ? <Paragraph>{forms.map((t) => termName(t, ctx.locale)).join(', ')}</Paragraph> : null}

      {groups.length || service.eligibilityDescription || ages ? (
        <>
          <h2 class="utrecht-heading-2">{m.forWhom}</h2>
          {groups.length ? <Paragraph>{groups.map((t) => termName(t, ctx.locale)).join(', ')}</Paragraph> : null}
          {service.eligibilityDescription ? <Paragraph>{service.eligibilityDescription}</Paragraph> : null}
          {ages ? <Paragraph>{ages}</Paragraph> : null}
        </>
      ) : null}

      <h2 class="utrecht-heading-2">{m.cost}</h2>
      {service.isFree ? <Paragraph>{m.costFree}</Paragraph> : null}
      {service.costOptions.map((c, i) => (
        <Paragraph key={String(i)}>
          {[
            c.option,
            c.amount !== null && c.amount > 0 ? `€ ${c.amount.toFixed(2).replace('.', ctx.locale === 'nl' ? ',' : '.')}` : null,
            c.amountDescription,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Paragraph>
      ))}
      {service.feesDescription ? <Paragraph>{service.feesDescription}</Paragraph> : null}
      {!service.isFree && service.costOptions.length === 0 && !service.feesDescription ? <Paragraph>{m.costUnknown}</Paragraph> : null}

      <h2 class="utrecht-heading-2">{m.when}</h2>
      {open === true ? <Paragraph>{m.openNow}</Paragraph> : open === false ? <Paragraph>{m.closedNow}</Paragraph> : null}
      {hours.length ? (
        <ul class="utrecht-unordered-list">
          {hours.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : (
        <Paragraph>{m.noHours}</Paragraph>
      )}

      {service.locations.length ? (
        <>
          <h2 class="utrecht-heading-2">{m.where}</h2>
          {service.locations.map((l) => (
            <div key={l.id}>
              {l.name ? <h3 class="utrecht-heading-3">{l.name}</h3> : null}
              {l.addresses.map((a, i) => (
                <p key={String(i)} class="utrecht-paragraph">
                  {a.address1}
                  {a.address2 ? `, ${a.address2}` : ''}
                  <br />
                  {a.postalCode} {a.city}
                </p>
              ))}
              {l.transportation ? <Paragraph>{format(m.transportation, { text: l.transportation })}</Paragraph> : null}
            </div>
          ))}
        </>
      ) : null}

      <h2 class="utrecht-heading-2">{m.contact}</h2>
      <Contact
        locale={ctx.locale}
        phone={phone}
        email={service.email ?? service.organization.email}
        url={service.url ?? service.organization.website}
      />
      {service.phones.slice(1).map((p) => (
        <Paragraph key={p.number}>
          {p.description ? `${p.description}: ` : ''}
          <a class="utrecht-link" href={`tel:${p.number.replace(/[^+0-9]/g, '')}`}>
            {p.number}
          </a>
        </Paragraph>
      ))}
      {service.contacts.map((c, i) => (
        <Paragraph key={String(i)}>
          {m.contactPerson}: {[c.name, c.title].filter(Boolean).join(', ')}
          {c.email ? (
            <>
              {' '}
              (
              <a class="utrecht-link" href={`mailto:${c.email}`}>
                {c.email}
              </a>
              )
            </>
          ) : null}
        </Paragraph>
      ))}

      {service.languages.length ? (
        <>
          <h2 class="utrecht-heading-2">{m.languages}</h2>
          <Paragraph>{service.languages.map((l) => (l.code && langs[l.code]) || l.name || l.code).join(', ')}</Paragraph>
        </>
      ) : null}

      {service.applicationProcess || service.waitTime ? (
        <>
          <h2 class="utrecht-heading-2">{m.apply}</h2>
          {service.applicationProcess ? <Paragraph>{service.applicationProcess}</Paragraph> : null}
          {service.waitTime ? <Paragraph>{format(m.waitTime, { text: service.waitTime })}</Paragraph> : null}
        </>
      ) : null}

      <div class="naaste-no-print">
        <h2 class="utrecht-heading-2">{m.report}</h2>
        <p class="utrecht-paragraph">
          {m.reportHint}{' '}
          <a class="utrecht-link" href={`/sociale-kaart/diensten/${service.id}/melden`}>
            {m.report}
          </a>
        </p>
        <p class="utrecht-paragraph naaste-muted">{m.printHint}</p>
      </div>
    </Layout>
  );
}
