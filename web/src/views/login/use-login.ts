import { reactive, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { useFormErrors } from '@/composables/use-form-errors';

/** The login form: signs in, then goes back to where the guard came from (only same-site paths). */
export function useLogin() {
  const session = useSessionStore();
  const router = useRouter();
  const route = useRoute();
  const form = reactive({ username: '', password: '' });
  const submitting = ref(false);
  const formErrors = useFormErrors(['username', 'password']);

  async function submit(): Promise<boolean> {
    submitting.value = true;
    try {
      const done = await formErrors.submit(async () => {
        await session.signIn(form.username.trim(), form.password);
        return true;
      });
      if (!done) return false;
      const redirect = typeof route.query.redirect === 'string' ? route.query.redirect : '/';
      await router.replace(redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/');
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, submitting, submit, errorOf: formErrors.errorOf };
}
