import nodemailer from 'nodemailer';

export type EmailMessage = { to: string; subject: string; text: string; html?: string };

export type Mailer = {
  send: (message: EmailMessage) => Promise<{ messageId: string }>;
  close: () => void;
};

/** Sends over SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example.nl:465, or the development sink). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
