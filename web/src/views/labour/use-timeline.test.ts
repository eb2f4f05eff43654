import { describe, expect, it } from 'vitest';
import { eventDetails } from './use-timeline';

describe('eventDetails', () => {
  it('shows plain values, sides and sources in words, a shortened digest, and no objects', () => {
    const detail = { reason: '企业方退出', total: 60, passed: true, side: 'worker', source: 'typed', sha256: 'aefa79a39ebc1234567890', extra: { a: 1 }, empty: '' };
    expect(eventDetails({ detail })).toEqual([
      { key: 'reason', value: '企业方退出' },
      { key: 'total', value: '60' },
      { key: 'passed', value: '是' },
      { key: 'side', value: '职工方' },
      { key: 'source', value: '录入' },
      { key: 'sha256', value: 'aefa79a39ebc…' },
    ]);
  });
});
