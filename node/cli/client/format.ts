// Human text for what the node answers: accounts (amounts of kWh in kWh, of CNY in yuan).
import type { AccountView } from './send.ts';

/** An asset amount for people: Wh as kWh, fen as yuan, others as they are. */
export function formatAmount(code: string, amount: string): string {
  const n = BigInt(amount);
  const fixed = (divisor: bigint, digits: number): string =>
    `${n / divisor}.${String(n % divisor).padStart(digits, '0')}`;
  if (code === 'kWh') return `${fixed(1000n, 3)} kWh`;
  if (code === 'CNY') return `${fixed(100n, 2)} CNY`;
  return `${amount} ${code}`;
}

export function formatAccount(a: AccountView, height: string): string {
  const lines = [
    `address   ${a.address}`,
    `role      ${a.role}${a.realName ? ` (${a.realName})` : ''}`,
    `nonce     ${a.nonce}`,
    `supply    ${a.supplyStatus}`,
    ...(a.creator ? [`creator   ${a.creator}`] : []),
    'balances',
    ...(a.balances.length === 0
      ? ['  (none)']
      : a.balances.map((b) => `  ${formatAmount(b.code, b.amount).padEnd(24)} issuer ${b.issuer}`)),
    ...(a.meters.length > 0
      ? [
          'meters',
          ...a.meters.map((m) => `  ${m.meterId}  trigger ${formatAmount('kWh', m.triggerWh)}`),
        ]
      : []),
    `(state at height ${height})`,
  ];
  return `${lines.join('\n')}\n`;
}
