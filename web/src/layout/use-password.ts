// 修改密码: POST /auth/password with the old and the new password.
import { reactive, ref } from 'vue';
import { changePassword } from '@/api/auth';
import { useFormErrors } from '@/composables/use-form-errors';

export function usePassword() {
  const model = reactive({ old_password: '', new_password: '', confirm: '' });
  const saving = ref(false);
  const formErrors = useFormErrors(['old_password', 'new_password']);

  function reset(): void {
    Object.assign(model, { old_password: '', new_password: '', confirm: '' });
    formErrors.clear();
  }

  /** Resolves true when the password was changed. */
  async function save(): Promise<true | undefined> {
    saving.value = true;
    try {
      return await formErrors.submit(async () => {
        await changePassword({ old_password: model.old_password, new_password: model.new_password });
        return true as const;
      });
    } finally {
      saving.value = false;
    }
  }

  return { model, saving, reset, save, errorOf: formErrors.errorOf };
}
