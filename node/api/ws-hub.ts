// WebSocket subscriptions on the API's server (/v1/ws): new headers, a transaction's status
// (pending, committed, failed), account changes (the operator's live table). Every frame is
// size-limited by the socket, rate-limited per connection and validated; a client that stops
// reading is dropped rather than buffered for without bound.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { encodeAccount } from '../ledger/account-record.ts';
import type { ApiContext } from './api-context.ts';
import { ApiError, ApiErrorCode } from './api-error.ts';
import type { CommittedBlock, TransactionOutcome } from './commit-watch.ts';
import { hex, parseAddressParam, resultName, u64 } from './json-values.ts';
import { accountView, headerView } from './views.ts';
import { createUpgradeGate } from './ws-gate.ts';
import { type ClientMessage, idOf, parseClientMessage } from './ws-protocol.ts';

type Subscription =
  | { kind: 'headers' }
  | { kind: 'transaction'; hashHex: string }
  | { kind: 'accounts'; addresses: Map<string, Uint8Array | null> };

type Client = {
  socket: WebSocket;
  ip: string;
  subscriptions: Map<string, Subscription>;
  addressCount: number;
  tokens: number;
  refilledMs: number;
  alive: boolean;
};

const HEARTBEAT_MS = 30_000;

export type WsHub = ReturnType<typeof createWsHub>;

