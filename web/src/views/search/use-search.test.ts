import { describe, expect, it, vi } from 'vitest';
import { hitRoute, markOnly, searchable, searchableKinds, searchFromRoute, searchRouteQuery, useSearch } from './use-search';

const search = vi.hoisted(() => vi.fn());
vi.mock('@/api/search', () => ({ search }));

describe('search in the URL', () => {
  it('reads words, kind and page, dropping what is malformed', () => {
    expect(searchFromRoute({ q: '爱心 托管', kind: 'news', page: '3' })).toEqual({ form: { q: '爱心 托管', kind: 'news' }, page: 3 });
    expect(searchFromRoute({ q: ['托管', 'x'], kind: 'photos', page: '-1' })).toEqual({ form: { q: '托管', kind: '' }, page: 1 });
  });

  it('writes only what is set', () => {
    expect(searchRouteQuery({ q: ' 托管 ', kind: '' })).toEqual({ q: '托管' });
    expect(searchRouteQuery({ q: '托管', kind: 'bulletin' }, 2)).toEqual({ q: '托管', kind: 'bulletin', page: '2' });
  });

  it('sends 1 to 50 characters only', () => {
    expect(searchable('  ')).toBe(false);
    expect(searchable('托管')).toBe(true);
    expect(searchable('字'.repeat(50))).toBe(true);
    expect(searchable('字'.repeat(51))).toBe(false);
  });
});

describe('hits', () => {
  it('lead to the page of their record', () => {
    expect(hitRoute({ kind: 'news', id: 5 })).toEqual({ name: 'news-detail', params: { id: 5 } });
    expect(hitRoute({ kind: 'bulletin', id: 3 })).toEqual({ name: 'bulletin-view', params: { id: 3 } });
    expect(hitRoute({ kind: 'activity', id: 9 })).toEqual({ name: 'activity-detail', params: { id: 9 } });
  });

  it('let through escaped text and bare marks, and nothing else', () => {
    expect(markOnly('爱心<mark>托管</mark>班 &lt;b&gt; &amp;')).toBe('爱心<mark>托管</mark>班 &lt;b&gt; &amp;');
    expect(markOnly('<img src=x onerror=alert(1)><mark onclick="x">托管</mark>')).toBe(
      '&lt;img src=x onerror=alert(1)>&lt;mark onclick="x">托管</mark>',
    );
  });
});

describe('searchableKinds', () => {
  it('offers only the kinds the user may read', () => {
    expect(searchableKinds(() => true)).toEqual(['news', 'bulletin', 'activity']);
    expect(searchableKinds((p) => p !== 'activity:activity:read')).toEqual(['news', 'bulletin']);
  });
});

describe('useSearch', () => {
  it('loads the page in the URL, and nothing without words', async () => {
    search.mockResolvedValue({ items: [], total: 0, total_capped: false, page: 2, page_size: 20 });
    const s = useSearch();
    await s.applyRoute({});
    expect(search).not.toHaveBeenCalled();
    await s.applyRoute({ q: '托管', kind: 'news', page: '2' });
    expect(search).toHaveBeenCalledWith({ q: '托管', kind: 'news', page: 2, page_size: 20 });
    expect(s.capped.value).toBe(false);
    search.mockResolvedValue({ items: [], total: 10000, total_capped: true, page: 1, page_size: 20 });
    await s.applyRoute({ q: '工会' });
    expect([s.total.value, s.capped.value]).toEqual([10000, true]);
  });
});
