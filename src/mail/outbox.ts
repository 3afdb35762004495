// E-mail is sent through an outbox: a service that causes a message queues it in the
// same transaction as the change (so a saved change always has its message, and a
// rolled-back one never does), and the job worker delivers it (src/jobs/tasks.ts),
// retrying with backoff while the mail server is down. An SMTP outage delays mail; it
// never drops it, and it never turns the user's request into an error.
//
// The queued job holds the rendered message (recipient and text: personal data) only
// until it is delivered; a delivered job is deleted by the queue.
import type { JobClient } from '../jobs/queue.js';
import { enqueueJob } from '../jobs/queue.js';
import type { MailMessage } from './mailer.js';

export const SEND_MAIL_TASK = 'send-mail';

/** About two days of retries with graphile-worker's exponential backoff (capped at ~6 hours between attempts). */
export const MAIL_MAX_ATTEMPTS = 16;

export async function queueMail(db: JobClient, messages: MailMessage | readonly MailMessage[]): Promise<void> {
  for (const message of Array.isArray(messages) ? messages : [messages as MailMessage]) {
    await enqueueJob(
      db,
      SEND_MAIL_TASK,
      {
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      },
      { maxAttempts: MAIL_MAX_ATTEMPTS },
    );
  }
}
