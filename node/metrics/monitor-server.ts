// The monitor's HTTP server: GET /metrics in Prometheus' text format, on its own listen address
// (127.0.0.1 by default), apart from the API so that scraping never spends a client's budget and
// the metrics can stay private while the API is public. Anything else: 404.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type MonitorSettings = { host?: string; port?: number };

export function createMonitorServer(settings: MonitorSettings, registry: Registry) {
  const host = settings.host ?? '127.0.0.1';
  let server: Server | null = null;
  let url = '';
  return {
    async start(): Promise<void> {
      server = createServer((request, response) => {
        const path = (request.url ?? '').split('?')[0];
        if (request.method !== 'GET' || path !== '/metrics') {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        registry.metrics().then(
          (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (error: unknown) =>
            response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
        );
      });
      const started = server;
      await new Promise<void>((resolve, reject) => {
        started.once('error', reject);
        started.listen(settings.port ?? 0, host, () => resolve());
      });
      const { port } = started.address() as AddressInfo;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
    },
    /** http://host:port/metrics once started. */
    url: (): string => url,
    async stop(): Promise<void> {
      const running = server;
      server = null;
      if (!running) return;
      running.closeAllConnections();
      await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
}

export type MonitorServer = ReturnType<typeof createMonitorServer>;
