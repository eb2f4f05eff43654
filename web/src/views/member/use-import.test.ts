import { describe, expect, it } from 'vitest';
import type { ImportJob } from '@/api/types';
import { memberExportUrl } from '@/api/imports';
import { followJob, progressPercent, progressStatus } from './use-import';

function job(over: Partial<ImportJob>): ImportJob {
  return {
    id: 7, kind: 'member', mode: 'create', dry_run: false, state: 'checking', state_label: '检查中', final: false,
    cancelling: false, progress: 0, org_id: 9, org_name: '南岸区总工会', default_org_id: null, user_id: 4,
    user_name: '', file_name: '会员.csv', file_bytes: 100, format: 'csv', encoding: 'UTF-8', ignored_columns: [],
    rows_read: 0, rows_checked: 0, rows_written: 0, rows_bad: 0, rows_skipped: 0, message: '', created_at: '',
    started_at: null, finished_at: null, ...over,
  };
}

describe('import progress', () => {
  it('shows the server\'s share of the work as a whole percentage', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent(job({ progress: 0.354 }))).toBe(35);
    expect(progressPercent(job({ progress: 1.2 }))).toBe(100);
  });

  it('colours a final bar by how the job ended', () => {
    expect(progressStatus(job({}))).toBe('');
    expect(progressStatus(job({ final: true, state: 'done' }))).toBe('success');
    expect(progressStatus(job({ final: true, state: 'checked' }))).toBe('success');
    expect(progressStatus(job({ final: true, state: 'rejected' }))).toBe('exception');
    expect(progressStatus(job({ final: true, state: 'cancelled' }))).toBe('warning');
  });

  it('polls until the job is final, reporting each state', async () => {
    const answers = [job({ state: 'queued' }), job({ state: 'checking', progress: 0.3 }), job({ state: 'done', final: true, progress: 1 })];
    const seen: string[] = [];
    let slept = 0;
    const last = await followJob(
      async () => answers.shift()!,
      (j) => seen.push(j.state),
      async () => { slept++; },
    );
    expect(last.state).toBe('done');
    expect(seen).toEqual(['queued', 'checking', 'done']);
    expect(slept).toBe(2);
  });
});

describe('member export link', () => {
  it('carries the list\'s filters but no paging, and the purpose only when unmasked', () => {
    expect(memberExportUrl({ org_id: 9, q: '张', status: 'active', page: 3, page_size: 20 }, { format: 'csv' }))
      .toBe('/api/v1/members/export?org_id=9&q=%E5%BC%A0&status=active&format=csv');
    expect(memberExportUrl({ org_id: 9 }, { format: 'xlsx', unmasked: true, purpose: '核对名单' }))
      .toBe('/api/v1/members/export?org_id=9&format=xlsx&unmasked=true&purpose=%E6%A0%B8%E5%AF%B9%E5%90%8D%E5%8D%95');
  });
});
