import { describe, expect, it } from 'vitest';
import { auditQuery, emptyFilters, prettyJson } from './use-audit';

describe('audit log', () => {
  it('sends only well-formed filters', () => {
    expect(auditQuery({ ...emptyFilters(), entity: 'activity', entity_id: '9', user_id: 'abc', from: '2024-05-01' }, 2, 50)).toEqual({
      page: 2,
      page_size: 50,
      entity: 'activity',
      entity_id: 9,
      from: '2024-05-01',
    });
  });

  it('pretty-prints before/after, whether objects or JSON text', () => {
    expect(prettyJson({ title: '竞赛', count: 40 })).toBe('{\n  "title": "竞赛",\n  "count": 40\n}');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json')).toBe('not json');
    expect(prettyJson(null)).toBe('');
  });
});
