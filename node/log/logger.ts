// The node's structured log (pino): one JSON record per line, with a level, to stderr (the
// default), stdout or a file (docs/configuration.md, `logger`). Secrets never reach it: fields
// that hold keys are censored wherever they sit (up to two levels deep), and callers log key
// *files* and addresses, never keys.
import { pino } from 'pino';

export type LoggerSettings = {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  output: 'stderr' | 'stdout' | 'file';
  /** Absolute; required when output is `file`. */
  file?: string | undefined;
};

export type NodeLogger = pino.Logger;

/** Field names whose values are never written, at the top and one or two levels down. */
const SECRET_FIELDS = ['secretKey', 'validatorSecretKey', 'privateKey', 'seed'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export function createNodeLogger(settings: LoggerSettings): NodeLogger {
  const dest =
    settings.output === 'file'
      ? pino.destination({ dest: settings.file, mkdir: true, append: true, sync: true })
      : pino.destination({ dest: settings.output === 'stdout' ? 1 : 2, sync: true });
  return pino(
    {
      name: 'pvchain',
      level: settings.level,
      redact: { paths: REDACT_PATHS, censor: '[secret]' },
      serializers: { err: pino.stdSerializers.err },
    },
    dest,
  );
}

/** A silent logger (tests, in-process nodes that log nothing). */
export const silentLogger = (): NodeLogger => pino({ level: 'silent' });
