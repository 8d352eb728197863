import type { ServiceContext } from '../../platform/db/context.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import * as queries from './feedback.queries.ts';
import { type FeedbackValues, feedbackFormSchema, type StoredFeedback } from './feedback.schemas.ts';
import { feedbackMessages } from './feedback.messages.ts';

export const FEEDBACK_RETENTION_MONTHS = 12;

export type SubmitResult = { ok: true; feedback: StoredFeedback; withEmail: boolean } | { ok: false; errors: FieldError[] };

/** Checks a reaction as typed; every problem is reported at once, in the reader's language. */
export function validateFeedback(values: FeedbackValues, locale: Locale): FieldError[] {
  const m = feedbackMessages[locale];
  const parsed = feedbackFormSchema.safeParse(values);
  if (parsed.success) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    if (field === 'topic') errors.push({ field, message: m.errorTopic });
    if (field === 'message') errors.push({ field, message: issue.code === 'too_big' ? m.errorMessageLong : m.errorMessageShort });
    if (field === 'email') errors.push({ field, message: m.errorEmail });
  }
  // In the order of the form, so the summary reads top to bottom.
  const order = ['topic', 'message', 'email'];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

export async function submitFeedback(ctx: ServiceContext, values: FeedbackValues, locale: Locale): Promise<SubmitResult> {
  const errors = validateFeedback(values, locale);
  if (errors.length > 0) return { ok: false, errors };
  const input = feedbackFormSchema.parse(values);
  const email = input.email === '' ? null : input.email;
  // Only a path on this site is kept as "the page it was about", never a full address.
  const page = input.page?.startsWith('/') && !input.page.startsWith('//') ? input.page : null;
  const feedback = await queries.insertFeedback(ctx.sql, { topic: input.topic, message: input.message, email, page, locale });
  return { ok: true, feedback, withEmail: email !== null };
}

/** Removes reactions older than the retention period; run daily by the job queue or the CLI. */
export async function purgeFeedback(ctx: ServiceContext, now = new Date()): Promise<number> {
  const before = new Date(now);
  before.setMonth(before.getMonth() - FEEDBACK_RETENTION_MONTHS);
  return queries.deleteFeedbackBefore(ctx.sql, before);
}
