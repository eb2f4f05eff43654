import type { FormItemRule, FormRules } from 'element-plus';
import { i18n } from '@/locales';

// GB 32100: each character's value is its position here (no I, O, Z, S, V).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * GB 32100: 18 characters of the alphabet, the 3rd to 8th a division code, the last a check
 * character (mod 31). Small letters count as capitals. The server checks it too (src/core/credit_code.cc).
 */
export function isValidCreditCode(value: string): boolean {
  const code = value.trim().toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !ALPHABET.includes(c))) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]!) * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

export function enterpriseRules(): FormRules {
  const { t } = i18n.global;
  const creditCode: FormItemRule = {
    validator: (_rule, value: string, callback) => {
      if (!value) callback(new Error(t('enterprise.rules.creditCodeRequired')));
      else if (!isValidCreditCode(value)) callback(new Error(t('enterprise.rules.creditCodeInvalid')));
      else callback();
    },
    trigger: 'blur',
  };
  return {
    org_id: [{ required: true, message: t('enterprise.rules.orgRequired'), trigger: 'change' }],
    name: [{ required: true, message: t('enterprise.rules.nameRequired'), trigger: 'blur' }],
    credit_code: [creditCode],
    kind: [{ required: true, message: t('enterprise.rules.kindRequired'), trigger: 'change' }],
    region_code: [{ pattern: /^(\d{6})?$/, message: t('enterprise.rules.regionInvalid'), trigger: 'blur' }],
  };
}
