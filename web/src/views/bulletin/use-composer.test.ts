import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { Bulletin, BulletinEntry } from '@/api/types';
import {
  blankCard,
  insertFigure,
  cardOfField,
  dropIndex,
  entriesPayload,
  moveCard,
  sectionsOf,
  stepCard,
  useCardDrag,
  useComposer,
  type ComposerSection,
} from './use-composer';

const api = vi.hoisted(() => ({
  getBulletin: vi.fn(),
  updateBulletin: vi.fn(),
  addBulletinEntry: vi.fn(),
  publishBulletin: vi.fn(),
  getBulletinHtml: vi.fn(),
}));
vi.mock('@/api/bulletins', () => api);
const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

function entry(id: number, section: string, style: 'article' | 'brief' = 'article', extra: Partial<BulletinEntry> = {}): BulletinEntry {
  return { id, section, position: id, style, title: `标题${id}`, body: `正文${id}`, org_id: 12, org_name: '南岸区总工会', news_id: null, activity_id: null, ...extra };
}

function issue(entries: BulletinEntry[]): Bulletin {
  return {
    id: 3,
    label: '2099年第7期',
    sections: [
      { name: '要闻', style: 'article' },
      { name: '工作动态', style: 'article' },
      { name: '基层动态', style: 'brief' },
    ],
    entries,
    versions: [],
    published_version: 0,
    has_unpublished_changes: true,
    version: null,
  } as unknown as Bulletin;
}

/** The ids per section, for short assertions. */
function ids(sections: readonly ComposerSection[]): number[][] {
  return sections.map((s) => s.entries.map((c) => c.id ?? 0));
}

let sections: ComposerSection[];

beforeEach(() => {
  sections = sectionsOf(issue([entry(1, '要闻'), entry(2, '要闻'), entry(3, '要闻'), entry(4, '基层动态', 'brief')]));
  Object.values(api).forEach((f) => f.mockReset());
  toast.mockReset();
});

describe('moveCard', () => {
  it('reorders within a section, taking indexes as they are before the move', () => {
    expect(moveCard(sections, 'e1', 0, 3)).toBe(true);
    expect(ids(sections)).toEqual([[2, 3, 1], [], [4]]);
    expect(moveCard(sections, 'e1', 0, 0)).toBe(true);
    expect(ids(sections)).toEqual([[1, 2, 3], [], [4]]);
  });

  it('does nothing when dropped where it is', () => {
    expect(moveCard(sections, 'e2', 0, 1)).toBe(false);
    expect(moveCard(sections, 'e2', 0, 2)).toBe(false);
    expect(moveCard(sections, 'nope', 0, 0)).toBe(false);
    expect(ids(sections)).toEqual([[1, 2, 3], [], [4]]);
  });

  it('moves across sections, the card taking the style of its new section', () => {
    expect(moveCard(sections, 'e2', 2, 0)).toBe(true);
    expect(ids(sections)).toEqual([[1, 3], [], [2, 4]]);
    expect(sections[2]!.entries[0]!.style).toBe('brief');
    expect(moveCard(sections, 'e4', 1, 99)).toBe(true);
    expect(ids(sections)).toEqual([[1, 3], [4], [2]]);
    expect(sections[1]!.entries[0]!.style).toBe('article');
  });
});

describe('stepCard', () => {
  it('moves one step, and over a section edge into the next or previous section', () => {
    expect(stepCard(sections, 'e3', 1)).toBe(true); // last of 要闻 → first of 工作动态
    expect(ids(sections)).toEqual([[1, 2], [3], [4]]);
    expect(stepCard(sections, 'e3', 1)).toBe(true);
    expect(ids(sections)).toEqual([[1, 2], [], [3, 4]]);
    expect(stepCard(sections, 'e3', 1)).toBe(true);
    expect(ids(sections)).toEqual([[1, 2], [], [4, 3]]);
    expect(stepCard(sections, 'e3', 1)).toBe(false); // the very last
    expect(stepCard(sections, 'e1', -1)).toBe(false); // the very first
    expect(stepCard(sections, 'e2', -1)).toBe(true);
    expect(ids(sections)).toEqual([[2, 1], [], [4, 3]]);
  });
});

