// What the commands that talk to a node share: the --node, --json and --wait-ms options, the
// client, and how a sent transaction is reported (human text, or one JSON object with --json)
// and which exit code it gives.
import { type Command, Option } from 'commander';
import { type CliIo, ExitCode } from '../cli-io.ts';
import { integerIn } from '../option-parsers.ts';
import { type ApiClient, createApiClient, DEFAULT_NODE_URL } from './api-client.ts';
import type { SendResult } from './send.ts';

export type NodeOptions = { node: string; json?: boolean };
export type SendCommandOptions = NodeOptions & { key: string; waitMs: number; nonce?: bigint };

export function withNodeOptions(command: Command, io: CliIo): Command {
  const env = io.env ?? process.env;
  return command
    .addOption(
      new Option('--node <url>', "the node's HTTP API")
        .env('PVCHAIN_NODE')
        .default(env.PVCHAIN_NODE ?? DEFAULT_NODE_URL),
    )
    .option('--json', 'print one JSON object instead of text');
}

export function withSendOptions(command: Command, io: CliIo): Command {
  return withNodeOptions(command, io)
    .requiredOption('-k, --key <file>', 'the signing account key file (pvchain account create)')
    .option('--wait-ms <ms>', 'longest wait for the block', integerIn(100, 60_000), 20_000);
}

export const clientOf = (options: NodeOptions): ApiClient => createApiClient(options.node);

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`);
}

/** Reports a sent transaction; OK only when it was committed with RESULT_CODE_OK. */
export function reportSent(
  io: CliIo,
  options: NodeOptions,
  result: SendResult,
  done: (result: SendResult) => string,
  extra: Record<string, unknown> = {},
): ExitCode {
  const ok = result.status === 'committed' && result.error_code === null;
  if (options.json) printJson(io, { ...result, ...extra });
  else if (ok) io.out(`${done(result)}\n  transaction ${result.hash} in block ${result.height}\n`);
  if (ok) return ExitCode.OK;
  if (!options.json) {
    const why =
      result.status === 'timeout'
        ? `not in a block yet; check later: pvchain tx status ${result.hash}`
        : `${result.error_code}${result.error_desc ? `: ${result.error_desc}` : ''}`;
    io.err(
      `error: transaction ${result.status}${result.hash ? ` (${result.hash})` : ''}: ${why}\n`,
    );
  }
  return ExitCode.FAILURE;
}
