// The model of a create-or-edit form over one record type: `open(null)` starts a blank record,
// `open(record)` edits it; `save()` POSTs the whole model or PATCHes only what changed, with a
// failure mapped by use-form-errors.
import { reactive, ref, shallowRef, type UnwrapRef } from 'vue';
import { useFormErrors } from './use-form-errors';

export interface RecordFormSpec<R extends { id: number }, M extends object, P extends object> {
  /** Top-level fields the form shows (422s on others become a toast). */
  fields: readonly string[];
  blank(): M;
  fromRecord(record: R): M;
  create(model: M): Promise<R>;
  /** The changed fields only; `{}` means nothing to send. */
  patch(record: R, model: M): P;
  update(id: number, patch: P): Promise<R>;
}

export function useRecordForm<R extends { id: number }, M extends object, P extends object>(
  spec: RecordFormSpec<R, M, P>,
) {
  const model = reactive(spec.blank()) as UnwrapRef<M> & M;
  const original = shallowRef<R | null>(null);
  const saving = ref(false);
  const formErrors = useFormErrors(spec.fields);

  function open(record: R | null): void {
    original.value = record;
    Object.assign(model, record ? spec.fromRecord(record) : spec.blank());
    formErrors.clear();
  }

  /** Resolves to the saved record (the original when nothing changed), or undefined on failure. */
  async function save(): Promise<R | undefined> {
    const current = original.value;
    saving.value = true;
    try {
      if (current === null) return await formErrors.submit(() => spec.create(model));
      const patch = spec.patch(current, model);
      if (Object.keys(patch).length === 0) return current;
      return await formErrors.submit(() => spec.update(current.id, patch));
    } finally {
      saving.value = false;
    }
  }

  return { model, original, saving, open, save, errorOf: formErrors.errorOf };
}
