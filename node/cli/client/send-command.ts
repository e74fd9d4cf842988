// A command that signs and sends one transaction (issue, pay, buy, sell, meter register): the
// common options (--key, --node, --wait-ms, --json) declared once, and the context its action
// works with: the node's client, the signer's key (read from --key when first asked for, so a
// usage error found before it still comes first), sending as the signer's next transaction, and
// the report that sets the exit code.
import type { Command } from 'commander';
import type { pvchain } from '../../../proto/index.ts';
import type { CliIo } from '../cli-io.ts';
import type { ExitSlot } from '../program.ts';
import type { ApiClient } from './api-client.ts';
import { clientOf, reportSent, type SendCommandOptions, withSendOptions } from './command-kit.ts';
import { type KeyPair, readKeyFile } from './key-file.ts';
import { type SendOptions, type SendResult, sendTransaction } from './send.ts';

export type SendContext = {
  client: ApiClient;
  /** The --key file's key pair. */
  signer(): Promise<KeyPair>;
  /** Signs `operations` as the signer's transaction, submits it and waits for its block. */
  send(
    operations: pvchain.v1.Operation.$Properties[],
    overrides?: Partial<SendOptions>,
  ): Promise<SendResult>;
  /** Reports the result (text or --json) and sets the exit code: OK only when committed OK. */
  report(
    result: SendResult,
    done: (result: SendResult) => string,
    extra?: Record<string, unknown>,
  ): void;
};

/** Adds the send options to `command` and makes `action` its action, with a SendContext. */
export function sendCommand<O extends SendCommandOptions>(
  command: Command,
  io: CliIo,
  exit: ExitSlot,
  action: (options: O, context: SendContext) => Promise<void>,
): void {
  withSendOptions(command, io).action(async (options: O) => {
    const client = clientOf(options);
    let key: Promise<KeyPair> | null = null;
    const signer = () => {
      key ??= readKeyFile(options.key);
      return key;
    };
    await action(options, {
      client,
      signer,
      send: async (operations, overrides = {}) =>
        sendTransaction(client, await signer(), operations, { ...options, ...overrides }),
      report: (result, done, extra) => {
        exit.code = reportSent(io, options, result, done, extra);
      },
    });
  });
}
