import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** How the loopback server answers the next messages. */
export type CatcherMode = 'accept' | 'busy' | 'reject';

/**
 * A real SMTP server on a loopback port that keeps every message it accepts, parsed by mailparser.
 * `busy` answers 451 (try later), `reject` 554 at the end of DATA; recipients at
 * `@rejected.example` are refused with 550 at RCPT TO, as a receiving server refuses unknown users.
 */
export class MailCatcher {
  readonly messages: ParsedMail[] = [];
  mode: CatcherMode = 'accept';
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: Partial<SMTPServerOptions> = {}): Promise<MailCatcher> {
    let self: MailCatcher | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: options.secure ? [] : ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onRcptTo: (address, _session, callback) => {
        if (address.address.endsWith('@rejected.example')) {
          const error = new Error('5.1.1 <' + address.address + '>: user unknown') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const mode = self!.mode;
            if (mode === 'busy') {
              const error = new Error('4.3.2 Try again later') as Error & { responseCode: number };
              error.responseCode = 451;
              return callback(error);
            }
            if (mode === 'reject') {
              const error = new Error('5.7.1 Message refused by policy') as Error & { responseCode: number };
              error.responseCode = 554;
              return callback(error);
            }
            self!.messages.push(parsed);
            callback();
          })
          .catch(callback);
      },
      ...options,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    self = new MailCatcher(server, port);
    return self;
  }

  /** Messages whose To header names the address. */
  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => JSON.stringify(m.to ?? '').includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback port nobody listens on: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