describe('entriesPayload', () => {
  it('lists every card section by section, with ids for kept ones and none for new ones', () => {
    sections[0]!.entries.reverse();
    const added = blankCard('brief');
    added.body = '◆ 5月20日，南岸区总工会……';
    sections[2]!.entries.unshift(added);
    sections[2]!.entries[1]!.activity_id = 9;
    expect(entriesPayload(sections)).toEqual([
      { id: 3, section: '要闻', title: '标题3', body: '正文3', style: 'article' },
      { id: 2, section: '要闻', title: '标题2', body: '正文2', style: 'article' },
      { id: 1, section: '要闻', title: '标题1', body: '正文1', style: 'article' },
      { section: '基层动态', title: '', body: '◆ 5月20日，南岸区总工会……', style: 'brief' },
      { id: 4, section: '基层动态', title: '标题4', body: '正文4', style: 'brief', activity_id: 9 },
    ]);
  });

  it('finds the card a 422 on entries[i] is about', () => {
    expect(cardOfField(sections, 'entries[3].body')).toBe('e4');
    expect(cardOfField(sections, 'entries[9].body')).toBeNull();
    expect(cardOfField(sections, 'number')).toBeNull();
  });
});

describe('dropIndex', () => {
  it('drops before a card over its upper half, after it over the lower half', () => {
    expect(dropIndex(2, 110, { top: 100, height: 40 })).toBe(2);
    expect(dropIndex(2, 130, { top: 100, height: 40 })).toBe(3);
  });
});

describe('useCardDrag', () => {
  function dragEvent(clientY = 0, rect = { top: 0, height: 40 }): DragEvent {
    const data = { setData: vi.fn(), effectAllowed: 'all' };
    return { dataTransfer: data, clientY, currentTarget: { getBoundingClientRect: () => rect } } as unknown as DragEvent;
  }

  it('moves the dragged card where the marker is, then forgets the drag', () => {
    const move = vi.fn();
    const drag = useCardDrag(move);
    drag.overEnd(1, 0); // nothing dragged: no marker
    expect(drag.isTarget(1, 0)).toBe(false);

    drag.armed.value = 'e4';
    const start = dragEvent();
    drag.start(start, 'e4');
    expect(start.dataTransfer?.setData).toHaveBeenCalledWith('text/plain', 'e4');
    drag.overCard(dragEvent(130, { top: 100, height: 40 }), 0, 2);
    expect(drag.isTarget(0, 3)).toBe(true);
    drag.overEnd(1, 0);
    expect(drag.isTarget(1, 0)).toBe(true);
    drag.drop();
    expect(move).toHaveBeenCalledWith('e4', 1, 0);
    expect([drag.armed.value, drag.dragging.value, drag.isTarget(1, 0)]).toEqual(['', '', false]);
  });
});

