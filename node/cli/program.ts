// The `pvchain` command line: builds the commander program from one module per command group
// and runs it. To add a group: write `node/cli/<group>.ts` exporting `register<Group>Commands(
// program, io)`, which adds `program.command('<group>')` and its subcommands (they inherit the
// settings made here), and call it below. An action resolves to its exit code.
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { ConfigError } from '../config/node-config-file.ts';
import { registerAccountCommands } from './account.ts';
import { registerAssetCommands } from './asset-commands.ts';
import { registerChainCommands } from './chain-commands.ts';
import { type CliIo, CliUsageError, ExitCode } from './cli-io.ts';
import { NodeApiError } from './client/api-client.ts';
import { registerDevnetCommand } from './devnet.ts';
import { registerEnergyCommands } from './energy-commands.ts';
import { registerInitCommands } from './init-commands.ts';
import { registerMetersCommands } from './meters.ts';
import { registerNodeCommand } from './node-command.ts';

/** Where an action leaves its exit code. */
export type ExitSlot = { code: ExitCode };

export function createProgram(io: CliIo, exit: ExitSlot): Command {
  const program = new Command('pvchain')
    .description('pvchain: a permissioned blockchain for households trading rooftop solar power')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerInitCommands(program, io, exit);
  registerNodeCommand(program, io, exit);
  registerDevnetCommand(program, io, exit);
  registerAccountCommands(program, io, exit);
  registerAssetCommands(program, io, exit);
  registerEnergyCommands(program, io, exit);
  registerMetersCommands(program, io, exit);
  registerChainCommands(program, io, exit);
  return program;
}

/** Runs `pvchain` with `argv` (as process.argv: node, script, arguments); the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const exit: ExitSlot = { code: ExitCode.OK };
  const program = createProgram(io, exit);
  try {
    await program.parseAsync([...argv]);
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with 0; a group run without a subcommand prints its help and
      // counts as bad usage, as does every parse error (commander already printed it).
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (error instanceof ConfigError) {
      const fields = error.issues.map((i) => `  ${i.field}: ${i.message}\n`).join('');
      io.err(`error: ${error.message.split(':')[0]}:\n${fields}`);
      return ExitCode.CONFIG;
    }
    if (error instanceof NodeApiError) {
      io.err(`error: ${error.code}: ${error.message}\n`);
      return ExitCode.FAILURE;
    }
    if (error instanceof CliUsageError) {
      io.err(`error: ${error.message}\n`);
      return ExitCode.USAGE;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.FAILURE;
  }
}
