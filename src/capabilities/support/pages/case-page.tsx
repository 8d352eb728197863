import type { ComponentChildren, VNode } from 'preact';
import { format } from '../../../platform/i18n/i18n.ts';
import { BalanceChart } from '../../balance-check/pages/balance-chart.tsx';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form, Notice } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import {
  actionWhoLabels,
  ageBandLabels,
  agreementWhoLabels,
  burdenLabels,
  combinesLabels,
  evaluationLabels,
  eventLabels,
  formLabels,
  goalStatusLabels,
  networkKindLabels,
  outcomeLabels,
  relationLabels,
  signalLabels,
  situationLabels,
  statusLabels,
  supportMessages,
  taskLabels,
  visibilityLabels,
} from '../support.messages.ts';
import { type CaseFile, GOAL_STATUSES } from '../support.schemas.ts';
import { showDate } from './caseload-page.tsx';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 class="utrecht-heading-2" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, string | VNode | null][] }) {
  return (
    <dl class="naaste-facts">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value ?? ''}</dd>
        </>
      ))}
    </dl>
  );
}

function LinkButton({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <Paragraph>
      <a class="utrecht-link" href={href}>
        {children}
      </a>
    </Paragraph>
  );
}

function SmallButton({ ctx, action, children, label: aria }: { ctx: PageContext; action: string; children: string; label?: string }) {
  return (
    <Form ctx={ctx} action={action}>
      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={aria}>
        {children}
      </button>
    </Form>
  );
}

