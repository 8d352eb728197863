import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobHandler } from '../platform/jobs/queue.ts';
import { STALE_REMINDERS_JOB, staleRemindersJobHandler } from '../capabilities/directory-admin/directory-admin.service.ts';
import { FOLLOW_UP_REMINDERS_JOB, followUpRemindersHandler } from '../capabilities/support/support.jobs.ts';
import { EMAIL_JOB, emailJobHandler } from '../platform/mail/email-job.ts';
import type { Mailer } from '../platform/mail/mailer.ts';

export type JobDependencies = { db: Database; config: Config; mailer: Mailer };

/** Every kind of background job the app runs, with its handler. Capabilities add theirs here. */
export function jobHandlers(deps: JobDependencies): Record<string, JobHandler> {
  return {
    [EMAIL_JOB]: emailJobHandler(deps.mailer),
    [STALE_REMINDERS_JOB]: staleRemindersJobHandler(deps),
    [FOLLOW_UP_REMINDERS_JOB]: followUpRemindersHandler({ db: deps.db, baseUrl: deps.config.baseUrl }),
  };
}

/** Jobs that run again and again, with the seconds between runs (a daily sweep: 24 * 60 * 60). */
export const RECURRING_JOBS: Record<string, number> = {
  [STALE_REMINDERS_JOB]: 24 * 60 * 60,
  [FOLLOW_UP_REMINDERS_JOB]: 60 * 60,
};