export function createWsHub(ctx: ApiContext, opts: { originAllowed(origin: string): boolean }) {
  const limits = ctx.limits.ws;
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  });
  const clients = new Set<Client>();
  const gate = createUpgradeGate({ ...limits, originAllowed: opts.originAllowed });
  let nextId = 1;

  function send(client: Client, message: Record<string, unknown>): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > limits.maxBufferedBytes) {
      client.socket.terminate(); // it does not read what it asked for
      return;
    }
    client.socket.send(JSON.stringify(message));
  }

  const sendError = (client: Client, id: unknown, error: ApiError) =>
    send(client, { type: 'error', id: id ?? null, error: toErrorBody(error) });

  /** Token bucket: `messagesPerSecond` per second, bursts up to twice that. */
  function allowed(client: Client): boolean {
    const now = Date.now();
    const burst = 2 * limits.messagesPerSecond;
    client.tokens = Math.min(
      burst,
      client.tokens + ((now - client.refilledMs) / 1000) * limits.messagesPerSecond,
    );
    client.refilledMs = now;
    if (client.tokens < 1) return false;
    client.tokens -= 1;
    return true;
  }

  async function subscribe(client: Client, message: Extract<ClientMessage, { op: 'subscribe' }>) {
    if (client.subscriptions.size >= limits.maxSubscriptions)
      throw new ApiError(
        ApiErrorCode.RATE_LIMITED,
        `at most ${limits.maxSubscriptions} subscriptions per connection`,
      );
    const id = `s${nextId++}`;
    if (message.topic === 'headers') {
      client.subscriptions.set(id, { kind: 'headers' });
      send(client, { type: 'subscribed', id: message.id ?? null, subscription: id });
      return;
    }
    if (message.topic === 'transaction') {
      client.subscriptions.set(id, { kind: 'transaction', hashHex: message.hash });
      send(client, { type: 'subscribed', id: message.id ?? null, subscription: id });
      const hash = Buffer.from(message.hash, 'hex');
      const done = await ctx.ledger.outcome(hash);
      if (!client.subscriptions.has(id)) return;
      if (done) {
        const ok = done.receipt.result === 0;
        client.subscriptions.delete(id);
        return send(client, {
          type: 'transaction',
          subscription: id,
          hash: message.hash,
          status: ok ? 'committed' : 'failed',
          height: u64(done.height),
          result: resultName(done.receipt.result),
        });
      }
      const pending = ctx.components.mempool.has(hash);
      return send(client, {
        type: 'transaction',
        subscription: id,
        hash: message.hash,
        status: pending ? 'pending' : 'unknown',
      });
    }
    if (client.addressCount + message.addresses.length > limits.maxAddresses)
      throw new ApiError(
        ApiErrorCode.RATE_LIMITED,
        `at most ${limits.maxAddresses} addresses per connection`,
      );
    const addresses = new Map<string, Uint8Array | null>();
    for (const text of message.addresses) {
      parseAddressParam(text, 'addresses');
      addresses.set(text, null);
    }
    client.addressCount += addresses.size;
    client.subscriptions.set(id, { kind: 'accounts', addresses });
    send(client, { type: 'subscribed', id: message.id ?? null, subscription: id });
    // The current state first, then every change.
    for (const text of addresses.keys()) {
      const { height, record } = await ctx.state.account(parseAddressParam(text));
      if (!client.subscriptions.has(id) || !record) continue;
      addresses.set(text, encodeAccount(record));
      send(client, {
        type: 'account',
        subscription: id,
        height: u64(height),
        account: accountView(record),
      });
    }
  }

  async function handle(client: Client, data: Buffer, isBinary: boolean): Promise<void> {
    const text = isBinary ? null : data.toString('utf8');
    const id = text === null ? null : idOf(text);
    try {
      if (!allowed(client))
        throw new ApiError(
          ApiErrorCode.RATE_LIMITED,
          `at most ${limits.messagesPerSecond} messages per second`,
        );
      if (text === null)
        throw new ApiError(
          ApiErrorCode.MALFORMED_BODY,
          'binary frames are not part of the protocol: send JSON text',
        );
      const message = parseClientMessage(text);
      if (message.op === 'ping') return send(client, { type: 'pong', id: message.id ?? null });
      if (message.op === 'unsubscribe') {
        const sub = client.subscriptions.get(message.subscription);
        if (!sub)
          throw new ApiError(ApiErrorCode.INVALID_PARAMETER, 'subscription: no such subscription');
        if (sub.kind === 'accounts') client.addressCount -= sub.addresses.size;
        client.subscriptions.delete(message.subscription);
        return send(client, {
          type: 'unsubscribed',
          id: message.id ?? null,
          subscription: message.subscription,
        });
      }
      await subscribe(client, message);
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError(ApiErrorCode.INTERNAL, 'internal error');
      if (!(error instanceof ApiError)) ctx.components.log?.('api-error', { error: String(error) });
      sendError(client, id, apiError);
    }
  }

  function onBlock(block: CommittedBlock, outcomes: Map<string, TransactionOutcome>): void {
    let header: Promise<Record<string, unknown> | null> | null = null;
    const accounts = new Map<string, Uint8Array | null>();
    const accountNow = (text: string): Uint8Array | null => {
      if (!accounts.has(text)) {
        const record = ctx.components.chain.account(parseAddressParam(text));
        accounts.set(text, record ? encodeAccount(record) : null);
      }
      return accounts.get(text) ?? null;
    };
    for (const client of clients) {
      for (const [id, sub] of client.subscriptions) {
        if (sub.kind === 'headers') {
          header ??= ctx.ledger.block(block.height).then((b) =>
            b
              ? {
                  height: u64(b.height),
                  hash: hex(b.hash),
                  header: headerView(b.header),
                  transactions: b.transactions.length,
                }
              : null,
          );
          header.then(
            (h) => h && send(client, { type: 'header', subscription: id, ...h }),
            () => {},
          );
        } else if (sub.kind === 'transaction') {
          const outcome = outcomes.get(sub.hashHex);
          if (!outcome) continue;
          client.subscriptions.delete(id);
          send(client, {
            type: 'transaction',
            subscription: id,
            hash: sub.hashHex,
            status: outcome.status,
            height: u64(outcome.height),
            result: outcome.result,
            ...(outcome.message ? { message: outcome.message } : {}),
          });
        } else {
          for (const [text, last] of sub.addresses) {
            const now = accountNow(text);
            if (!now || (last && Buffer.compare(now, last) === 0)) continue;
            sub.addresses.set(text, now);
            const record = ctx.components.chain.account(parseAddressParam(text));
            if (record)
              send(client, {
                type: 'account',
                subscription: id,
                height: u64(block.height),
                account: accountView(record),
              });
          }
        }
      }
    }
  }

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) client.socket.terminate();
      else {
        client.alive = false;
        client.socket.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const unsubscribeBlocks = ctx.watch.onBlock(onBlock);
  const unsubscribeAdmitted = ctx.watch.onAdmitted((hashHex) => {
    for (const client of clients)
      for (const [id, sub] of client.subscriptions)
        if (sub.kind === 'transaction' && sub.hashHex === hashHex)
          send(client, { type: 'transaction', subscription: id, hash: hashHex, status: 'pending' });
  });

  return {
    /** The server's `upgrade` event: /v1/ws becomes a subscription connection. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy());
      const release = gate.admit(request, socket);
      if (!release) return;
      const ip = request.socket.remoteAddress ?? '';
      server.handleUpgrade(request, socket, head, (ws) => {
        const client: Client = {
          socket: ws,
          ip,
          subscriptions: new Map(),
          addressCount: 0,
          tokens: 2 * limits.messagesPerSecond,
          refilledMs: Date.now(),
          alive: true,
        };
        clients.add(client);
        ws.on('pong', () => {
          client.alive = true;
        });
        ws.on('message', (data, isBinary) => {
          void handle(client, data as Buffer, isBinary);
        });
        ws.on('error', () => ws.terminate()); // e.g. a frame above maxPayload: ws closes with 1009
        ws.on('close', () => {
          clients.delete(client);
          release();
        });
      });
    },
    connections: (): number => clients.size,
    async close(): Promise<void> {
      clearInterval(heartbeat);
      unsubscribeBlocks();
      unsubscribeAdmitted();
      for (const client of clients) client.socket.terminate();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const toErrorBody = (error: ApiError) => error.toJSON().error;