describe('useComposer', () => {
  it('saves the whole ordered list once, and only when something changed', async () => {
    const loaded = issue([entry(1, '要闻'), entry(2, '要闻')]);
    api.getBulletin.mockResolvedValue(loaded);
    const composer = useComposer(() => 3);
    await composer.load();
    expect(composer.dirty.value).toBe(false);
    await expect(composer.save()).resolves.toBe(true);
    expect(api.updateBulletin).not.toHaveBeenCalled();

    stepCard(composer.sections.value, 'e2', -1);
    composer.sections.value[0]!.entries[0]!.title = '新标题';
    expect(composer.dirty.value).toBe(true);
    api.updateBulletin.mockResolvedValue(issue([{ ...entry(2, '要闻'), title: '新标题', position: 0 }, entry(1, '要闻')]));
    await expect(composer.save()).resolves.toBe(true);
    expect(api.updateBulletin).toHaveBeenCalledWith(3, {
      entries: [
        { id: 2, section: '要闻', title: '新标题', body: '正文2', style: 'article' },
        { id: 1, section: '要闻', title: '标题1', body: '正文1', style: 'article' },
      ],
    });
    expect(composer.dirty.value).toBe(false);
  });

  it('shows a refusal on the card it names, and anything else as a toast', async () => {
    api.getBulletin.mockResolvedValue(issue([entry(1, '要闻'), entry(2, '要闻')]));
    const composer = useComposer(() => 3);
    await composer.load();
    composer.sections.value[0]!.entries[1]!.body = '';
    api.updateBulletin.mockRejectedValueOnce(new ApiError(422, 'invalid_argument', '正文不能为空', 'entries[1].body'));
    await expect(composer.save()).resolves.toBe(false);
    expect(composer.cardErrors.value).toEqual({ e2: '正文不能为空' });
    expect(composer.dirty.value).toBe(true);

    api.updateBulletin.mockRejectedValueOnce(new ApiError(409, 'failed_precondition', '已发布的稿件不能移除'));
    await composer.save();
    expect(toast).toHaveBeenCalledWith('已发布的稿件不能移除');
  });

  it('appends a brief drafted from a work record without marking the copy unsaved', async () => {
    api.getBulletin.mockResolvedValue(issue([entry(1, '要闻')]));
    const composer = useComposer(() => 3);
    await composer.load();
    api.addBulletinEntry.mockResolvedValue(entry(7, '基层动态', 'brief', { activity_id: 9, body: '5月20日，南岸区总工会……' }));
    await composer.addFromActivity(2, 9);
    expect(api.addBulletinEntry).toHaveBeenCalledWith(3, { section: '基层动态', activity_id: 9 });
    expect(ids(composer.sections.value)).toEqual([[1], [], [7]]);
    expect(composer.dirty.value).toBe(false);
  });

  it('saves before publishing, and publishes nothing when the save fails', async () => {
    api.getBulletin.mockResolvedValue(issue([entry(1, '要闻')]));
    const composer = useComposer(() => 3);
    await composer.load();
    composer.addBlank(0);
    api.updateBulletin.mockRejectedValueOnce(new ApiError(422, 'invalid_argument', '标题不能为空', 'entries[1].title'));
    await expect(composer.publish()).resolves.toBeUndefined();
    expect(api.publishBulletin).not.toHaveBeenCalled();

    composer.sections.value[0]!.entries[1]!.title = '标题';
    api.updateBulletin.mockResolvedValue(issue([entry(1, '要闻'), entry(8, '要闻')]));
    api.publishBulletin.mockResolvedValue({ ...issue([]), published_version: 1 });
    await expect(composer.publish()).resolves.toMatchObject({ published_version: 1 });
    expect(api.updateBulletin).toHaveBeenCalledTimes(2);
    expect(api.publishBulletin).toHaveBeenCalledWith(3);
    expect(api.getBulletin).toHaveBeenCalledTimes(2); // reloaded after publishing
  });
});

describe('insertFigure', () => {
  const fig = '全市各级工会组织举办爱心托管班600余个（据工会工作平台统计，截至2026年12月7日为623个）';
  it('fills an empty body with the sentence, closed by a full stop', () => {
    expect(insertFigure('', fig)).toBe(`${fig}。`);
  });
  it('appends after a finished sentence, or joins an unfinished one with a comma', () => {
    expect(insertFigure('今年以来成效明显。', fig)).toBe(`今年以来成效明显。${fig}。`);
    expect(insertFigure('今年以来', fig)).toBe(`今年以来，${fig}。`);
  });
  it('goes in at the caret without doubling the punctuation around it', () => {
    expect(insertFigure('一是扩面。二是提质。', fig, 5)).toBe(`一是扩面。${fig}。二是提质。`);
    expect(insertFigure('一是扩面，二是提质。', fig, 4)).toBe(`一是扩面，${fig}，二是提质。`);
  });
  it('takes a caret outside the text as the end', () => {
    expect(insertFigure('甲。', fig, 99)).toBe(`甲。${fig}。`);
  });
});
