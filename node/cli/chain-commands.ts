// `pvchain status` (the node and its chain) and `pvchain tx status <hash>`.
import type { Command } from 'commander';
import { type CliIo, ExitCode } from './cli-io.ts';
import { clientOf, type NodeOptions, printJson, withNodeOptions } from './client/command-kit.ts';
import { hashText } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

type Status = {
  chainId: string;
  mode: string;
  validator: string;
  height: string;
  lastBlockHash: string;
  lastBlockTimeMs: string;
  view: string;
  phase: string;
  peers: number;
  mempoolSize: number;
};

type Transaction = {
  hash: string;
  status: 'committed' | 'pending';
  height?: string;
  blockHash?: string;
  blockTimeMs?: string;
  transaction?: { source: string; nonce: string; operations: Record<string, unknown>[] };
  receipt?: { result: string; gasUsed: string; failedOperation: number; events: unknown[] };
};

export function registerChainCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  withNodeOptions(
    program
      .command('status')
      .description("a node's chain: id, height, last block, consensus, peers, pool"),
    io,
  ).action(async (options: NodeOptions) => {
    const s = await clientOf(options).get<Status>('/status');
    if (options.json) printJson(io, s);
    else
      io.out(
        [
          `chain      ${s.chainId} (${s.mode})`,
          `height     ${s.height}  ${s.lastBlockHash}`,
          `last block ${new Date(Number(s.lastBlockTimeMs)).toISOString()}`,
          `validator  ${s.validator}`,
          `consensus  view ${s.view}, ${s.phase}`,
          `peers      ${s.peers}`,
          `pool       ${s.mempoolSize} transactions`,
          '',
        ].join('\n'),
      );
    exit.code = ExitCode.OK;
  });
  const tx = program.command('tx').description('transactions');
  withNodeOptions(
    tx
      .command('status')
      .description('whether a transaction is committed (its block and result) or pending')
      .argument('<hash>', 'the transaction hash (64 hex)', hashText),
    io,
  ).action(async (hash: string, options: NodeOptions) => {
    const t = await clientOf(options).get<Transaction>(`/transactions/${hash}`);
    if (options.json) printJson(io, t);
    else if (t.status === 'pending') io.out(`${t.hash}  pending (in the node's pool)\n`);
    else
      io.out(
        [
          `${t.hash}  committed`,
          `block    ${t.height}  ${t.blockHash}  ${new Date(Number(t.blockTimeMs)).toISOString()}`,
          `source   ${t.transaction?.source}  nonce ${t.transaction?.nonce}`,
          `result   ${t.receipt?.result}${t.receipt?.result === 'RESULT_CODE_OK' ? '' : ` (operation ${t.receipt?.failedOperation})`}`,
          `gas      ${t.receipt?.gasUsed}  events ${t.receipt?.events.length}`,
          '',
        ].join('\n'),
      );
    exit.code =
      t.status === 'committed' && t.receipt?.result !== 'RESULT_CODE_OK'
        ? ExitCode.FAILURE
        : ExitCode.OK;
  });
}
