// A WebSocket client of the node's /v1/ws for tests: every message kept, each awaited by a
// predicate with a bounded wait.
import WebSocket from 'ws';

export type Message = Record<string, unknown> & { type: string };

/** A connection whose messages are awaited by predicate, each wait bounded. */
export async function connectWs(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const received: Message[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Message);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    received,
    send: (message: unknown) =>
      socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(what: string, match: (m: Message) => boolean, timeoutMs = 15_000): Promise<Message> {
      const found = () => received.find(match);
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = found();
          if (!m) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no ${what} within ${timeoutMs} ms; got ${JSON.stringify(received).slice(-1500)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
