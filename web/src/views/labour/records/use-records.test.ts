import { describe, expect, it } from 'vitest';
import type { Training, Visit } from '@/api/types';
import { DOCUMENTS, TRAININGS, VISITS, blankRecord, recordApiQuery, recordFiltersFrom, recordPatch, recordPayload, recordRefs, recordToModel } from './use-records';

const training: Training = {
  id: 3,
  org_id: 9,
  org_name: '南岸区总工会',
  title: '集体协商指导员培训',
  held_from: '2026-03-01',
  held_to: null,
  groups: [{ group: '集体协商指导员', count: 1000, qualifier: '余', unit: '人', as_written: '1000余人' }],
  total: 1000,
  partners: [{ id: 40, name: '区人社局' }],
  note: '',
  created_at: '',
  updated_at: '',
};

describe('labour records', () => {
  it('starts a blank record, the first kind of a select chosen', () => {
    expect(blankRecord(DOCUMENTS)).toEqual({ org_id: null, title: '', doc_number: '', kind: 'regulation', issuer: '', issued_on: '', partners: [], note: '' });
  });

  it('posts required fields always and optional ones when filled, counts as written', () => {
    const m = { ...blankRecord(TRAININGS), org_id: 9, title: ' 培训 ', held_from: '2026-03-01', groups: [{ group: ' 工会主席 ', count: ' 300余人 ' }, { group: '', count: '' }] };
    expect(recordPayload(TRAININGS, m)).toEqual({ org_id: 9, title: '培训', held_from: '2026-03-01', groups: [{ group: '工会主席', count: '300余人' }] });
  });

  it('reads a record back (partners by id, groups as written) and patches what changed', () => {
    const m = recordToModel(TRAININGS, training);
    expect(m).toMatchObject({ org_id: 9, held_to: '', partners: [40], groups: [{ group: '集体协商指导员', count: '1000余人' }] });
    expect(recordPatch(TRAININGS, training, m)).toEqual({});
    m.held_to = '2026-03-02';
    (m.groups as { group: string; count: string }[])[0]!.count = '1200余人';
    expect(recordPatch(TRAININGS, training, m)).toEqual({ held_to: '2026-03-02', groups: [{ group: '集体协商指导员', count: '1200余人' }] });
    m.held_to = '';
    expect(recordPatch(TRAININGS, { ...training, held_to: '2026-03-02' } as Training, m)).toMatchObject({ held_to: null });
  });

  it('gives the selects the labels of a visit', () => {
    const visit = { id: 1, org_id: 9, org_name: '', target_org_id: 12, target_org_name: '南坪街道总工会', enterprise_id: 5, enterprise_name: '某公司', scores: { service: 5 } } as unknown as Visit;
    expect(recordRefs(visit)).toEqual({ orgs: [{ id: 12, name: '南坪街道总工会' }], enterprises: [{ id: 5, name: '某公司' }] });
    expect(recordToModel(VISITS, visit).scores).toEqual({ service: 5 });
    expect(recordRefs(null)).toEqual({ orgs: [], enterprises: [] });
  });

  it('reads the dashboard link filters and sends the kind filter under its name', () => {
    const f = recordFiltersFrom({ org_id: '9', axis: 'territorial', year: '2026', new_forms: 'true' }, 'new_forms');
    expect(f).toEqual({ org_id: 9, year: 2026, from: '', to: '', q: '', extra: 'true' });
    expect(recordApiQuery(f, 1, 20, 'new_forms')).toEqual({ page: 1, page_size: 20, org_id: 9, year: 2026, new_forms: 'true' });
    expect(recordApiQuery({ ...f, extra: '' }, 2, 50)).toEqual({ page: 2, page_size: 50, org_id: 9, year: 2026 });
  });
});
