// Outgoing e-mail: SMTP when SMTP_URL is set, otherwise each message is written as an .eml file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** In the outbox (JSON), binary content travels as a base64 string with `encoding: 'base64'`. */
  attachments?: { filename: string; content: Buffer | string; contentType?: string; encoding?: 'base64' }[];
};

export type Mailer = { send: (message: MailMessage) => Promise<{ messageId: string }> };

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (m) => {
      const info = await transport.sendMail({ from, ...m });
      return { messageId: info.messageId };
    },
  };
}

/** Renders the real MIME message and keeps it: as files in a folder, or in memory for tests. */
export function createFileMailer(
  from: string,
  folder: string | null,
): Mailer & { sent: { raw: string; to: string }[] } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const sent: { raw: string; to: string }[] = [];
  return {
    sent,
    send: async (m) => {
      const info = await transport.sendMail({ from, ...m });
      const raw = (info.message as Buffer).toString('utf8');
      sent.push({ raw, to: m.to });
      if (folder) {
        await mkdir(folder, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '')}.eml`;
        await writeFile(join(folder, name), raw);
      }
      return { messageId: info.messageId };
    },
  };
}
