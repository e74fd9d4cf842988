// Who may open a WebSocket: the path /v1/ws, an allowed browser origin (or none: not a browser),
// and at most `maxConnectionsPerClient` connections per client address. A refusal is a plain
// HTTP answer with the API's error shape, written on the socket before any upgrade.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, ApiErrorCode } from './api-error.ts';

const REASONS: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

function refuse(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify(error.toJSON());
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${REASONS[error.statusCode] ?? 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

export function createUpgradeGate(opts: {
  maxConnectionsPerClient: number;
  originAllowed(origin: string): boolean;
}) {
  const perIp = new Map<string, number>();
  return {
    /** Admits the upgrade (returns its release, called once when the socket closes) or refuses it. */
    admit(request: IncomingMessage, socket: Duplex): (() => void) | null {
      const path = (request.url ?? '').split('?')[0];
      const origin = request.headers.origin;
      const ip = request.socket.remoteAddress ?? '';
      const open = perIp.get(ip) ?? 0;
      let error: ApiError | null = null;
      if (path !== '/v1/ws')
        error = new ApiError(ApiErrorCode.NOT_FOUND, 'the WebSocket is at /v1/ws');
      else if (origin !== undefined && !opts.originAllowed(origin))
        error = new ApiError(ApiErrorCode.ORIGIN_FORBIDDEN, `origin ${origin} is not allowed`);
      else if (open >= opts.maxConnectionsPerClient)
        error = new ApiError(
          ApiErrorCode.RATE_LIMITED,
          `at most ${opts.maxConnectionsPerClient} connections per client`,
        );
      if (error) {
        refuse(socket, error);
        return null;
      }
      perIp.set(ip, open + 1);
      let counted = true;
      const release = (): void => {
        if (!counted) return;
        counted = false;
        const left = (perIp.get(ip) ?? 1) - 1;
        if (left <= 0) perIp.delete(ip);
        else perIp.set(ip, left);
      };
      socket.once('close', release);
      return release;
    },
  };
}
