import { describe, expect, it } from 'vitest';
import { groupMenu } from './menu';

describe('groupMenu', () => {
  it('gathers the entries of a group into one submenu where its first entry is', () => {
    const item = (name: string, group?: string) => ({ name, path: `/${name}`, title: name, icon: name, group });
    const menu = groupMenu([item('a'), item('rates', 'menu.labour'), item('b'), item('contracts', 'menu.labour')], (k) => `t:${k}`);
    expect(menu.map((e) => e.name)).toEqual(['a', 'labour', 'b']);
    expect(menu[1]).toMatchObject({ title: 't:menu.labour', icon: 'rates' });
    expect(menu[1]!.items!.map((e) => e.name)).toEqual(['rates', 'contracts']);
    expect(menu[0]!.items).toBeUndefined();
  });
});
