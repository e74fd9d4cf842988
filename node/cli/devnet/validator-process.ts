// One validator of the demo network as a child process: `pvchain node --config <file>` run by
// this same Node.js, its JSON event lines parsed and handed on, any other output (stderr, a line
// that is not JSON) handed on as text; and a stop that asks with SIGTERM and, after a bound,
// insists with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/pvchain.ts', import.meta.url));

export type NodeEvent = { event: string; timeMs?: number; [field: string]: unknown };

export type ValidatorHandlers = {
  onEvent(event: NodeEvent): void;
  /** A line of stderr, or of stdout that is not an event. */
  onText(text: string): void;
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
};

function forEachLine(child: ChildProcess, stream: 'stdout' | 'stderr', on: (l: string) => void) {
  let pending = '';
  child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const text = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (text.trim() !== '') on(text);
    }
  });
  child[stream]?.on('end', () => {
    if (pending.trim() !== '') on(pending);
    pending = '';
  });
}

export function startValidatorProcess(configFile: string, handlers: ValidatorHandlers) {
  const child = spawn(process.execPath, [BIN, 'node', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      exited = true;
      handlers.onExit(code, signal);
      resolve();
    });
    child.once('error', (error) => {
      if (exited) return;
      exited = true;
      handlers.onText(`cannot start: ${error.message}`);
      handlers.onExit(null, null);
      resolve();
    });
  });
  forEachLine(child, 'stdout', (text) => {
    let event: NodeEvent | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && typeof (parsed as NodeEvent).event === 'string')
        event = parsed as NodeEvent;
    } catch {}
    if (event) handlers.onEvent(event);
    else handlers.onText(text);
  });
  forEachLine(child, 'stderr', handlers.onText);

  return {
    pid: child.pid,
    running: (): boolean => !exited,
    exited: exit,
    /** Asks it to stop (SIGTERM); SIGKILL after `timeoutMs`. Resolves once it has exited. */
    async stop(timeoutMs: number): Promise<'stopped' | 'killed'> {
      if (exited) return 'stopped';
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exit.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!timedOut) return 'stopped';
      child.kill('SIGKILL');
      await exit;
      return 'killed';
    },
  };
}

export type ValidatorProcess = ReturnType<typeof startValidatorProcess>;
