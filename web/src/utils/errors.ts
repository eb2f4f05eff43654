// How an error reads to a person: the server's zh-CN message when it sent one, else the text for its
// code in the current language. Used by use-form-errors and by pages for non-form failures.
import { ElMessage } from 'element-plus';
import { ApiError } from '@/api/http';
import { i18n } from '@/locales';

export function messageOf(error: unknown): string {
  const { t } = i18n.global;
  if (error instanceof ApiError) return error.message || t(`errors.${error.code}`);
  return t('errors.internal');
}

/** Shows the error as a toast. A 401 is not shown: the HTTP client already sends the user to login. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError && error.code === 'unauthenticated') return;
  ElMessage.error(messageOf(error));
}
