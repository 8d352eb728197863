import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type StoredMessage = { id: string; receivedAt: string; from: string; to: string[]; subject: string; text: string };

export type DevMailbox = {
  port: number;
  list: () => StoredMessage[];
  get: (id: string) => StoredMessage | undefined;
  clear: () => void;
  close: () => Promise<void>;
};

const KEEP = 500;

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives in memory (the newest 500), for
 * development and tests: mail goes through SMTP exactly as in production, and can be read back at
 * /dev/mailbox. Never started in production.
 */
export async function startDevMailbox(port = 0): Promise<DevMailbox> {
  const messages: StoredMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          messages.unshift({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          messages.splice(KEEP);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    list: () => [...messages],
    get: (id) => messages.find((m) => m.id === id),
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
