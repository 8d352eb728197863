import type { ComponentChildren } from 'preact';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form, RadioGroup, SubmitButton, TextArea, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import {
  actionWhoLabels,
  agreementWhoLabels,
  evaluationLabels,
  formLabels,
  outcomeLabels,
  situationLabels,
  supportMessages,
  visibilityLabels,
} from '../support.messages.ts';
import {
  ACTION_WHO,
  AGREEMENT_WHO,
  type AgreementRow,
  type CaseHeader,
  type Colleague,
  EVALUATIONS,
  type GoalRow,
  NOTE_VISIBILITY,
  OUTCOMES,
  type Outcome,
  SITUATION_KINDS,
  SUPPORT_FORMS,
} from '../support.schemas.ts';
import { NEW_LOOK_DAYS } from '../support.service.ts';

export type Values = Record<string, string>;

/** The frame of every form about one case: error summary, title, whose case, the form, the way back. */
export function CaseFormPage({
  ctx,
  header,
  title,
  lead,
  errors,
  action,
  submit,
  children,
}: {
  ctx: PageContext;
  header: CaseHeader;
  title: string;
  lead?: string | undefined;
  errors: FieldError[];
  action: string;
  submit: string;
  children: ComponentChildren;
}) {
  const m = supportMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${title}` : title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Paragraph>
        <a class="utrecht-link" href={`/werkplek/dossiers/${header.id}`}>
          {m.backToCase}
        </a>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {lead ? <Paragraph lead>{lead}</Paragraph> : null}
      <Form ctx={ctx} action={action}>
        {children}
        <SubmitButton>{submit}</SubmitButton>
      </Form>
    </Layout>
  );
}

type FormProps = { ctx: PageContext; header: CaseHeader; values: Values; errors: FieldError[] };
const v = (values: Values, name: string) => values[name] ?? '';
const base = (header: CaseHeader) => `/werkplek/dossiers/${header.id}`;

export function IntakePage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.intakeFormTitle, { name: header.caregiverName })}
      lead={m.intakeFormLead}
      errors={errors}
      action={`${base(header)}/intake`}
      submit={m.save}
    >
      <TextField name="intakeOn" type="date" label={m.intakeOn} value={v(values, 'intakeOn')} errors={errors} width="short" required />
      <TextArea
        name="situation"
        label={m.situation}
        hint={m.intakeSituationHint}
        value={v(values, 'situation')}
        errors={errors}
        maxLength={4000}
        required
      />
      <TextArea
        name="wishes"
        label={m.wishes}
        hint={m.intakeWishesHint}
        value={v(values, 'wishes')}
        errors={errors}
        maxLength={4000}
        optionalLabel={m.optional}
      />
      <TextArea
        name="possibilities"
        label={m.possibilities}
        value={v(values, 'possibilities')}
        errors={errors}
        maxLength={4000}
        optionalLabel={m.optional}
      />
      <TextArea name="limits" label={m.limits} value={v(values, 'limits')} errors={errors} maxLength={4000} optionalLabel={m.optional} />
    </CaseFormPage>
  );
}

export function GoalPage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  const forms = formLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.goalFormTitle, { name: header.caregiverName })}
      lead={m.planLead}
      errors={errors}
      action={`${base(header)}/doelen`}
      submit={m.addGoal}
    >
      <RadioGroup
        name="form"
        label={m.goalForm}
        value={v(values, 'form')}
        errors={errors}
        options={SUPPORT_FORMS.map((f) => ({ value: f, label: forms[f] }))}
      />
      <TextArea
        name="goal"
        label={m.goalText}
        hint={m.goalTextHint}
        value={v(values, 'goal')}
        errors={errors}
        rows={3}
        maxLength={1000}
        required
      />
    </CaseFormPage>
  );
}

export function ActionPage({ ctx, header, values, errors, goals }: FormProps & { goals: GoalRow[] }) {
  const m = supportMessages[ctx.locale];
  const who = actionWhoLabels[ctx.locale];
  const forms = formLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.actionFormTitle, { name: header.caregiverName })}
      errors={errors}
      action={`${base(header)}/acties`}
      submit={m.addAction}
    >
      <TextArea
        name="description"
        label={m.actionDescription}
        value={v(values, 'description')}
        errors={errors}
        rows={3}
        maxLength={1000}
        required
      />
      <RadioGroup
        name="who"
        label={m.actionWho}
        value={v(values, 'who')}
        errors={errors}
        options={ACTION_WHO.map((w) => ({ value: w, label: who[w] }))}
      />
      <TextField
        name="whoName"
        label={m.actionWhoName}
        hint={m.actionWhoNameHint}
        value={v(values, 'whoName')}
        errors={errors}
        maxLength={100}
        optionalLabel={m.optional}
      />
      <TextField
        name="dueOn"
        type="date"
        label={m.actionDueOn}
        value={v(values, 'dueOn')}
        errors={errors}
        width="short"
        optionalLabel={m.optional}
      />
      <RadioGroup
        name="goalId"
        label={m.actionGoal}
        value={v(values, 'goalId')}
        errors={errors}
        options={[{ value: '', label: m.noGoal }, ...goals.map((g) => ({ value: g.id, label: `${forms[g.form]}: ${g.goal}` }))]}
      />
    </CaseFormPage>
  );
}

export function NotePage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  const vis = visibilityLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.noteFormTitle, { name: header.caregiverName })}
      errors={errors}
      action={`${base(header)}/notities`}
      submit={m.save}
    >
      <TextArea name="body" label={m.noteBody} value={v(values, 'body')} errors={errors} maxLength={4000} required />
      <RadioGroup
        name="visibility"
        label={m.noteVisibility}
        value={v(values, 'visibility')}
        errors={errors}
        options={NOTE_VISIBILITY.map((n) => ({ value: n, label: vis[n] }))}
      />
    </CaseFormPage>
  );
}

export function FollowUpPage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.followUpFormTitle, { name: header.caregiverName })}
      lead={m.followUpLead}
      errors={errors}
      action={`${base(header)}/vervolg`}
      submit={m.addFollowUp}
    >
      <TextField name="dueOn" type="date" label={m.followUpDueOn} value={v(values, 'dueOn')} errors={errors} width="short" required />
      <TextField
        name="purpose"
        label={m.followUpPurpose}
        hint={m.followUpPurposeHint}
        value={v(values, 'purpose')}
        errors={errors}
        maxLength={500}
        required
      />
    </CaseFormPage>
  );
}

export function SituationPage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  const kinds = situationLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.situationFormTitle, { name: header.caregiverName })}
      lead={format(m.situationFormLead, { days: NEW_LOOK_DAYS })}
      errors={errors}
      action={`${base(header)}/situatie`}
      submit={m.reportSituation}
    >
      <RadioGroup
        name="kind"
        label={m.situationKind}
        value={v(values, 'kind')}
        errors={errors}
        options={SITUATION_KINDS.map((k) => ({ value: k, label: kinds[k] }))}
      />
      <TextArea
        name="description"
        label={m.situationDescription}
        value={v(values, 'description')}
        errors={errors}
        maxLength={2000}
        required
      />
    </CaseFormPage>
  );
}

export function AgreementPage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  const who = agreementWhoLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={m.agreementFormTitle}
      errors={errors}
      action={`${base(header)}/afspraken`}
      submit={m.addAgreement}
    >
      <RadioGroup
        name="who"
        label={m.agreementWho}
        value={v(values, 'who')}
        errors={errors}
        options={AGREEMENT_WHO.map((w) => ({ value: w, label: who[w] }))}
      />
      <TextField
        name="whoName"
        label={m.agreementWhoName}
        value={v(values, 'whoName')}
        errors={errors}
        maxLength={100}
        optionalLabel={m.optional}
      />
      <TextArea
        name="contribution"
        label={m.agreementContribution}
        value={v(values, 'contribution')}
        errors={errors}
        rows={3}
        maxLength={1000}
        required
      />
    </CaseFormPage>
  );
}

export function EvaluationPage({ ctx, header, values, errors, agreement }: FormProps & { agreement: AgreementRow }) {
  const m = supportMessages[ctx.locale];
  const evaluations = evaluationLabels[ctx.locale];
  const who = agreementWhoLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={m.evaluationFormTitle}
      lead={`${who[agreement.who]}${agreement.whoName ? ` (${agreement.whoName})` : ''}: ${agreement.contribution}`}
      errors={errors}
      action={`${base(header)}/afspraken/${agreement.id}`}
      submit={m.save}
    >
      <RadioGroup
        name="evaluation"
        label={m.evaluation}
        value={v(values, 'evaluation')}
        errors={errors}
        options={EVALUATIONS.map((e) => ({ value: e, label: evaluations[e] }))}
      />
      <TextArea
        name="evaluationNote"
        label={m.evaluationNote}
        hint={m.evaluationNoteHint}
        value={v(values, 'evaluationNote')}
        errors={errors}
        rows={3}
        maxLength={1000}
      />
    </CaseFormPage>
  );
}

export function ReassignPage({ ctx, header, values, errors, colleagues }: FormProps & { colleagues: Colleague[] }) {
  const m = supportMessages[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.reassignTitle, { name: header.caregiverName })}
      lead={m.reassignLead}
      errors={errors}
      action={`${base(header)}/overdragen`}
      submit={m.reassignButton}
    >
      {header.changeRequestedAt ? (
        <Paragraph>
          {format(m.changeRequestLead, { name: header.caregiverName, date: header.changeRequestedAt.slice(0, 10) })}
          {header.changeReason ? ` ${format(m.changeRequestReason, { reason: header.changeReason })}` : ''}
        </Paragraph>
      ) : null}
      <RadioGroup
        name="consultantId"
        label={m.reassignTo}
        value={v(values, 'consultantId') || (header.consultantId ?? '')}
        errors={errors}
        options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
      />
    </CaseFormPage>
  );
}

export function ClosePage({ ctx, header, values, errors }: FormProps) {
  const m = supportMessages[ctx.locale];
  const outcomes = outcomeLabels[ctx.locale];
  return (
    <CaseFormPage
      ctx={ctx}
      header={header}
      title={format(m.closeFormTitle, { name: header.caregiverName })}
      errors={errors}
      action={`${base(header)}/afsluiten`}
      submit={m.closeNext}
    >
      <RadioGroup
        name="outcome"
        label={m.outcome}
        value={v(values, 'outcome')}
        errors={errors}
        options={OUTCOMES.map((o) => ({ value: o, label: outcomes[o] }))}
      />
      <TextArea
        name="outcomeNote"
        label={m.outcomeNote}
        hint={m.outcomeNoteHint}
        value={v(values, 'outcomeNote')}
        errors={errors}
        rows={3}
        maxLength={2000}
      />
    </CaseFormPage>
  );
}

/** The confirmation step before a case is closed; the choices travel along in hidden fields. */
export function ConfirmClosePage({
  ctx,
  header,
  outcome,
  outcomeNote,
}: {
  ctx: PageContext;
  header: CaseHeader;
  outcome: Outcome;
  outcomeNote: string;
}) {
  const m = supportMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.confirmTitle}>
      <Heading1>{m.confirmTitle}</Heading1>
      <Paragraph lead>{format(m.confirmLead, { outcome: outcomeLabels[ctx.locale][outcome] })}</Paragraph>
      {outcomeNote ? <Paragraph>{outcomeNote}</Paragraph> : null}
      <Form ctx={ctx} action={`${base(header)}/afsluiten`}>
        <input type="hidden" name="outcome" value={outcome} />
        <input type="hidden" name="outcomeNote" value={outcomeNote} />
        <input type="hidden" name="bevestigd" value="ja" />
        <SubmitButton>{m.confirmButton}</SubmitButton>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={base(header)}>
          {m.cancel}
        </a>
      </Paragraph>
    </Layout>
  );
}
