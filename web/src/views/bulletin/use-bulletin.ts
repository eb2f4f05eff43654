// Logic of 一周动态 shared by its pages: how an issue's publication status reads, the issue list, and
// the create form (year, 第N期, dates, sections defaulting to the configured ones).
import type { Bulletin } from '@/api/types';

/** `draft`: never published; `published`: the working copy is the last version; `changed`: edited since. */
export type IssueStatus = 'draft' | 'published' | 'changed';

export function issueStatus(b: Pick<Bulletin, 'published_version' | 'has_unpublished_changes'>): IssueStatus {
  if (!b.published_version) return 'draft';
  return b.has_unpublished_changes ? 'changed' : 'published';
}

export const STATUS_TAGS: Record<IssueStatus, 'info' | 'success' | 'warning'> = {
  draft: 'info',
  published: 'success',
  changed: 'warning',
};
