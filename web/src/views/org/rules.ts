import type { FormRules } from 'element-plus';
import { i18n } from '@/locales';

/** @param needsParent false only for the root (市总工会), which has no territorial parent. */
export function orgRules(creating: boolean, needsParent: boolean): FormRules {
  const { t } = i18n.global;
  const rules: FormRules = {
    name: [
      { required: true, message: t('org.rules.nameRequired'), trigger: 'blur' },
      { max: 100, message: t('org.rules.nameTooLong'), trigger: 'blur' },
    ],
    code: [{ pattern: /^[0-9A-Za-z-]*$/, message: t('org.rules.codeFormat'), trigger: 'blur' }],
  };
  if (needsParent) rules.parent_id = [{ required: true, message: t('org.rules.parentRequired'), trigger: 'change' }];
  if (creating) rules.kind = [{ required: true, message: t('org.rules.kindRequired'), trigger: 'change' }];
  return rules;
}
