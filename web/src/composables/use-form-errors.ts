// The one mapping from a failed write to what the person sees:
// - 422 invalid_argument with a `field` that the form shows → the message under that field
//   (bind `:error="errorOf('title')"` on the el-form-item);
// - anything else → an ElMessage toast.
// `set` puts a client-side message (a refused file, say) on an item the same way.
// Nested fields (`money[1].text`, `participants.text`) land on the item of their top-level field.
import { reactive } from 'vue';
import { ApiError } from '@/api/http';
import { notifyError } from '@/utils/errors';

/** `money[1].text` → `money`; `participants.text` → `participants`. */
export function rootField(field: string): string {
  return field.split(/[.[]/, 1)[0] ?? field;
}

export interface FormErrors {
  /** Field → message, as the server sent it. */
  readonly errors: Record<string, string>;
  /**
   * The message for an el-form-item: its own field or any nested one (`categories` and
   * `categories[1]` both show `categories[1].awards[0].name`); '' when none.
   */
  errorOf(field: string): string;
  clear(): void;
  /** Shows `message` under `field` without a request; '' removes it. */
  set(field: string, message: string): void;
  /** Maps an error to a field message or a toast. Returns true when it landed on a field. */
  handle(error: unknown): boolean;
  /** Clears, runs the write, maps a failure. Resolves to the result, or undefined on failure. */
  submit<T>(write: () => Promise<T>): Promise<T | undefined>;
}

/**
 * @param fields the top-level field names the form shows; a 422 naming any other field is a toast,
 *   so no message is lost. Leave it out to accept every field.
 */
export function useFormErrors(fields?: readonly string[]): FormErrors {
  const errors = reactive<Record<string, string>>({});

  function errorOf(field: string): string {
    if (errors[field]) return errors[field];
    for (const [key, message] of Object.entries(errors)) {
      if (key.startsWith(`${field}.`) || key.startsWith(`${field}[`)) return message;
    }
    return '';
  }

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  function set(field: string, message: string): void {
    if (message) errors[field] = message;
    else delete errors[field];
  }

  function handle(error: unknown): boolean {
    if (error instanceof ApiError && error.isFieldError && error.field) {
      const shown = !fields || fields.includes(rootField(error.field));
      if (shown) {
        errors[error.field] = error.message || error.field;
        return true;
      }
    }
    notifyError(error);
    return false;
  }

  async function submit<T>(write: () => Promise<T>): Promise<T | undefined> {
    clear();
    try {
      return await write();
    } catch (error) {
      handle(error);
      return undefined;
    }
  }

  return { errors, errorOf, clear, set, handle, submit };
}
