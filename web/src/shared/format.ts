// Amounts as people read them: energy is kept in Wh and shown in kWh, money is kept in fen and
// shown in CNY (yuan). Integers only: no float ever touches an amount.
import type { Locale } from './i18n/i18n.ts';

function grouped(whole: bigint, locale: Locale): string {
  return whole.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
}

/** `digits` decimals of value / 10^scale (value >= 0 or < 0), truncated towards zero. */
function decimal(value: bigint, scale: number, digits: number, locale: Locale): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const unit = 10n ** BigInt(scale);
  const whole = grouped(abs / unit, locale);
  if (digits === 0) return `${sign}${whole}`;
  const fraction = (abs % unit).toString().padStart(scale, '0').slice(0, digits);
  return `${sign}${whole}.${fraction}`;
}

/** 1234567 Wh -> "1,234.567 kWh". */
export const formatKwh = (wh: bigint, locale: Locale): string => `${decimal(wh, 3, 3, locale)} kWh`;

/** 12345 fen -> "¥123.45". */
export const formatCny = (fen: bigint, locale: Locale): string => `¥${decimal(fen, 2, 2, locale)}`;

/** "12.5" kWh typed by a person -> 12500n Wh; null when it is not a positive amount. */
export function parseKwh(text: string): bigint | null {
  const match = /^\s*(\d{1,12})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  const wh = BigInt(match[1] ?? '0') * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
  return wh > 0n ? wh : null;
}

/** Wh as a person types kWh, ungrouped (what parseKwh reads back): 1500n -> "1.500". */
export const kwhText = (wh: bigint): string =>
  `${wh / 1000n}.${(wh % 1000n).toString().padStart(3, '0')}`;

/** A whole number typed by a person (a price in fen/kWh); null when it is not one. */
export function parseWhole(text: string): bigint | null {
  const match = /^\s*(\d{1,15})\s*$/.exec(text);
  return match ? BigInt(match[1] ?? '0') : null;
}

export const shortAddress = (address: string): string =>
  address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address;
