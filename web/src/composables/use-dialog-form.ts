// The open → validate → save → close cycle shared by the dialog forms (member, user).
import { nextTick, ref, type Ref } from 'vue';
import { ElMessage, type FormInstance } from 'element-plus';
import { i18n } from '@/locales';

/** @param formRef the template ref of the dialog's el-form (declared in the component, `ref="formRef"`). */
export function useDialogForm<T>(
  formRef: Ref<FormInstance | undefined>,
  save: () => Promise<T | undefined>,
  onSaved: (saved: T) => void,
) {
  const visible = ref(false);

  /** Shows the dialog after `reset` filled the model; stale validation messages are cleared. */
  async function show(reset: () => void | Promise<void>): Promise<void> {
    await reset();
    visible.value = true;
    await nextTick();
    formRef.value?.clearValidate();
  }

  async function submit(): Promise<void> {
    if (!(await formRef.value?.validate().catch(() => false))) return;
    const saved = await save();
    if (saved === undefined) return;
    ElMessage.success(i18n.global.t('common.saved'));
    visible.value = false;
    onSaved(saved);
  }

  return { visible, show, submit };
}
