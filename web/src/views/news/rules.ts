import type { FormRules } from 'element-plus';
import { i18n } from '@/locales';

/** Client-side checks mirroring the server's (title ≤ 200, body ≤ 50,000); the server stays the judge. */
export function newsRules(): FormRules {
  const { t } = i18n.global;
  return {
    org_id: [{ required: true, message: t('news.rules.orgRequired'), trigger: 'change' }],
    title: [
      { required: true, whitespace: true, message: t('news.rules.titleRequired'), trigger: 'blur' },
      { max: 200, message: t('news.rules.titleTooLong'), trigger: 'blur' },
    ],
    body: [
      { required: true, whitespace: true, message: t('news.rules.bodyRequired'), trigger: 'blur' },
      { max: 50000, message: t('news.rules.bodyTooLong'), trigger: 'blur' },
    ],
    event_date: [{ required: true, message: t('news.rules.dateRequired'), trigger: 'change' }],
  };
}
