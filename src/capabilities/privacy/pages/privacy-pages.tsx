import { Fragment } from 'preact';
import type { ConsentRow } from '../../../platform/consent/consent.ts';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { Checkbox, Form, Notice, SubmitButton } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import type { AccessLine, AccountData } from '../privacy.queries.ts';
import { inWords, privacyMessages } from '../privacy.messages.ts';
import type { CareOverview, Export, MunicipalityConsents, Overview } from '../privacy.service.ts';
import { caregiverMessages } from '../../caregivers/caregivers.messages.ts';
import type { CareExport } from '../../caregivers/caregivers.service.ts';

const relationWords = (ctx: PageContext, relation: string) =>
  (caregiverMessages[ctx.locale] as Record<string, string>)[`relation_${relation}`] ?? relation;

/** The care relationships in short, with a link to where the person sees and changes them. */
function CareSummary({ ctx, care }: { ctx: PageContext; care: CareOverview[] }) {
  const m = msg(ctx);
  return (
    <>
      <h2 class="utrecht-heading-2">{m.careTitle}</h2>
      {care.length === 0 ? (
        <Paragraph>{m.careNone}</Paragraph>
      ) : (
        <>
          <Paragraph>{m.careLead}</Paragraph>
          <ul class="utrecht-unordered-list">
            {care.flatMap((mun) =>
              mun.relationships.map((r) => (
                <li key={r.id}>
                  {format(m.careRelationship, { name: r.caredForName, relation: relationWords(ctx, r.relation) })}
                  {r.endedAt ? ` ${format(m.careEnded, { date: dateWords(ctx, r.endedAt) })}` : ''}
                </li>
              )),
            )}
          </ul>
          <Paragraph>
            <a class="utrecht-link" href="/mijn-zorg">
              {m.careLink}
            </a>
          </Paragraph>
        </>
      )}
    </>
  );
}

/** Everything about the care in the print view, per relationship. */
function CareDetails({ ctx, care }: { ctx: PageContext; care: CareExport[] }) {
  const m = msg(ctx);
  const relationships = care.flatMap((c) => c.relationships);
  const checks = care.reduce((n, c) => n + c.balanceChecks.length, 0);
  if (relationships.length === 0 && checks === 0) return null;
  return (
    <>
      <h2 class="utrecht-heading-2">{m.careTitle}</h2>
      {relationships.map((r) => (
        <section key={r.id} class="naaste-operation">
          <p class="utrecht-paragraph">
            <strong>{format(m.careRelationship, { name: r.caredForName, relation: relationWords(ctx, r.relation) })}</strong>
            {r.endedAt ? ` ${format(m.careEnded, { date: dateWords(ctx, r.endedAt) })}` : ''}
          </p>
          {r.conditionText ? <Paragraph>{r.conditionText}</Paragraph> : null}
          {r.network.length > 0 ? <Paragraph>{format(m.careNetwork, { names: r.network.map((n) => n.name).join(', ') })}</Paragraph> : null}
          {r.support.map((k) => (
            <Fragment key={`${k.organisationName}-${k.openedAt}`}>
              <Paragraph>
                {format(m.careSupport, { organisation: k.organisationName, goals: k.goals.length, notes: k.sharedNotes.length })}
              </Paragraph>
              {k.goals.length > 0 ? (
                <ul class="utrecht-unordered-list">
                  {k.goals.map((g) => (
                    <li key={g.goal}>{g.goal}</li>
                  ))}
                </ul>
              ) : null}
            </Fragment>
          ))}
          {r.kitchenTable ? <Paragraph>{m.careKitchen}</Paragraph> : null}
        </section>
      ))}
      {checks > 0 ? <Paragraph>{format(m.careBalance, { count: checks })}</Paragraph> : null}
    </>
  );
}

const msg = (ctx: PageContext) => privacyMessages[ctx.locale];
const intl = (ctx: PageContext) => (ctx.locale === 'nl' ? 'nl-NL' : 'en-GB');

