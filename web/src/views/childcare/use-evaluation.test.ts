import { describe, expect, it } from 'vitest';
import type { ChildcareEvaluation, EvaluationStage } from '@/api/types';
import { CHILDCARE_STANDARDS } from '@/api/types';
import { editableStep, meanScore, reviewPayload, scoreIndexOf, scoresPayload, standardRows, startingCells, yuanToFen } from './use-evaluation';

function stage(score: (i: number) => number, evidence = '材料'): EvaluationStage {
  return {
    // answered in an order other than the contract's: the screen must put them back in place
    scores: [...CHILDCARE_STANDARDS].reverse().map((standard) => {
      const i = CHILDCARE_STANDARDS.indexOf(standard);
      return { standard, score: score(i), passed: score(i) >= 60, evidence: `${evidence}${i}`, photos: [] };
    }),
    total: 0,
    passed: 0,
    user_id: 1,
    at: '2024-08-01T00:00:00Z',
  };
}

function evaluation(stages: Partial<ChildcareEvaluation['stages']>, state: ChildcareEvaluation['state'] = 'city_review'): ChildcareEvaluation {
  return {
    id: 3,
    class_id: 7,
    class_name: '班',
    org_id: 812,
    org_name: '南岸区总工会',
    year: 2024,
    state,
    state_label: '',
    district_org_id: 12,
    district_org_name: '南岸区总工会',
    grade: null,
    comment: '',
    stages: { self: null, district: null, city: null, ...stages },
    timeline: [],
    created_at: '',
    updated_at: '',
  };
}

describe('standardRows', () => {
  it('puts the six standards in the contract order with a cell per step', () => {
    const rows = standardRows(evaluation({ self: stage((i) => 80 + i), district: stage((i) => 70 + i, '区') }));
    expect(rows.map((r) => r.standard)).toEqual([...CHILDCARE_STANDARDS]);
    expect(rows[0]!.cells.self).toMatchObject({ score: 80, evidence: '材料0', passed: true });
    expect(rows[5]!.cells.district).toMatchObject({ score: 75, evidence: '区5' });
    expect(rows[2]!.cells.city).toBeNull();
  });

  it('has empty rows before any evaluation', () => {
    expect(standardRows(null).every((r) => r.cells.self === null && r.cells.city === null)).toBe(true);
  });
});

describe('editableStep', () => {
  const all = { write: true, review: true, city: false };
  it('follows the state and the caller', () => {
    expect(editableStep('draft', all)).toBe('self');
    expect(editableStep('returned', { ...all, review: false })).toBe('self');
    expect(editableStep('district_review', all)).toBe('district');
    expect(editableStep('district_review', { ...all, city: true })).toBeNull();
    expect(editableStep('city_review', { ...all, city: true })).toBe('city');
    expect(editableStep('city_review', all)).toBeNull();
    expect(editableStep('graded', { write: true, review: true, city: true })).toBeNull();
    expect(editableStep('draft', { write: false, review: true, city: true })).toBeNull();
  });
});

describe('writes', () => {
  it('starts a review from the previous scores without their evidence', () => {
    const rows = standardRows(evaluation({ self: stage(() => 90) }));
    const cells = startingCells(rows, 'city');
    expect(cells.map((c) => c.score)).toEqual([90, 90, 90, 90, 90, 90]);
    expect(cells[0]!.evidence).toBe('');
    expect(startingCells(standardRows(null), 'self')[0]).toMatchObject({ score: undefined, evidence: '' });
  });

  it('sends six scores in order, photos as ids', () => {
    const cells = CHILDCARE_STANDARDS.map((_, i) => ({
      score: i === 1 ? undefined : 85,
      evidence: ` 证据${i} `,
      photos: i === 0 ? [{ id: 4, url: '/p/4', content_type: 'image/png' as const, size: 1 }] : [],
      passed: undefined,
    }));
    const scores = scoresPayload(cells);
    expect(scores).toHaveLength(6);
    expect(scores[0]).toEqual({ standard: 'site_safety', score: 85, evidence: '证据0', photos: [4] });
    expect(scores[1]).toEqual({ standard: 'management', score: 0, evidence: '证据1' });
  });

  it('adds the grade and the subsidy in fen at the city step only', () => {
    const cells = startingCells(standardRows(evaluation({ self: stage(() => 90) })), 'city');
    expect(reviewPayload('city', cells, ' 同意 ', 'municipal', 50000)).toMatchObject({
      comment: '同意',
      grade: 'municipal',
      subsidy_fen: 5000000,
    });
    const district = reviewPayload('district', cells, '', 'municipal', 50000);
    expect(district).not.toHaveProperty('grade');
    expect(district).not.toHaveProperty('subsidy_fen');
    expect(district).not.toHaveProperty('comment');
  });

  it('converts yuan, computes the mean and reads the index of a field', () => {
    expect(yuanToFen(50000)).toBe(5000000);
    expect(yuanToFen(0.1)).toBe(10);
    expect(yuanToFen(0)).toBeUndefined();
    expect(yuanToFen(undefined)).toBeUndefined();
    const cell = (score: number | undefined) => ({ score, evidence: '', photos: [], passed: undefined });
    expect(meanScore([cell(90), cell(85), cell(80), cell(80), cell(80), cell(80)])).toBe(82);
    expect(meanScore([cell(90), cell(undefined)])).toBeNull();
    expect(scoreIndexOf('scores[3].evidence')).toBe(3);
    expect(scoreIndexOf('comment')).toBe(-1);
  });
});
