// Logic of the work record form: the model the inputs edit, its conversion to and from the API body,
// loading for edit and saving (POST or PATCH) with field errors mapped by use-form-errors. Photos are
// uploaded on their own as they are chosen (use-photo-upload); the record sends their ids.
import { reactive, ref } from 'vue';
import { createActivity, getActivity, updateActivity } from '@/api/activities';
import type { Activity, ActivityType, ActivityWrite, DayPart, MoneySource, OrgRef, PhotoRef } from '@/api/types';
import { useFormErrors } from '@/composables/use-form-errors';
import { useFormPhotos } from '@/composables/use-photo-upload';
import { useRecord } from '@/composables/use-record';

/** Target groups the bulletins name most often; the select also accepts new ones. */
export const COMMON_TARGET_GROUPS = [
  '新就业形态劳动者',
  '农民工',
  '困境儿童',
  '货车司机',
  '网约车司机',
  '快递员',
  '外卖骑手',
] as const;

export interface BeneficiaryRow {
  group: string;
  text: string;
}

export interface MoneyRow {
  text: string;
  purpose: string;
  source: MoneySource;
}

export interface ActivityModel {
  org_id: number | null;
  title: string;
  type: ActivityType | '';
  start_date: string;
  end_date: string;
  day_part: DayPart;
  places: string[];
  /** As written: `40余人`, `近1000名`. */
  participants: string;
  beneficiaries: BeneficiaryRow[];
  target_groups: string[];
  money: MoneyRow[];
  items: string[];
  organisers: number[];
  partners: number[];
  /** Uploaded photos, in the order shown. */
  photos: PhotoRef[];
  body: string;
  /** The 关爱行动 the record reports against. */
  campaign_id: number | null;
}

/** The top-level fields the form shows (a 422 on any other field becomes a toast). */
export const ACTIVITY_FIELDS = [
  'org_id',
  'title',
  'type',
  'start_date',
  'end_date',
  'day_part',
  'places',
  'participants',
  'beneficiaries',
  'target_groups',
  'money',
  'items',
  'organisers',
  'partners',
  'body',
  'photos',
  'campaign_id',
] as const;

export function emptyModel(orgId: number | null): ActivityModel {
  return {
    org_id: orgId,
    title: '',
    type: '',
    start_date: '',
    end_date: '',
    day_part: '',
    places: [],
    participants: '',
    beneficiaries: [],
    target_groups: [],
    money: [],
    items: [],
    organisers: orgId === null ? [] : [orgId],
    partners: [],
    photos: [],
    body: '',
    campaign_id: null,
  };
}

export function modelFromActivity(a: Activity): ActivityModel {
  return {
    org_id: a.org_id,
    title: a.title,
    type: a.type,
    start_date: a.start_date,
    end_date: a.end_date,
    day_part: a.day_part,
    places: [...a.places],
    participants: a.participants?.text ?? '',
    beneficiaries: a.beneficiaries.map((b) => ({ group: b.group, text: b.text })),
    target_groups: [...a.target_groups],
    money: a.money.map((m) => ({ text: m.text, purpose: m.purpose, source: m.source })),
    items: [...a.items],
    organisers: a.organisers.map((o) => o.id),
    partners: a.partners.map((o) => o.id),
    photos: [...a.photos],
    body: a.body,
    campaign_id: a.campaign_id ?? null,
  };
}

function clean(list: readonly string[]): string[] {
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The request body. Blank rows are dropped, an empty end date means a one-day record, empty
 * participants are sent as null. `org_id` is only sent on create (ownership never changes by PATCH).
 * The server checks `campaign_id` (period, reach) and answers 422 on that field.
 */
export function toWrite(m: ActivityModel, mode: 'create' | 'update'): ActivityWrite {
  const start = m.start_date;
  const body: ActivityWrite = {
    title: m.title.trim(),
    type: (m.type || 'other') as ActivityType,
    start_date: start,
    end_date: m.end_date || start,
    day_part: m.day_part,
    places: clean(m.places),
    participants: m.participants.trim() ? { text: m.participants.trim() } : null,
    beneficiaries: m.beneficiaries
      .map((b) => ({ group: b.group.trim(), text: b.text.trim() }))
      .filter((b) => b.group || b.text),
    target_groups: clean(m.target_groups),
    money: m.money
      .map((x) => ({ text: x.text.trim(), purpose: x.purpose.trim(), source: x.source }))
      .filter((x) => x.text || x.purpose),
    items: clean(m.items),
    organisers: [...m.organisers],
    partners: [...m.partners],
    photos: m.photos.map((p) => p.id),
    body: m.body,
  };
  if (mode === 'create' && m.org_id !== null) body.org_id = m.org_id;
  // On create only a chosen campaign is sent; on update null unlinks the record.
  if (mode === 'update' || m.campaign_id !== null) body.campaign_id = m.campaign_id;
  return body;
}

export function useActivityForm(defaultOrgId: number | null) {
  const model = reactive<ActivityModel>(emptyModel(defaultOrgId));
  /** Names of the organisers/partners of the loaded record, so the selects can label them. */
  const knownOrgs = ref<OrgRef[]>([]);
  let id = 0;
  const { loading, load: fetch } = useRecord(() => getActivity(id));
  const saving = ref(false);
  const formErrors = useFormErrors(ACTIVITY_FIELDS);
  const photos = useFormPhotos(model, formErrors);

  async function load(activityId: number): Promise<boolean> {
    id = activityId;
    const activity = await fetch();
    if (activity) {
      Object.assign(model, modelFromActivity(activity));
      photos.reset();
      knownOrgs.value = [...activity.organisers, ...activity.partners];
    }
    return activity !== null;
  }

  /** Creates (no id) or updates; resolves to the saved record, or undefined after showing the error. */
  async function save(id?: number): Promise<Activity | undefined> {
    if (!photos.ready()) return undefined;
    saving.value = true;
    try {
      return await formErrors.submit(() =>
        id === undefined ? createActivity(toWrite(model, 'create')) : updateActivity(id, toWrite(model, 'update')),
      );
    } finally {
      saving.value = false;
    }
  }

  function addBeneficiary(): void {
    model.beneficiaries.push({ group: '', text: '' });
  }

  function addMoney(): void {
    model.money.push({ text: '', purpose: '', source: '' });
  }

  return {
    model,
    knownOrgs,
    loading,
    saving,
    load,
    save,
    addBeneficiary,
    addMoney,
    photos,
    errorOf: formErrors.errorOf,
  };
}
