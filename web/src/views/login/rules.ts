import type { FormRules } from 'element-plus';
import { i18n } from '@/locales';

export function loginRules(): FormRules {
  const { t } = i18n.global;
  return {
    username: [{ required: true, message: t('login.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: 'blur' }],
  };
}
