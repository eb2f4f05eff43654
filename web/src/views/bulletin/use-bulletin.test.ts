import { describe, expect, it } from 'vitest';
import type { BulletinEntry, SectionDef } from '@/api/types';
import { groupEntries, issueCreateBody, issueStatus, nextNumber, weekOf } from './use-bulletin';

function entry(id: number, section: string, position: number): BulletinEntry {
  return { id, section, position, style: 'article', title: '', body: '', org_id: null, org_name: '', news_id: null, activity_id: null };
}

describe('issue status', () => {
  it('tells never published, published, and changed since the last version', () => {
    expect(issueStatus({ published_version: 0, has_unpublished_changes: true })).toBe('draft');
    expect(issueStatus({ published_version: null, has_unpublished_changes: false })).toBe('draft');
    expect(issueStatus({ published_version: 2, has_unpublished_changes: false })).toBe('published');
    expect(issueStatus({ published_version: 2, has_unpublished_changes: true })).toBe('changed');
  });
});

describe('a new issue', () => {
  it('covers Monday to Sunday of the current week', () => {
    expect(weekOf(new Date(2024, 4, 22))).toEqual(['2024-05-20', '2024-05-26']); // a Wednesday
    expect(weekOf(new Date(2024, 4, 26))).toEqual(['2024-05-20', '2024-05-26']); // the Sunday
    expect(weekOf(new Date(2024, 11, 30))).toEqual(['2024-12-30', '2025-01-05']); // across the year
  });

  it('is numbered after the highest number of its year', () => {
    const issues = [
      { year: 2024, number: 21 },
      { year: 2024, number: 20 },
      { year: 2023, number: 52 },
    ];
    expect(nextNumber(issues, 2024)).toBe(22);
    expect(nextNumber(issues, 2025)).toBe(1);
  });

  it('sends the chosen sections in the configured order and the issue date only when set', () => {
    const defs: SectionDef[] = [
      { name: '要闻', style: 'article', points: 10 },
      { name: '工作动态', style: 'article', points: 6 },
      { name: '基层动态', style: 'brief', points: 3 },
    ];
    const model = { year: 2099, number: 7, range: ['2099-05-18', '2099-05-24'] as [string, string], issue_date: '', sections: ['基层动态', '要闻'] };
    expect(issueCreateBody(model, defs)).toEqual({
      year: 2099,
      number: 7,
      date_from: '2099-05-18',
      date_to: '2099-05-24',
      sections: ['要闻', '基层动态'],
    });
    expect(issueCreateBody({ ...model, issue_date: '2099-05-25' }, defs).issue_date).toBe('2099-05-25');
  });
});

describe('groupEntries', () => {
  it('puts entries under their sections in section order, by position, keeping strays', () => {
    const groups = groupEntries({
      sections: [
        { name: '要闻', style: 'article' },
        { name: '基层动态', style: 'brief' },
      ],
      entries: [entry(1, '基层动态', 1), entry(2, '要闻', 0), entry(3, '基层动态', 0), entry(4, '旧栏目', 0)],
    });
    expect(groups.map((g) => [g.name, g.entries.map((e) => e.id)])).toEqual([
      ['要闻', [2]],
      ['基层动态', [3, 1]],
      ['旧栏目', [4]],
    ]);
  });
});
