import type { FormRules } from 'element-plus';
import { i18n } from '@/locales';

export const MIN_PASSWORD_LENGTH = 8;

export function userRules(creating: boolean): FormRules {
  const { t } = i18n.global;
  const rules: FormRules = {
    role: [{ required: true, message: t('user.rules.roleRequired'), trigger: 'change' }],
    org_id: [{ required: true, message: t('user.rules.orgRequired'), trigger: 'change' }],
  };
  if (creating) {
    rules.username = [
      { required: true, message: t('user.rules.usernameRequired'), trigger: 'blur' },
      { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: t('user.rules.usernameFormat'), trigger: 'blur' },
    ];
    rules.password = [
      { required: true, message: t('user.rules.passwordRequired'), trigger: 'blur' },
      { min: MIN_PASSWORD_LENGTH, message: t('user.rules.passwordTooShort', { n: MIN_PASSWORD_LENGTH }), trigger: 'blur' },
    ];
  }
  return rules;
}
