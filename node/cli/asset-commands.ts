// `pvchain issue` (a grid issues its own asset) and `pvchain pay` (a payment of an asset).
import type { Command } from 'commander';
import { bigintToLong, pvchain } from '../../proto/index.ts';
import type { CliIo } from './cli-io.ts';
import type { ApiClient } from './client/api-client.ts';
import type { SendCommandOptions } from './client/command-kit.ts';
import { formatAmount } from './client/format.ts';
import { accountOf } from './client/send.ts';
import { sendCommand } from './client/send-command.ts';
import { addressText, positiveU64 } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

const v1 = pvchain.v1;
const addressBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

type IssueOptions = SendCommandOptions & { code: string; amount: bigint };
type PayOptions = IssueOptions & { to: string; issuer?: string };

export function registerAssetCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  sendCommand(
    program
      .command('issue')
      .description("issue an amount of the signer's own asset (a grid: kWh in Wh, CNY in fen)")
      .requiredOption('--code <code>', 'asset code, e.g. kWh or CNY')
      .requiredOption('--amount <n>', 'amount in base units (Wh, fen)', positiveU64)
      .addHelpText(
        'after',
        '\nExample:\n  $ pvchain issue --key grid.json --code kWh --amount 5000000',
      ),
    io,
    exit,
    async (options: IssueOptions, { signer, send, report }) => {
      const key = await signer();
      const result = await send([
        {
          type: v1.OperationType.OPERATION_TYPE_ISSUE_ASSET,
          issueAsset: { code: options.code, amount: bigintToLong(options.amount) },
        },
      ]);
      report(
        result,
        () => `issued ${formatAmount(options.code, String(options.amount))} to ${key.address}`,
      );
    },
  );
  sendCommand(
    program
      .command('pay')
      .description('pay an amount of an asset to another account')
      .requiredOption('--to <address>', 'the payee', addressText)
      .requiredOption('--code <code>', 'asset code, e.g. kWh or CNY')
      .requiredOption('--amount <n>', 'amount in base units (Wh, fen)', positiveU64)
      .option(
        '--issuer <address>',
        "the asset's issuer (default: the signer's creator, its grid)",
        addressText,
      )
      .addHelpText(
        'after',
        '\nExample:\n  $ pvchain pay --key alice.json --to a001... --code CNY --amount 1250',
      ),
    io,
    exit,
    async (options: PayOptions, { client, signer, send, report }) => {
      const key = await signer();
      const issuer = options.issuer ?? (await issuerOf(client, key.address, options.code));
      const result = await send([
        {
          type: v1.OperationType.OPERATION_TYPE_PAYMENT,
          payment: {
            destination: addressBytes(options.to),
            asset: { issuer: addressBytes(issuer), code: options.code },
            amount: bigintToLong(options.amount),
          },
        },
      ]);
      report(
        result,
        () => `paid ${formatAmount(options.code, String(options.amount))} to ${options.to}`,
      );
    },
  );
}

/** The issuer of the signer's balance of `code`, else the signer itself if a grid, else its creator. */
export async function issuerOf(client: ApiClient, address: string, code: string): Promise<string> {
  const account = await accountOf(client, address);
  const held = account.balances.find((b) => b.code === code);
  if (held) return held.issuer;
  if (account.role === 'grid') return account.address;
  if (account.creator) return account.creator;
  return account.address;
}
