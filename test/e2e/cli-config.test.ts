// Setting up a validator with the CLI as a user types it: init (key file 0600, node.json in the
// sectioned layout), genesis from the keys init made, and `pvchain node` refusing bad configs
// with exit code 78 and a message naming the field: a wrong field, an environment override,
// a key file others may read. Also: every command answers --help.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Command } from 'commander';
import { createProgram } from '../../node/cli/program.ts';
import { loadNodeConfig } from '../../node/config/node-config-file.ts';
import { jsonOf, runPvchain } from '../support/cli-run.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-cli-config-'));
  dirs.push(dir);
  return dir;
}

describe('pvchain init, genesis and config errors', () => {
  it('init and genesis make a config that loads; node refuses bad ones naming the field', async () => {
    const dir = await tmp();
    const pv = (...args: string[]) => runPvchain(args, { cwd: dir });
    const validators: {
      address: string;
      publicKey: string;
      keyFile: string;
      configFile: string;
    }[] = [];
    for (const i of [0, 1, 2, 3]) {
      const made = jsonOf<(typeof validators)[number]>(
        await pv(
          'init',
          '--dir',
          `v${i}`,
          '--genesis',
          '../genesis.json',
          '--p2p-port',
          String(27_001 + i),
          '--api-port',
          '0',
          '--monitor-port',
          '0',
          '--json',
        ),
      );
      assert.equal((await stat(made.keyFile)).mode & 0o777, 0o600);
      validators.push(made);
    }
    jsonOf(await pv('account', 'create', '--out', 'genesis-account.json', '--json'));
    const grid = jsonOf<{ address: string }>(
      await pv('account', 'create', '--out', 'grid.json', '--json'),
    );
    const genesis = jsonOf<{
      validators: string[];
      grids: { address: string }[];
      energyContract: boolean;
    }>(
      await pv(
        'genesis',
        '--chain-id',
        'lianhua-1',
        '--genesis-account',
        'genesis-account.json',
        ...validators.flatMap((v) => ['--validator', v.keyFile]),
        '--grid',
        'Lianhua Grid Co.=grid.json',
        '--out',
        'genesis.json',
        '--json',
      ),
    );
    assert.deepEqual(
      genesis.validators,
      validators.map((v) => v.address),
    );
    assert.deepEqual(
      genesis.grids.map((g) => g.address),
      [grid.address],
    );
    assert.equal(genesis.energyContract, true);
    const configFile = validators[0]?.configFile as string;
    const loaded = await loadNodeConfig(configFile, {});
    assert.equal(loaded.genesis.chainId, 'lianhua-1');
    assert.equal(loaded.genesis.validators.length, 4);
    assert.equal(loaded.webserver?.listen, '127.0.0.1:0');
    assert.equal(loaded.monitor?.listen, '127.0.0.1:0');
    assert.equal(loaded.p2p.listen.tcp, '/ip4/127.0.0.1/tcp/27001');

    // A wrong field: exit 78 and the field named with what was expected.
    const json = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(
      configFile,
      JSON.stringify({
        ...json,
        ledger: { ...json.ledger, blockIntervalMs: 'fast' },
        monitor: { listen: '0.0.0.0' },
      }),
    );
    const wrong = await pv('node', '--config', configFile);
    assert.equal(wrong.code, 78, wrong.stderr);
    assert.match(wrong.stderr, /^error: invalid config .*node\.json:$/m);
    assert.match(wrong.stderr, /^ {2}ledger\.blockIntervalMs: .*expected number/m);
    assert.match(
      wrong.stderr,
      /^ {2}monitor\.listen: expected host:port like 127\.0\.0\.1:27201$/m,
    );
    await writeFile(configFile, JSON.stringify(json));

    // An environment override is checked like the file, and named.
    const env = await runPvchain(['node', '--config', configFile], {
      cwd: dir,
      env: { PVCHAIN_P2P_LISTEN_TCP: 'port 7001' },
    });
    assert.equal(env.code, 78);
    assert.match(
      env.stderr,
      /^ {2}p2p\.listen\.tcp \(from PVCHAIN_P2P_LISTEN_TCP\): expected a multiaddr/m,
    );

    // A key file others may read is refused before anything starts.
    await chmod(validators[0]?.keyFile as string, 0o644);
    const readable = await pv('node', '--config', configFile);
    assert.equal(readable.code, 78);
    assert.match(
      readable.stderr,
      /^ {2}validation\.keyFile: .*validator\.key may be read by other users: chmod 600 it$/m,
    );
    const key = (await readFile(validators[0]?.keyFile as string, 'utf8')).trim();
    assert.ok(!`${readable.stdout}${readable.stderr}`.includes(key), 'the key is never printed');

    // init never overwrites a key.
    const again = await pv('init', '--dir', 'v1');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /validator\.key exists; a key file is never overwritten/);
  });

  it('every command answers --help with its usage', async () => {
    const commands: string[][] = [];
    const walk = (command: Command, path: string[]): void => {
      for (const sub of command.commands) {
        if (sub.name() === 'help') continue;
        commands.push([...path, sub.name()]);
        walk(sub, [...path, sub.name()]);
      }
    };
    const io = { out() {}, err() {}, interrupt: new AbortController().signal };
    walk(createProgram(io, { code: 0 }), []);
    for (const expected of [
      'init',
      'genesis',
      'node',
      'devnet',
      'account create',
      'account show',
      'issue',
      'pay',
      'buy',
      'sell',
      'meter register',
      'meter simulate',
      'tx status',
      'status',
    ])
      assert.ok(
        commands.some((c) => c.join(' ') === expected),
        expected,
      );
    const runs = [];
    for (let at = 0; at < commands.length; at += 4)
      runs.push(
        ...(await Promise.all(commands.slice(at, at + 4).map((c) => runPvchain([...c, '--help'])))),
      );
    runs.forEach((run, i) => {
      const name = (commands[i] as string[]).join(' ');
      assert.equal(run.code, 0, name);
      assert.match(
        run.stdout,
        new RegExp(`^Usage: pvchain ${name === 'meter' ? 'meter\\|meters' : name} `),
        name,
      );
    });
    const alias = await runPvchain(['meters', 'simulate', '--help']);
    assert.match(alias.stdout, /^Usage: pvchain meter simulate /);
  });
});
