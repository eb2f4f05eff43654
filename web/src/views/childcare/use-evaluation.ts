// Logic of the evaluation screen: the six standards side by side across the steps (self → district →
// city), what the caller may do in the current state, and the bodies of the writes. Pure helpers
// (standardRows, editableStep, scoresPayload, yuanToFen) are unit-tested.
import type {
  ChildcareEvaluation,
  ChildcareGrade,
  ChildcareStandard,
  EvaluationReview,
  EvaluationStep,
  PhotoRef,
  StandardScore,
  StandardScoreWrite,
} from '@/api/types';
import { CHILDCARE_STANDARDS, EVALUATION_STEPS } from '@/api/types';

/** One standard's score at one step, as the screen edits it. */
export interface ScoreCell {
  score: number | undefined;
  evidence: string;
  photos: PhotoRef[];
  passed: boolean | undefined;
}

/** One row of the screen: a standard with its cell per step (null when the step has no scores yet). */
export interface StandardRow {
  standard: ChildcareStandard;
  cells: Record<EvaluationStep, ScoreCell | null>;
}

function cellOf(score: StandardScore | undefined): ScoreCell | null {
  if (!score) return null;
  return { score: score.score, evidence: score.evidence, photos: score.photos ?? [], passed: score.passed };
}

/** The six standards in the contract's order, each with what every step recorded. */
export function standardRows(evaluation: ChildcareEvaluation | null): StandardRow[] {
  return CHILDCARE_STANDARDS.map((standard) => {
    const cells = {} as Record<EvaluationStep, ScoreCell | null>;
    for (const step of EVALUATION_STEPS) {
      const stage = evaluation?.stages?.[step] ?? null;
      cells[step] = stage ? cellOf(stage.scores.find((s) => s.standard === standard)) : null;
    }
    return { standard, cells };
  });
}

export interface Powers {
  /** Holds childcare:class:write (self-assessment). */
  write: boolean;
  /** Holds childcare:evaluation:review. */
  review: boolean;
  /** The caller's org is of kind `city`. */
  city: boolean;
}

/**
 * The step the caller fills in now, or null: self in `draft`/`returned` (write), district in
 * `district_review` (a reviewer below the city: the server checks that the org is the district
 * reviewer), city in `city_review` (a city reviewer).
 */
export function editableStep(state: ChildcareEvaluation['state'], powers: Powers): EvaluationStep | null {
  if ((state === 'draft' || state === 'returned') && powers.write) return 'self';
  if (state === 'district_review' && powers.review && !powers.city) return 'district';
  if (state === 'city_review' && powers.review && powers.city) return 'city';
  return null;
}

/** The cells a step starts from: its own scores, else the previous step's (a reviewer adjusts them). */
export function startingCells(rows: StandardRow[], step: EvaluationStep): ScoreCell[] {
  const order = EVALUATION_STEPS.indexOf(step);
  return rows.map((row) => {
    for (let i = order; i >= 0; i--) {
      const cell = row.cells[EVALUATION_STEPS[i]!];
      if (cell) return { ...cell, evidence: i === order ? cell.evidence : '', photos: i === order ? [...cell.photos] : [] };
    }
    return { score: undefined, evidence: '', photos: [], passed: undefined };
  });
}

/** The `scores` array of a write: six entries in order; a missing score goes as 0 (the server checks). */
export function scoresPayload(cells: readonly ScoreCell[]): StandardScoreWrite[] {
  return CHILDCARE_STANDARDS.map((standard, i) => {
    const cell = cells[i];
    const out: StandardScoreWrite = { standard, score: cell?.score ?? 0, evidence: (cell?.evidence ?? '').trim() };
    if (cell && cell.photos.length) out.photos = cell.photos.map((p) => p.id);
    return out;
  });
}

/** 50000 → 5000000; '' or not a positive number → undefined. */
export function yuanToFen(yuan: number | undefined | null): number | undefined {
  if (yuan === undefined || yuan === null || !Number.isFinite(yuan) || yuan <= 0) return undefined;
  return Math.round(yuan * 100);
}

/** The body of POST /review: the city step adds the grade and the subsidy. */
export function reviewPayload(
  step: 'district' | 'city',
  cells: readonly ScoreCell[],
  comment: string,
  grade: ChildcareGrade | '',
  subsidyYuan: number | undefined,
): EvaluationReview {
  const body: EvaluationReview = { scores: scoresPayload(cells) };
  if (comment.trim()) body.comment = comment.trim();
  if (step === 'city') {
    if (grade) body.grade = grade;
    const fen = yuanToFen(subsidyYuan);
    if (fen !== undefined) body.subsidy_fen = fen;
  }
  return body;
}

/** Mean of the scores, rounded down, as the server computes `total`; null while any is missing. */
export function meanScore(cells: readonly ScoreCell[]): number | null {
  if (cells.length === 0 || cells.some((c) => c.score === undefined)) return null;
  return Math.floor(cells.reduce((sum, c) => sum + (c.score ?? 0), 0) / cells.length);
}

/** Maps a 422 field (`scores[2].evidence`) to the index of the standard it names, or -1. */
export function scoreIndexOf(field: string): number {
  const m = /^scores\[(\d+)\]/.exec(field);
  return m ? Number(m[1]) : -1;
}
