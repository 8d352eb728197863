import type { Database } from '../../platform/db/database.ts';
import type { JobHandler } from '../../platform/jobs/queue.ts';
import { queueEmail } from '../../platform/mail/email-job.ts';
import { activeConsentSql } from './support.queries.ts';
import { reminderEmail } from './support.messages.ts';
import { amsterdamDate } from './support.service.ts';

export const FOLLOW_UP_REMINDERS_JOB = 'support.followUpReminders';
/** How many reminders one municipality sends per round; the next round picks up the rest. */
const BATCH = 500;

/**
 * Follow-up reminders (R1): every follow-up that is due (today or earlier, Amsterdam time), not
 * done and not yet reminded gets one email to the case's consultant, and is marked as reminded in
 * the same transaction as the queued email. The email holds only a link to the case: no names, no
 * details. Cases that are closed, have no consultant, or whose caregiver withdrew consent are
 * skipped (nobody could open them). Runs per municipality under its row-level security.
 */
export function followUpRemindersHandler(deps: { db: Database; baseUrl: string }): JobHandler {
  return async () => {
    await runFollowUpReminders(deps);
  };
}

export async function runFollowUpReminders(deps: { db: Database; baseUrl: string }, today = amsterdamDate()): Promise<number> {
  const tenants = await deps.db.platform(
    async (sql) => (await sql.query<{ id: string }>('select id from municipalities where active')).rows,
  );
  let sent = 0;
  for (const { id: tenantId } of tenants) {
    for (;;) {
      const n = await deps.db.transaction({ tenantId, readOnly: false }, async (sql) => {
        const { rows } = await sql.query<{ id: string; caseId: string; email: string; locale: 'nl' | 'en' }>(
          `select f.id, f.case_id as "caseId", a.email, a.locale
           from follow_ups f
           join support_cases sc on sc.id = f.case_id
           join care_relationships cr on cr.id = sc.care_relationship_id
           join accounts a on a.id = sc.consultant_id
           where f.tenant_id = $1 and f.done_at is null and f.reminder_sent_at is null and f.due_on <= $2::date
             and sc.status <> 'closed' and a.disabled_at is null and ${activeConsentSql('sc', 'cr')}
           order by f.due_on, f.id
           limit $3
           for update of f skip locked`,
          [tenantId, today, BATCH],
        );
        for (const r of rows) {
          const words = reminderEmail[r.locale === 'en' ? 'en' : 'nl'];
          await queueEmail(sql, {
            to: r.email,
            subject: words.subject,
            text: words.text.replace('{url}', `${deps.baseUrl}/werkplek/dossiers/${r.caseId}#vervolg`),
          });
          await sql.query('update follow_ups set reminder_sent_at = now() where id = $1', [r.id]);
        }
        return rows.length;
      });
      sent += n;
      if (n < BATCH) break;
    }
  }
  return sent;
}
