// Logic of the 编辑检查记录 dialog: an inspection as the form edits it, the PATCH body of what changed,
// and the mapping of the server's `findings[i]` (i indexes the request's list) back to the form's row.
// Pure and unit-tested.
import type { ChildcareInspection, InspectionPatch } from '@/api/types';

export interface FindingDraft {
  /** null: a finding added in this dialog. */
  id: number | null;
  description: string;
  deadline: string;
  /** An accepted finding is closed: shown, never sent (the server refuses to change it: 409). */
  locked: boolean;
  stateLabel: string;
}

export interface InspectionDraft {
  date: string;
  inspector: string;
  notes: string;
  findings: FindingDraft[];
}

export function inspectionDraft(ins: ChildcareInspection): InspectionDraft {
  return {
    date: ins.date,
    inspector: ins.inspector,
    notes: ins.notes,
    findings: ins.findings.map((f) => ({
      id: f.id,
      description: f.description,
      deadline: f.deadline,
      locked: f.state === 'accepted',
      stateLabel: f.state_label,
    })),
  };
}

export function blankFinding(): FindingDraft {
  return { id: null, description: '', deadline: '', locked: false, stateLabel: '' };
}

/**
 * The PATCH body: the fields that changed, each changed finding by `id` with only its changed fields,
 * and the added ones. `rows[i]` is the draft row of `body.findings[i]`. An empty body: nothing changed.
 */
export function inspectionPatch(draft: InspectionDraft, ins: ChildcareInspection): { body: InspectionPatch; rows: number[] } {
  const body: InspectionPatch = {};
  if (draft.date !== ins.date) body.date = draft.date;
  if (draft.inspector !== ins.inspector) body.inspector = draft.inspector;
  if (draft.notes !== ins.notes) body.notes = draft.notes;
  const findings: NonNullable<InspectionPatch['findings']> = [];
  const rows: number[] = [];
  draft.findings.forEach((f, row) => {
    if (f.locked) return;
    if (f.id === null) {
      findings.push({ description: f.description, deadline: f.deadline });
      rows.push(row);
      return;
    }
    const was = ins.findings.find((x) => x.id === f.id);
    const change: { id: number; description?: string; deadline?: string } = { id: f.id };
    if (f.description !== was?.description) change.description = f.description;
    if (f.deadline !== was?.deadline) change.deadline = f.deadline;
    if (Object.keys(change).length > 1) {
      findings.push(change);
      rows.push(row);
    }
  });
  if (findings.length) body.findings = findings;
  return { body, rows };
}

/** `findings[1].deadline` of the request → `findings[<its row>].deadline` of the form; other fields as sent. */
export function draftField(field: string, rows: readonly number[]): string {
  const m = /^findings\[(\d+)\](.*)$/.exec(field);
  if (!m) return field;
  const row = rows[Number(m[1])];
  return row === undefined ? field : `findings[${row}]${m[2]}`;
}

/** The message for a finding row: one for the row itself or any of its fields; '' when none. */
export function findingError(errors: Readonly<Record<string, string>>, row: number): string {
  const prefix = `findings[${row}]`;
  for (const [key, message] of Object.entries(errors)) {
    if (key === prefix || key.startsWith(`${prefix}.`)) return message;
  }
  return '';
}
