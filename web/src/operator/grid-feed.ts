// What the operator's view reads from a full node's API (docs/api.md): every household of a grid
// (GET /v1/grids/{grid}/households, page by page), and a live feed over the WebSocket: the
// accounts it watches (an `account` message whenever a committed block changes one) and the
// committed headers (height, transactions). The WebSocket is opened again after it drops, with
// the accounts subscribed again; the caller reloads what it may have missed.
import type { ApiAccount } from '../shared/api-client.ts';

export type GridAccount = ApiAccount;
type Page = { height: string; items: GridAccount[]; next: string | null };

/** The API's base URL: the page's `?node=` or its own origin (as shared/config.ts reads it). */
export function apiBase(page: URL = new URL(location.href)): string {
  return (page.searchParams.get('node') ?? page.origin).replace(/\/+$/, '');
}

async function getJson<T>(url: string): Promise<T> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const body = (await answer.json()) as T & { error?: { code: string; message: string } };
  if (!answer.ok)
    throw Object.assign(new Error(body.error?.message ?? `HTTP ${answer.status}`), {
      code: body.error?.code ?? `HTTP_${answer.status}`,
    });
  return body;
}

/** Every household the grid created, with the height the last page was read at. */
export async function loadHouseholds(
  base: string,
  grid: string,
): Promise<{ height: bigint; households: GridAccount[] }> {
  const households: GridAccount[] = [];
  let after: string | null = null;
  let height = 0n;
  do {
    const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
    const page: Page = await getJson<Page>(`${base}/v1/grids/${grid}/households?limit=500${query}`);
    households.push(...page.items);
    height = BigInt(page.height);
    after = page.next;
  } while (after);
  return { height, households };
}

export const loadAccount = (base: string, address: string) =>
  getJson<{ height: string; account: GridAccount }>(`${base}/v1/accounts/${address}`);

export type FeedListener = {
  account(account: GridAccount, height: bigint): void;
  header(height: bigint, transactions: number, timeMs: bigint): void;
  /** The connection opened (true) or dropped (false). */
  connection(open: boolean): void;
};

/** Most addresses in one subscription (the API's default limit). */
const ADDRESSES_PER_SUBSCRIPTION = 5000;
/** The API allows 64 subscriptions a connection: past this many, connect again with all in one. */
const MAX_SUBSCRIPTIONS = 48;
const RETRY_MS = [500, 1000, 2000, 5000];

export type GridFeed = ReturnType<typeof createGridFeed>;

export function createGridFeed(base: string, listener: FeedListener) {
  const watched = new Set<string>();
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let subscriptions = 0;

  const send = (message: object): void => {
    if (socket?.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ id: nextId++, ...message }));
  };
  const subscribe = (addresses: string[]): void => {
    for (let at = 0; at < addresses.length; at += ADDRESSES_PER_SUBSCRIPTION) {
      subscriptions++;
      send({
        op: 'subscribe',
        topic: 'accounts',
        addresses: addresses.slice(at, at + ADDRESSES_PER_SUBSCRIPTION),
      });
    }
  };

  function connect(): void {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/ws`);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      subscriptions = 0;
      send({ op: 'subscribe', topic: 'headers' });
      subscribe([...watched]);
      listener.connection(true);
    };
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as {
        type: string;
        height?: string;
        account?: GridAccount;
        transactions?: number;
        header?: { timeMs: string };
      };
      if (message.type === 'account' && message.account)
        listener.account(message.account, BigInt(message.height ?? '0'));
      else if (message.type === 'header')
        listener.header(
          BigInt(message.height ?? '0'),
          message.transactions ?? 0,
          BigInt(message.header?.timeMs ?? '0'),
        );
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      listener.connection(false);
      if (closed) return;
      const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
      setTimeout(() => {
        if (!closed) connect();
      }, delay);
    };
  }
  connect();

  return {
    /** Watches more accounts (an `account` message for each now, then on every change). */
    watch(addresses: string[]): void {
      const fresh = addresses.filter((a) => !watched.has(a));
      for (const a of fresh) watched.add(a);
      if (fresh.length === 0) return;
      if (subscriptions < MAX_SUBSCRIPTIONS) subscribe(fresh);
      else socket?.close(); // connects again, every watched account in one subscription
    },
    close(): void {
      closed = true;
      socket?.close();
      socket = null;
    },
  };
}
