// `pvchain meter register`: a grid registers a household's smart meter (its id and public key,
// the household it measures, its trigger): a REGISTER_METER transaction.
import type { Command } from 'commander';
import { bigintToLong, pvchain } from '../../proto/index.ts';
import type { CliIo } from './cli-io.ts';
import type { SendCommandOptions } from './client/command-kit.ts';
import { formatAmount } from './client/format.ts';
import { publicKeyFrom } from './client/key-file.ts';
import { sendCommand } from './client/send-command.ts';
import { addressText, kwhAsWh } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

const v1 = pvchain.v1;

type RegisterOptions = SendCommandOptions & {
  id: string;
  meterKey: string;
  household: string;
  triggerKwh?: bigint;
};

export function registerMeterRegister(meters: Command, io: CliIo, exit: ExitSlot): void {
  sendCommand(
    meters
      .command('register')
      .description("register a household's meter (signed by the grid)")
      .requiredOption('--id <meter id>', 'the meter id (1-63 printable ASCII characters)')
      .requiredOption('--meter-key <key>', "the meter's public key: 64 hex, or its key file")
      .requiredOption('--household <address>', 'the household it measures', addressText)
      .option(
        '--trigger-kwh <kWh>',
        "export that triggers a trade (default: the contract's)",
        kwhAsWh,
      )
      .addHelpText(
        'after',
        '\nExample:\n  $ pvchain meter register --key grid.json --id M-0001 --meter-key meter.json --household a001...',
      ),
    io,
    exit,
    async (options: RegisterOptions, { signer, send, report }) => {
      await signer(); // a bad --key is reported before a bad --meter-key
      const publicKey = await publicKeyFrom(options.meterKey, '--meter-key <key>');
      const result = await send([
        {
          type: v1.OperationType.OPERATION_TYPE_REGISTER_METER,
          registerMeter: {
            meterId: options.id,
            publicKey,
            household: new Uint8Array(Buffer.from(options.household, 'hex')),
            triggerWh: bigintToLong(options.triggerKwh ?? 0n),
          },
        },
      ]);
      report(
        result,
        () =>
          `meter ${options.id} registered for ${options.household}` +
          (options.triggerKwh
            ? ` (trigger ${formatAmount('kWh', String(options.triggerKwh))})`
            : ''),
      );
    },
  );
}