export function dateWords(ctx: PageContext, iso: string): string {
  return new Date(iso).toLocaleDateString(intl(ctx), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
}

export function timeWords(ctx: PageContext, iso: string): string {
  return new Date(iso).toLocaleTimeString(intl(ctx), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
}

/** "Jan de Vries" becomes "J. de Vries": enough to know who, without more than needed. */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name.trim();
  const first = parts[0] ?? '';
  return /^[A-Za-zÀ-ÿ]/.test(first) && !first.endsWith('.') ? [`${first[0]}.`, ...parts.slice(1)].join(' ') : parts.join(' ');
}

/** One access-log line as a sentence: when, who (of which organisation), what, for which purpose. */
export function lineSentence(ctx: PageContext, line: AccessLine, personId: string): string {
  const m = msg(ctx);
  let who: string;
  if (line.userId === personId) who = m.whoYou;
  else if (line.userId === null) who = m.whoSystem;
  else if (line.userErased) who = m.whoErased;
  else if (line.userName) who = shortName(line.userName);
  else who = m.whoUnknown;
  const organisation = line.organisationName ?? '';
  if (line.organisationName && line.userId !== personId && line.userId !== null) {
    who = format(m.whoOf, { name: who, organisation });
  }
  let what: string;
  if (line.outcome === 'denied') what = m.denied;
  else if (line.outcome === 'failure') what = m.failure;
  else if (line.eventCode === 'consent.give' && organisation) what = line.userId === personId ? m.consentGive : m.consentRecorded;
  else if (line.eventCode === 'consent.withdraw' && organisation) what = m.consentWithdraw;
  else if (line.eventCode === 'privacy.accessLog.read') what = m.logRead;
  else if (line.eventCode === 'privacy.erase') what = m.erase;
  else what = (m as Record<string, string>)[line.action] ?? m.read;
  const purpose = line.purpose ? format(m.linePurpose, { purpose: inWords(ctx.locale, line.purpose) }) : '';
  // Most sentences end with the purpose; a refusal names it before saying why it was refused.
  const inline = what.includes('{purpose}');
  const sentence = format(m.lineSentence, {
    date: dateWords(ctx, line.occurredAt),
    time: timeWords(ctx, line.occurredAt),
    what: format(what, { who, organisation, purpose: inline ? purpose : '' }),
  });
  return `${sentence}${inline ? '' : purpose}.`;
}

function AccountDetails({ ctx, account }: { ctx: PageContext; account: AccountData }) {
  const m = msg(ctx);
  const rows: [string, string][] = [
    [m.nameLabel, account.displayName],
    [m.emailLabel, account.email],
    [m.kindLabel, account.kind === 'resident' ? m.kindResident : m.kindProfessional],
    [m.languageLabel, account.locale === 'nl' ? m.languageNl : m.languageEn],
  ];
  if (account.birthDate) rows.push([m.birthDateLabel, dateWords(ctx, `${account.birthDate}T12:00:00Z`)]);
  rows.push([m.sinceLabel, dateWords(ctx, account.createdAt)]);
  return (
    <dl class="naaste-facts">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function consentStatus(ctx: PageContext, c: ConsentRow): string {
  const m = msg(ctx);
  if (c.withdrawnAt) return format(m.consentWithdrawn, { date: dateWords(ctx, c.withdrawnAt) });
  if (c.active) return m.consentActive;
  if (new Date(c.validFrom).getTime() > Date.now()) return format(m.consentNotYet, { date: dateWords(ctx, c.validFrom) });
  return m.consentEnded;
}

function ConsentItem({ ctx, consent, withForm }: { ctx: PageContext; consent: ConsentRow; withForm: boolean }) {
  const m = msg(ctx);
  const organisation = consent.recipientOrganisationName;
  let how: string;
  if (consent.givenHow === 'online') how = m.consentOnline;
  else if (consent.recordedByName) how = format(m.consentInPerson, { name: consent.recordedByName });
  else how = m.consentInPersonUnknown;
  return (
    <li class="naaste-operation" id={`toestemming-${consent.id}`}>
      <p class="utrecht-paragraph">
        <strong>
          {format(m.consentWhat, {
            organisation,
            category: inWords(ctx.locale, consent.dataCategory),
            purpose: inWords(ctx.locale, consent.purpose),
          })}
        </strong>
      </p>
      <p class="utrecht-paragraph">
        {format(m.consentPeriod, { from: dateWords(ctx, consent.validFrom), until: dateWords(ctx, consent.validUntil) })} {how}
        {consent.guardianName ? ` ${format(m.consentGuardian, { name: consent.guardianName })}` : ''}
      </p>
      <p class="utrecht-paragraph">{consentStatus(ctx, consent)}</p>
      {withForm && consent.active ? (
        <Form ctx={ctx} action={`/mijn-gegevens/toestemmingen/${consent.id}/intrekken`}>
          <button
            class="utrecht-button utrecht-button--secondary-action"
            type="submit"
            aria-label={format(m.withdrawButtonLabel, { organisation })}
          >
            {m.withdrawButton}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

function ConsentsByMunicipality({
  ctx,
  municipalities,
  withForms,
}: {
  ctx: PageContext;
  municipalities: MunicipalityConsents[];
  withForms: boolean;
}) {
  const m = msg(ctx);
  if (municipalities.length === 0) return <Paragraph>{m.consentsNone}</Paragraph>;
  return (
    <>
      {municipalities.map((mun) => (
        <section key={mun.tenantId} aria-labelledby={`gemeente-${mun.municipalityCode}`}>
          <h3 class="utrecht-heading-3" id={`gemeente-${mun.municipalityCode}`}>
            {format(m.municipalityTitle, { name: mun.municipalityName })}
          </h3>
          <ul class="utrecht-unordered-list naaste-consents">
            {mun.consents.map((c) => (
              <ConsentItem key={c.id} ctx={ctx} consent={c} withForm={withForms} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export type OverviewNotice =
  | { kind: 'withdrawn'; consent: ConsentRow; canUndo: boolean }
  | { kind: 'regiven'; consent: ConsentRow }
  | { kind: 'regiveNotPossible' };

export function OverviewPage({ ctx, overview, notice }: { ctx: PageContext; overview: Overview; notice?: OverviewNotice | undefined }) {
  const m = msg(ctx);
  const { account, municipalities, log } = overview;
  return (
    <Layout ctx={ctx} title={m.title}>
      {notice?.kind === 'withdrawn' ? (
        <Notice>
          <Paragraph>{format(m.withdrawnNotice, { organisation: notice.consent.recipientOrganisationName })}</Paragraph>
          {notice.canUndo ? (
            <Form ctx={ctx} action={`/mijn-gegevens/toestemmingen/${notice.consent.id}/opnieuw`}>
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {m.undoButton}
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      {notice?.kind === 'regiven' ? (
        <Notice>
          <Paragraph>
            {format(m.regivenNotice, {
              organisation: notice.consent.recipientOrganisationName,
              until: dateWords(ctx, notice.consent.validUntil),
            })}
          </Paragraph>
        </Notice>
      ) : null}
      {notice?.kind === 'regiveNotPossible' ? (
        <Notice>
          <Paragraph>{m.regiveNotPossible}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>

      <h2 class="utrecht-heading-2">{m.accountTitle}</h2>
      <AccountDetails ctx={ctx} account={account} />

      <CareSummary ctx={ctx} care={overview.care} />

      <h2 class="utrecht-heading-2">{m.consentsTitle}</h2>
      <Paragraph>{m.consentsLead}</Paragraph>
      <ConsentsByMunicipality ctx={ctx} municipalities={municipalities} withForms />

      <h2 class="utrecht-heading-2" id="wie-keek">
        {m.logTitle}
      </h2>
      <Paragraph>{m.logLead}</Paragraph>
      {log.items.length === 0 ? (
        <Paragraph>{m.logNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list naaste-access-log">
          {log.items.map((line) => (
            <li key={`${line.tenantId}-${line.seq}`}>{lineSentence(ctx, line, account.id)}</li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={log.page} pageSize={log.pageSize} total={log.total} query={{}} />
      {log.more ? <Paragraph>{m.logMore}</Paragraph> : null}

      <h2 class="utrecht-heading-2">{m.exportTitle}</h2>
      <Paragraph>{m.exportLead}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/download.json" download="mijn-gegevens.json">
            {m.downloadLink}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/afdrukken">
            {m.printLink}
          </a>
        </li>
      </ul>

      <h2 class="utrecht-heading-2">{m.eraseTitle}</h2>
      <Paragraph>
        <a class="utrecht-link" href="/mijn-gegevens/verwijderen">
          {m.eraseLink}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function PrintPage({ ctx, data }: { ctx: PageContext; data: Export }) {
  const m = msg(ctx);
  const municipalities: MunicipalityConsents[] = data.municipalities
    .filter((mun) => mun.consents.length > 0)
    .map((mun) => ({
      tenantId: mun.tenantId,
      municipalityCode: mun.municipalityCode,
      municipalityName: mun.municipalityName,
      consents: mun.consents,
    }));
  const withMemberships = data.municipalities.filter((mun) => mun.memberships.length > 0);
  const lines = data.municipalities
    .flatMap((mun) => mun.accessLog.map((line) => ({ ...line, tenantId: mun.tenantId })))
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.seq - a.seq));
  return (
    <Layout ctx={ctx} title={m.printTitle}>
      <Heading1>{m.printTitle}</Heading1>
      <Paragraph lead>
        {format(m.printLead, {
          date: format(m.dateTime, { date: dateWords(ctx, data.exportedAt), time: timeWords(ctx, data.exportedAt) }),
        })}
      </Paragraph>
      <h2 class="utrecht-heading-2">{m.accountTitle}</h2>
      <AccountDetails ctx={ctx} account={data.account} />
      {withMemberships.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{m.membershipsTitle}</h2>
          <ul class="utrecht-unordered-list">
            {withMemberships.flatMap((mun) =>
              mun.memberships.map((ms) => (
                <li key={`${mun.tenantId}-${ms.organisationName}`}>
                  {ms.organisationName ?? mun.municipalityName} ({mun.municipalityName})
                </li>
              )),
            )}
          </ul>
        </>
      ) : null}
      <CareDetails ctx={ctx} care={data.municipalities.map((mun) => mun.care)} />
      <h2 class="utrecht-heading-2">{m.consentsTitle}</h2>
      <ConsentsByMunicipality ctx={ctx} municipalities={municipalities} withForms={false} />
      <h2 class="utrecht-heading-2">{m.logTitle}</h2>
      {lines.length === 0 ? (
        <Paragraph>{m.logNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list naaste-access-log">
          {lines.map((line) => (
            <li key={`${line.tenantId}-${line.seq}`}>{lineSentence(ctx, line, data.account.id)}</li>
          ))}
        </ul>
      )}
      <Paragraph>
        <a class="utrecht-link naaste-no-print" href="/mijn-gegevens">
          {m.backToOverview}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function ErasePage({ ctx, errors, staff }: { ctx: PageContext; errors: FieldError[]; staff: boolean }) {
  const m = msg(ctx);
  const title = errors.length > 0 ? `${m.errorTitlePrefix}: ${m.eraseTitle}` : m.eraseTitle;
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.eraseTitle}</Heading1>
      <Paragraph lead>{m.eraseLead}</Paragraph>
      <h2 class="utrecht-heading-2">{m.eraseWhatTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li>{m.eraseWhat1}</li>
        <li>{m.eraseWhat2}</li>
        <li>{m.eraseWhat3}</li>
        <li>{m.eraseWhat5}</li>
        <li>{m.eraseWhat4}</li>
      </ul>
      <h2 class="utrecht-heading-2">{m.eraseKeepTitle}</h2>
      <Paragraph>{m.eraseKeep1}</Paragraph>
      <Paragraph>{m.eraseKeep2}</Paragraph>
      <Paragraph>{m.eraseKeep3}</Paragraph>
      {staff ? (
        <Paragraph>
          <strong>{m.eraseStaff}</strong>
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            {m.eraseBefore}{' '}
            <a class="utrecht-link" href="/mijn-gegevens/download.json" download="mijn-gegevens.json">
              {m.downloadLink}
            </a>
          </Paragraph>
          <Form ctx={ctx} action="/mijn-gegevens/verwijderen">
            <Checkbox name="bevestig" label={m.eraseConfirmLabel} checked={false} errors={errors} />
            <SubmitButton>{m.eraseButton}</SubmitButton>
          </Form>
        </>
      )}
      <Paragraph>
        <a class="utrecht-link" href="/mijn-gegevens">
          {m.backToOverview}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function PrivacyMessagePage({
  ctx,
  title,
  lines,
  link,
}: {
  ctx: PageContext;
  title: string;
  lines: string[];
  link: { href: string; label: string };
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      {lines.map((line, i) => (
        <Paragraph key={line} lead={i === 0}>
          {line}
        </Paragraph>
      ))}
      <Paragraph>
        <a class="utrecht-link" href={link.href}>
          {link.label}
        </a>
      </Paragraph>
    </Layout>
  );
}
