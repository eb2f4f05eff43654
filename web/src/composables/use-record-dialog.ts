// A create-or-edit dialog over one record type owned by an org (campaigns, honours): use-record-form's
// model and save inside use-dialog-form's cycle; a new record starts owned by the caller's org.
import { computed, type Ref } from 'vue';
import type { FormInstance } from 'element-plus';
import { useSessionStore } from '@/stores/session';
import { useDialogForm } from './use-dialog-form';
import { useRecordForm, type RecordFormSpec } from './use-record-form';

export function useRecordDialog<R extends { id: number }, M extends { org_id: number | null }, P extends object>(
  spec: RecordFormSpec<R, M, P>,
  formRef: Ref<FormInstance | undefined>,
  onSaved: (saved: R) => void,
) {
  const session = useSessionStore();
  const form = useRecordForm(spec);
  const { visible, show, submit } = useDialogForm(formRef, form.save, onSaved);
  const editing = computed(() => form.original.value !== null);
  /** The label of the default owner, for OrgSelect's `initial`. */
  const ownerInitial = computed(() => (session.user ? [{ id: session.user.org_id, name: session.user.org_name }] : []));

  /** Opens the dialog on `record`, or on a blank one owned by the caller's org. */
  function open(record: R | null): Promise<void> {
    return show(() => {
      form.open(record);
      if (!record) form.model.org_id = session.user?.org_id ?? null;
    });
  }

  return { model: form.model, saving: form.saving, errorOf: form.errorOf, visible, submit, editing, ownerInitial, open };
}
