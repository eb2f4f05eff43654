import type { FormItemRule, FormRules } from 'element-plus';
import { i18n } from '@/locales';
import type { ActivityModel } from './use-activity-form';

/** Client-side checks mirroring the server's (the server stays the judge: 422 lands on the same items). */
export function activityRules(model: ActivityModel): FormRules {
  const { t } = i18n.global;
  const endAfterStart: FormItemRule = {
    validator: (_rule, value: string, callback) => {
      if (value && model.start_date && value < model.start_date) callback(new Error(t('activity.rules.endBeforeStart')));
      else callback();
    },
    trigger: 'change',
  };
  return {
    title: [
      { required: true, message: t('activity.rules.titleRequired'), trigger: 'blur' },
      { max: 200, message: t('activity.rules.titleTooLong'), trigger: 'blur' },
    ],
    type: [{ required: true, message: t('activity.rules.typeRequired'), trigger: 'change' }],
    start_date: [{ required: true, message: t('activity.rules.startRequired'), trigger: 'change' }],
    end_date: [endAfterStart],
    organisers: [{ type: 'array', required: true, message: t('activity.rules.organisersRequired'), trigger: 'change' }],
  };
}
