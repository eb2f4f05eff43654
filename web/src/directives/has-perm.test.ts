import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent } from 'vue';
import { useSessionStore } from '@/stores/session';
import { vHasPerm } from './has-perm';

const Page = defineComponent({
  directives: { hasPerm: vHasPerm },
  template: `<div>
    <button v-has-perm="'activity:activity:write'" data-testid="new">new</button>
    <button v-has-perm="'audit:log:read'" data-testid="audit">audit</button>
  </div>`,
});

describe('v-has-perm', () => {
  it('removes the elements whose permission the user lacks', () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    useSessionStore().apply({
      user: { id: 2, username: 'nanan', display_name: '', role: 'manager', org_id: 12, org_name: '南岸区总工会' },
      permissions: ['activity:activity:read', 'activity:activity:write'],
      csrf_token: 't',
    });
    const wrapper = mount(Page, { global: { plugins: [pinia] } });
    expect(wrapper.find('[data-testid="new"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="audit"]').exists()).toBe(false);
  });
});
