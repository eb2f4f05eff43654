import type { FormItemRule, FormRules } from 'element-plus';
import { i18n } from '@/locales';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643: 17 digits and a check character (mod 11). The server checks it too. */
export function isValidIdNumber(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] === id[17];
}

/** @param masked the value shown when editing (e.g. `500108********1234`): left as is, it is not checked. */
export function memberRules(masked: () => string): FormRules {
  const { t } = i18n.global;
  const idNumber: FormItemRule = {
    validator: (_rule, value: string, callback) => {
      if (!value) callback(new Error(t('member.rules.idRequired')));
      else if (value === masked()) callback();
      else if (!isValidIdNumber(value)) callback(new Error(t('member.rules.idInvalid')));
      else callback();
    },
    trigger: 'blur',
  };
  return {
    org_id: [{ required: true, message: t('member.rules.orgRequired'), trigger: 'change' }],
    name: [{ required: true, message: t('member.rules.nameRequired'), trigger: 'blur' }],
    id_number: [idNumber],
    phone: [{ pattern: /^(\d{11}|.*\*.*)?$/, message: t('member.rules.phoneInvalid'), trigger: 'blur' }],
  };
}
