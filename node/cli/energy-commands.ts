// `pvchain buy` (energy credit from the grid) and `pvchain sell` (a sell offer, or straight to
// the grid): calls of the energy contract (docs/energy-contract.md) with the allowance the
// method needs, encoded by its client codec (light-client/contracts/energy/).
import { type Command, Option } from 'commander';
import { formatAddress } from '../../assembly/bindings/crypto.node.ts';
import {
  decodeEnergyOutput,
  type EnergyCall,
  encodeEnergyCall,
} from '../../light-client/contracts/energy/index.ts';
import { bigintToLong, pvchain } from '../../proto/index.ts';
import { genesisContractAddress } from '../ledger/contracts/contract-address.ts';
import { type CliIo, CliUsageError } from './cli-io.ts';
import { type ApiClient, NodeApiError } from './client/api-client.ts';
import type { SendCommandOptions } from './client/command-kit.ts';
import { formatAmount } from './client/format.ts';
import { accountOf, chainIdOf, type SendResult } from './client/send.ts';
import { type SendContext, sendCommand } from './client/send-command.ts';
import { addressText, kwhAsWh, positiveU64 } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

const v1 = pvchain.v1;
/** Plenty for any energy call (they use 7,000 to 16,000: docs/energy-contract.md, "Gas"). */
const GAS_LIMIT = 1_000_000n;
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

type EnergyOptions = SendCommandOptions & { kwh: bigint; contract?: string; gasLimit: bigint };
type BuyOptions = EnergyOptions & { maxFen?: bigint };
type SellOptions = EnergyOptions & { price?: bigint; toGrid?: boolean };

/** The energy contract the genesis deployed (its address under either chain hash), or --contract. */
async function energyContract(client: ApiClient, given?: string) {
  if (given) return { address: given, account: await accountOf(client, given) };
  const chainId = await chainIdOf(client);
  for (const alg of ['sha256', 'sm3'] as const) {
    const address = formatAddress(genesisContractAddress(alg, chainId, 'energy'));
    try {
      const account = await accountOf(client, address);
      if (account.role === 'contract') return { address, account };
    } catch (error) {
      if (!(error instanceof NodeApiError && error.code === 'API_ACCOUNT_NOT_FOUND')) throw error;
    }
  }
  throw new CliUsageError(
    '--contract <address>',
    `chain ${chainId} has no energy contract from its genesis; name one`,
  );
}

async function callEnergy(
  options: EnergyOptions,
  { client, signer: signerKey, send }: SendContext,
  call: EnergyCall,
  allowance: (
    signer: Awaited<ReturnType<typeof accountOf>>,
    grid: string,
  ) => { code: string; amount: bigint },
): Promise<SendResult> {
  const key = await signerKey();
  const contract = await energyContract(client, options.contract);
  const signer = await accountOf(client, key.address);
  // The grid issues both assets; a household's grid is its creator.
  const grid = signer.role === 'grid' ? signer.address : (signer.creator ?? '');
  const { entry, input } = encodeEnergyCall(call);
  const allowed = allowance(signer, grid);
  const operation = {
    type: v1.OperationType.OPERATION_TYPE_CALL_CONTRACT,
    callContract: {
      contract: bytes(contract.address),
      method: entry,
      input,
      allowances: [
        {
          asset: { issuer: bytes(grid), code: allowed.code },
          amount: bigintToLong(allowed.amount),
        },
      ],
    },
  };
  return send([operation], { gasLimit: options.gasLimit, nonce: BigInt(signer.nonce) + 1n });
}

/** The call's output, when it was committed with RESULT_CODE_OK and returned one. */
const outputOf = (result: SendResult): Uint8Array | null =>
  result.error_code === null && result.receipt?.output ? bytes(result.receipt.output) : null;

export function registerEnergyCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  sendCommand(
    program
      .command('buy')
      .description(
        "buy energy credit from the grid at its retail tariff (the energy contract's buy_from_grid)",
      )
      .requiredOption('--kwh <kWh>', 'energy to buy (up to 3 decimals)', kwhAsWh)
      .option(
        '--max-fen <fen>',
        'most CNY (in fen) the contract may take; default: all you hold',
        positiveU64,
      )
      .option('--contract <address>', "the energy contract (default: the genesis's)", addressText)
      .addOption(
        new Option('--gas-limit <gas>', 'most gas the call may use')
          .argParser(positiveU64)
          .default(GAS_LIMIT, String(GAS_LIMIT)),
      )
      .addHelpText('after', '\nExample:\n  $ pvchain buy --key household.json --kwh 20'),
    io,
    exit,
    async (options: BuyOptions, context) => {
      const result = await callEnergy(
        options,
        context,
        { method: 'buy_from_grid', amountWh: options.kwh },
        (signer) => {
          const held = BigInt(signer.balances.find((b) => b.code === 'CNY')?.amount ?? '0');
          const amount = options.maxFen ?? held;
          if (amount === 0n)
            throw new CliUsageError(
              '--max-fen <fen>',
              `${signer.address} holds no CNY to pay with`,
            );
          return { code: 'CNY', amount };
        },
      );
      const output = outputOf(result);
      const paid = output && decodeEnergyOutput('buy_from_grid', output).paidFen;
      context.report(
        result,
        () =>
          `bought ${formatAmount('kWh', String(options.kwh))} from the grid for ${formatAmount('CNY', String(paid))}`,
        paid === null ? {} : { paidFen: String(paid) },
      );
    },
  );
  sendCommand(
    program
      .command('sell')
      .description(
        'offer energy credit for sale at a price (post_offer), or sell it to the grid (--to-grid)',
      )
      .requiredOption('--kwh <kWh>', 'energy to sell (up to 3 decimals)', kwhAsWh)
      .option('--price <fen per kWh>', 'asking price, at least the feed-in tariff', positiveU64)
      .option('--to-grid', 'sell to the grid now at its feed-in tariff (sell_to_grid)')
      .option('--contract <address>', "the energy contract (default: the genesis's)", addressText)
      .addOption(
        new Option('--gas-limit <gas>', 'most gas the call may use')
          .argParser(positiveU64)
          .default(GAS_LIMIT, String(GAS_LIMIT)),
      )
      .addHelpText(
        'after',
        '\nExamples:\n  $ pvchain sell --key household.json --kwh 5 --price 45   # an offer others can buy\n  $ pvchain sell --key household.json --kwh 5 --to-grid',
      ),
    io,
    exit,
    async (options: SellOptions, context) => {
      if (!options.toGrid && options.price === undefined)
        throw new CliUsageError(
          '--price <fen per kWh>',
          'give a price for the offer, or --to-grid',
        );
      const call: EnergyCall = options.toGrid
        ? { method: 'sell_to_grid', amountWh: options.kwh }
        : { method: 'post_offer', amountWh: options.kwh, priceFenPerKwh: options.price as bigint };
      const result = await callEnergy(options, context, call, () => ({
        code: 'kWh',
        amount: options.kwh,
      }));
      const output = outputOf(result);
      const kwh = formatAmount('kWh', String(options.kwh));
      if (options.toGrid) {
        const received = output && decodeEnergyOutput('sell_to_grid', output).receivedFen;
        context.report(
          result,
          () => `sold ${kwh} to the grid for ${formatAmount('CNY', String(received))}`,
          received === null ? {} : { receivedFen: String(received) },
        );
      } else {
        const offerId = output && decodeEnergyOutput('post_offer', output).offerId;
        context.report(
          result,
          () => `offer ${offerId}: ${kwh} at ${options.price} fen/kWh`,
          offerId === null ? {} : { offerId: String(offerId) },
        );
      }
    },
  );
}