export function CasePage({ ctx, file, notice, today }: { ctx: PageContext; file: CaseFile; notice?: string | undefined; today: string }) {
  const m = supportMessages[ctx.locale];
  const h = file.header;
  const base = `/werkplek/dossiers/${h.id}`;
  const closed = h.status === 'closed';
  const title = format(m.caseTitle, { name: h.caregiverName });
  const rel = file.relationship;
  const goalText = new Map(file.goals.map((g) => [g.id, g.goal]));
  const L = {
    status: statusLabels[ctx.locale],
    burden: burdenLabels[ctx.locale],
    form: formLabels[ctx.locale],
    goal: goalStatusLabels[ctx.locale],
    who: actionWhoLabels[ctx.locale],
    agreementWho: agreementWhoLabels[ctx.locale],
    evaluation: evaluationLabels[ctx.locale],
    outcome: outcomeLabels[ctx.locale],
    situation: situationLabels[ctx.locale],
    visibility: visibilityLabels[ctx.locale],
    signal: signalLabels[ctx.locale],
    event: eventLabels[ctx.locale],
  };
  const yesNo = (v: boolean | null) => (v === null ? m.unknown : v ? m.yes : m.no);
  return (
    <Layout ctx={ctx} title={title}>
      <Paragraph>
        <a class="utrecht-link" href="/werkplek">
          {m.backToCaseload}
        </a>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>
        {format(m.caseLead, {
          name: h.caregiverName,
          caredFor: h.caredForName,
          status: L.status[h.status],
          consultant: h.consultantName ?? m.nobody,
        })}
      </Paragraph>
      {!closed && h.consultantId === null ? (
        <>
          <Paragraph>{m.takeLead}</Paragraph>
          <SmallButton ctx={ctx} action={`${base}/oppakken`}>
            {m.take}
          </SmallButton>
        </>
      ) : null}
      {!closed ? <LinkButton href={`${base}/overdragen`}>{m.reassign}</LinkButton> : null}

      {h.changeRequestedAt ? (
        <Section id="andere-consulent" title={m.changeRequestTitle}>
          <Paragraph>{format(m.changeRequestLead, { name: h.caregiverName, date: showDate(ctx.locale, h.changeRequestedAt) })}</Paragraph>
          {h.changeReason ? <Paragraph>{format(m.changeRequestReason, { reason: h.changeReason })}</Paragraph> : null}
          <LinkButton href={`${base}/overdragen`}>{m.reassign}</LinkButton>
        </Section>
      ) : null}

      {file.signals.length > 0 ? (
        <Section id="signalen" title={m.signalsTitle}>
          <ul class="naaste-plain-list">
            {file.signals.map((s) => (
              <li key={s.id}>
                <Paragraph>
                  {L.signal[s.kind]} ({showDate(ctx.locale, s.createdAt)})
                </Paragraph>
                <SmallButton
                  ctx={ctx}
                  action={`${base}/signalen/${s.id}/gezien`}
                  label={format(m.signalSeenFor, { signal: L.signal[s.kind] })}
                >
                  {m.signalSeen}
                </SmallButton>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="zorgsituatie" title={m.relationshipTitle}>
        {rel ? (
          <Facts
            rows={[
              [m.relation, label(relationLabels[ctx.locale], rel.relation)],
              [m.ageBand, label(ageBandLabels[ctx.locale], rel.ageBand)],
              [m.condition, rel.condition ?? m.unknown],
              [m.tasks, rel.tasks.length > 0 ? rel.tasks.map((t) => label(taskLabels[ctx.locale], t)).join(', ') : m.unknown],
              [m.hours, rel.hoursPerWeek === null ? m.unknown : String(rel.hoursPerWeek)],
              [m.since, rel.caringSince ? showDate(ctx.locale, rel.caringSince) : m.unknown],
              [m.livingTogether, yesNo(rel.livingTogether)],
              [
                m.combines,
                rel.combinesWith.length > 0 ? rel.combinesWith.map((c) => label(combinesLabels[ctx.locale], c)).join(', ') : m.nothing,
              ],
            ]}
          />
        ) : null}
        <h3 class="utrecht-heading-3">{m.networkTitle}</h3>
        {file.network.length === 0 ? (
          <Paragraph>{m.networkNone}</Paragraph>
        ) : (
          <ul class="utrecht-unordered-list">
            {file.network.map((n) => (
              <li key={n.id}>
                {n.name} ({label(networkKindLabels[ctx.locale], n.kind)}){n.helpsWith ? `: ${n.helpsWith}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="balans" title={m.balanceTitle}>
        <Paragraph>
          {m.colBurden}: {L.burden[h.burdenLevel]}
        </Paragraph>
        {file.balanceResults.length === 0 ? (
          <Paragraph>{m.balanceNone}</Paragraph>
        ) : (
          <BalanceChart results={file.balanceResults} locale={ctx.locale} idPrefix="balans" headingLevel={3} />
        )}
        {!closed ? <LinkButton href={`${base}/meting`}>{m.balanceRemeasure}</LinkButton> : null}
      </Section>

      <Section id="kennismaking" title={m.intakeTitle}>
        {h.intakeOn ? (
          <Facts
            rows={[
              [m.intakeOn, showDate(ctx.locale, h.intakeOn)],
              [m.situation, h.situation],
              [m.wishes, h.wishes],
              [m.possibilities, h.possibilities],
              [m.limits, h.limits],
            ]}
          />
        ) : (
          <Paragraph>{m.intakeNone}</Paragraph>
        )}
        {!closed ? <LinkButton href={`${base}/intake`}>{h.intakeOn ? m.intakeChange : m.intakeEdit}</LinkButton> : null}
      </Section>

      <Section id="plan" title={m.planTitle}>
        <Paragraph>{m.planLead}</Paragraph>
        {file.goals.length === 0 ? (
          <Paragraph>{m.planNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.goals.map((g) => (
              <li key={g.id}>
                <h3 class="utrecht-heading-3">{L.form[g.form]}</h3>
                <Paragraph>{g.goal}</Paragraph>
                <Form ctx={ctx} action={`${base}/doelen/${g.id}`}>
                  <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for={`goal-${g.id}`}>
                      {m.goalStatus}
                    </label>
                    <select class="utrecht-select" id={`goal-${g.id}`} name="status">
                      {GOAL_STATUSES.map((s) => (
                        <option key={s} value={s} selected={s === g.status}>
                          {L.goal[s]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button
                    class="utrecht-button utrecht-button--secondary-action"
                    type="submit"
                    aria-label={format(m.goalStatusFor, { goal: g.goal })}
                  >
                    {m.saveStatus}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {!closed ? <LinkButton href={`${base}/doelen`}>{m.addGoal}</LinkButton> : null}
        <h3 class="utrecht-heading-3">{m.actionsTitle}</h3>
        {file.actions.length === 0 ? (
          <Paragraph>{m.actionsNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.actions.map((a) => (
              <li key={a.id}>
                <Paragraph>
                  <strong>{a.description}</strong>
                  {a.goalId && goalText.has(a.goalId) ? ` (${m.forGoal}: ${goalText.get(a.goalId)})` : ''}
                </Paragraph>
                <Paragraph>
                  {m.actionWho}: {L.who[a.who]}
                  {a.whoName ? ` (${a.whoName})` : ''}
                  {a.dueOn ? ` · ${m.actionDue}: ${showDate(ctx.locale, a.dueOn)}` : ''}
                  {a.doneAt ? ` · ${format(m.actionDoneOn, { date: showDate(ctx.locale, a.doneAt) })}` : ''}
                </Paragraph>
                <SmallButton
                  ctx={ctx}
                  action={`${base}/acties/${a.id}/${a.doneAt ? 'niet-klaar' : 'klaar'}`}
                  label={a.doneAt ? undefined : format(m.actionDoneFor, { action: a.description })}
                >
                  {a.doneAt ? m.actionUndo : m.actionDone}
                </SmallButton>
              </li>
            ))}
          </ul>
        )}
        {!closed ? <LinkButton href={`${base}/acties`}>{m.addAction}</LinkButton> : null}
      </Section>

      <Section id="vervolg" title={m.followUpsTitle}>
        {file.followUps.length === 0 ? (
          <Paragraph>{m.followUpsNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.followUps.map((f) => (
              <li key={f.id}>
                <Paragraph>
                  {f.dueOn < today && !f.doneAt
                    ? format(m.overdue, { date: showDate(ctx.locale, f.dueOn) })
                    : showDate(ctx.locale, f.dueOn)}
                  : {f.purpose}
                  {f.doneAt ? ` · ${format(m.actionDoneOn, { date: showDate(ctx.locale, f.doneAt) })}` : ''}
                  {f.reminderSentAt && !f.doneAt ? ` · ${m.followUpReminded}` : ''}
                </Paragraph>
                {!f.doneAt ? (
                  <SmallButton ctx={ctx} action={`${base}/vervolg/${f.id}/klaar`} label={format(m.followUpDoneFor, { purpose: f.purpose })}>
                    {m.followUpDone}
                  </SmallButton>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {!closed ? <LinkButton href={`${base}/vervolg`}>{m.addFollowUp}</LinkButton> : null}
      </Section>

      <Section id="notities" title={m.notesTitle}>
        {file.notes.length === 0 ? (
          <Paragraph>{m.notesNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.notes.map((n) => (
              <li key={n.id}>
                <p class="utrecht-paragraph naaste-muted">
                  {format(m.noteBy, { author: n.authorName ?? m.unknown, date: showDate(ctx.locale, n.createdAt) })} ·{' '}
                  {L.visibility[n.visibility]}
                </p>
                <Paragraph>{n.body}</Paragraph>
              </li>
            ))}
          </ul>
        )}
        <LinkButton href={`${base}/notities`}>{m.addNote}</LinkButton>
      </Section>

      <Section id="situatie" title={m.situationTitle}>
        {file.situationChanges.length === 0 ? (
          <Paragraph>{m.situationNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.situationChanges.map((s) => (
              <li key={s.id}>
                <Paragraph>
                  <strong>{L.situation[s.kind]}</strong>
                  {s.description ? `: ${s.description}` : ''}
                </Paragraph>
                <p class="utrecht-paragraph naaste-muted">
                  {format(m.situationBy, {
                    who: s.reporterRole === 'caregiver' ? m.reporterCaregiver : m.reporterConsultant,
                    date: showDate(ctx.locale, s.reportedAt),
                  })}
                  {s.handledAt ? ` · ${m.situationHandledOn}` : ''}
                </p>
                {!s.handledAt ? (
                  <SmallButton
                    ctx={ctx}
                    action={`${base}/situaties/${s.id}/afgehandeld`}
                    label={format(m.situationHandledFor, { kind: L.situation[s.kind] })}
                  >
                    {m.situationHandled}
                  </SmallButton>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <LinkButton href={`${base}/situatie`}>{m.reportSituation}</LinkButton>
      </Section>

      <Section id="keukentafel" title={m.kitchenTitle}>
        <h3 class="utrecht-heading-3">{m.kitchenPrepared}</h3>
        {!file.preparation ||
        (!file.preparation.whatIDo && !file.preparation.needs && !file.preparation.limits && !file.preparation.canAndWant) ? (
          <Paragraph>{m.kitchenNone}</Paragraph>
        ) : !file.preparation.shared ? (
          <Paragraph>{m.kitchenNotShared}</Paragraph>
        ) : (
          <>
            <Facts
              rows={[
                [m.whatIDo, file.preparation.whatIDo],
                [m.canAndWant, file.preparation.canAndWant],
                [m.kitchenLimits, file.preparation.limits],
                [m.needs, file.preparation.needs],
                [m.conversationOn, file.preparation.conversationOn ? showDate(ctx.locale, file.preparation.conversationOn) : m.unknown],
              ]}
            />
            {file.preparation.supportRequestedAt ? <Paragraph>{m.supportRequested}</Paragraph> : null}
          </>
        )}
        <h3 class="utrecht-heading-3">{m.agreementsTitle}</h3>
        {file.agreements.length === 0 ? (
          <Paragraph>{m.agreementsNone}</Paragraph>
        ) : (
          <ul class="naaste-plain-list">
            {file.agreements.map((a) => (
              <li key={a.id}>
                <Paragraph>
                  <strong>
                    {L.agreementWho[a.who]}
                    {a.whoName ? ` (${a.whoName})` : ''}
                  </strong>
                  : {a.contribution}
                </Paragraph>
                <Paragraph>
                  {a.evaluation ? L.evaluation[a.evaluation] : m.notEvaluated}
                  {a.evaluationNote ? `: ${a.evaluationNote}` : ''}
                </Paragraph>
                <Paragraph>
                  <a
                    class="utrecht-link"
                    href={`${base}/afspraken/${a.id}`}
                    aria-label={format(m.evaluateFor, { contribution: a.contribution })}
                  >
                    {m.evaluate}
                  </a>
                </Paragraph>
              </li>
            ))}
          </ul>
        )}
        <LinkButton href={`${base}/afspraken`}>{m.addAgreement}</LinkButton>
      </Section>

      <Section id="afsluiten" title={m.closeTitle}>
        {closed ? (
          <>
            <Paragraph>
              {format(m.closedLead, {
                date: showDate(ctx.locale, h.closedAt),
                outcome: h.outcome ? L.outcome[h.outcome] : m.unknown,
              })}
              {h.outcomeNote ? ` ${h.outcomeNote}` : ''}
            </Paragraph>
            <SmallButton ctx={ctx} action={`${base}/heropenen`}>
              {m.reopen}
            </SmallButton>
          </>
        ) : (
          <>
            <Paragraph>{m.closeLead}</Paragraph>
            <LinkButton href={`${base}/afsluiten`}>{m.closeButton}</LinkButton>
          </>
        )}
      </Section>

      <Section id="geschiedenis" title={m.historyTitle}>
        <ul class="utrecht-unordered-list">
          {file.events.map((e) => (
            <li key={e.id}>
              {showDate(ctx.locale, e.createdAt)}:{' '}
              {format(L.event[e.kind], { actor: e.actorName ?? m.unknown, subject: e.subjectName ?? m.unknown })}
            </li>
          ))}
          <li>
            {showDate(ctx.locale, h.openedAt)}: {m.historyOpened}
          </li>
        </ul>
      </Section>
    </Layout>
  );
}
