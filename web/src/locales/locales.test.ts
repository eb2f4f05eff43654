import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  it('English has exactly the keys of zh-CN', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has no empty message', () => {
    const empty = (messages: object) =>
      keys(messages).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) === '');
    expect(empty(zhCN)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
