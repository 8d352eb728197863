import type { Sql } from '../db/database.ts';
import { enqueue, type JobHandler } from '../jobs/queue.ts';
import type { EmailMessage, Mailer } from './mailer.ts';

export const EMAIL_JOB = 'email.send';

/** Puts a mail in the queue inside the caller's transaction: nothing is sent for work that rolls back. */
export async function queueEmail(sql: Sql, message: EmailMessage): Promise<string> {
  return enqueue(sql, EMAIL_JOB, message, { maxAttempts: 8 });
}

export function emailJobHandler(mailer: Mailer): JobHandler {
  return async (payload) => {
    const m = payload as Partial<EmailMessage>;
    if (typeof m.to !== 'string' || typeof m.subject !== 'string' || typeof m.text !== 'string') {
      throw new Error('An email job needs to, subject and text.');
    }
    await mailer.send({ to: m.to, subject: m.subject, text: m.text, ...(typeof m.html === 'string' ? { html: m.html } : {}) });
  };
}
