import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { rootField, useFormErrors } from './use-form-errors';

const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

describe('rootField', () => {
  it('keeps the top-level name', () => {
    expect(rootField('title')).toBe('title');
    expect(rootField('money[1].text')).toBe('money');
    expect(rootField('participants.text')).toBe('participants');
  });
});

describe('useFormErrors', () => {
  beforeEach(() => toast.mockReset());

  it('puts a 422 with a shown field under that field, without a toast', () => {
    const form = useFormErrors(['title', 'end_date']);
    const landed = form.handle(new ApiError(422, 'invalid_argument', '结束日期不能早于开始日期', 'end_date'));
    expect(landed).toBe(true);
    expect(form.errorOf('end_date')).toBe('结束日期不能早于开始日期');
    expect(form.errorOf('title')).toBe('');
    expect(toast).not.toHaveBeenCalled();
  });

  it('shows a nested field on its top-level item', () => {
    const form = useFormErrors(['money']);
    form.handle(new ApiError(422, 'invalid_argument', '金额无法识别', 'money[1].text'));
    expect(form.errorOf('money')).toBe('金额无法识别');
  });

  it('shows a nested field on the item of its element, not on its siblings', () => {
    const form = useFormErrors(['categories']);
    form.handle(new ApiError(422, 'invalid_argument', '奖项名称不能为空', 'categories[1].awards[0].name'));
    expect(form.errorOf('categories[1]')).toBe('奖项名称不能为空');
    expect(form.errorOf('categories[1].awards[0]')).toBe('奖项名称不能为空');
    expect(form.errorOf('categories[0]')).toBe('');
    expect(form.errorOf('categories[10]')).toBe('');
    expect(form.errorOf('categories')).toBe('奖项名称不能为空');
  });

  it('toasts a 422 on a field the form does not show', () => {
    const form = useFormErrors(['title']);
    expect(form.handle(new ApiError(422, 'invalid_argument', '未知字段', 'colour'))).toBe(false);
    expect(toast).toHaveBeenCalledWith('未知字段');
    expect(form.errorOf('colour')).toBe('');
  });

  it('toasts errors without a field, using the code text when the server sent no message', () => {
    const form = useFormErrors();
    form.handle(new ApiError(409, 'already_exists', '用户名已被占用'));
    expect(toast).toHaveBeenLastCalledWith('用户名已被占用');
    form.handle(new ApiError(500, 'internal', ''));
    expect(toast).toHaveBeenLastCalledWith('服务器内部错误，请稍后再试');
  });

  it('does not toast a 401 (the client already redirects to login)', () => {
    const form = useFormErrors();
    form.handle(new ApiError(401, 'unauthenticated', '请先登录'));
    expect(toast).not.toHaveBeenCalled();
  });

  it('submit clears old messages, resolves the result or undefined', async () => {
    const form = useFormErrors(['title']);
    await expect(
      form.submit(() => Promise.reject(new ApiError(422, 'invalid_argument', '请输入标题', 'title'))),
    ).resolves.toBeUndefined();
    expect(form.errorOf('title')).toBe('请输入标题');
    await expect(form.submit(() => Promise.resolve(7))).resolves.toBe(7);
    expect(form.errorOf('title')).toBe('');
  });

  it('set shows a client-side message on an item and clears it with an empty one', () => {
    const form = useFormErrors(['photos']);
    form.set('photos', '“a.gif”不是 JPEG、PNG 或 WebP 图片');
    expect(form.errorOf('photos')).toBe('“a.gif”不是 JPEG、PNG 或 WebP 图片');
    form.set('photos', '');
    expect(form.errorOf('photos')).toBe('');
    expect(toast).not.toHaveBeenCalled();
  });
});
