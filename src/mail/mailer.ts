// Outgoing e-mail through nodemailer. With SMTP_URL set, messages go to that server.
// Without it (development, demos, tests) each message is written to MAIL_DIR as an
// .eml file (open it in any mail program) plus a .json file with to/subject/text, so
// developers and tests see every message. Message bodies can hold personal data:
// they are never logged; only the fact of sending is.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  /** Extra header lines, e.g. an alert's List-Unsubscribe (RFC 8058); values must be one line. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface StoredMail extends MailMessage {
  from: string;
  date: string;
  file: string;
}

export interface MailerOptions {
  from: string;
  smtpUrl?: string;
  /** Folder for messages when there is no SMTP server. */
  directory: string;
  logger?: Logger;
}

export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from: options.from, ...message });
        options.logger?.info({ mail: 'sent' }, 'e-mail sent via SMTP');
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      await mkdir(options.directory, { recursive: true });
      const base = `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID().slice(0, 8)}`;
      const stored: StoredMail = { from: options.from, date: new Date().toISOString(), file: `${base}.eml`, ...message };
      await writeFile(path.join(options.directory, `${base}.eml`), info.message as Buffer);
      await writeFile(path.join(options.directory, `${base}.json`), JSON.stringify(stored, null, 2));
      options.logger?.info({ mail: 'written', file: `${base}.eml` }, 'e-mail written to folder');
    },
  };
}

/** The messages in a mail folder, oldest first (for tests and development). */
export async function readMailFolder(directory: string): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(directory, name), 'utf8')) as StoredMail));
}
