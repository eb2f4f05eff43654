// The side menu's entries: a route with `meta.menuGroup` sits in that group's submenu, placed where
// the group's first entry is, with that entry's icon. Pure and unit-tested.
export interface MenuItem {
  name: string;
  path: string;
  title: string;
  icon: unknown;
  group?: string;
}

export interface MenuEntry extends MenuItem {
  /** A group's entries; undefined for a plain entry. */
  items?: MenuItem[];
}

export function groupMenu(items: readonly MenuItem[], title: (key: string) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  const groups = new Map<string, MenuEntry>();
  for (const item of items) {
    if (!item.group) {
      out.push(item);
      continue;
    }
    let group = groups.get(item.group);
    if (!group) {
      const name = item.group.replace(/^menu\./, '');
      group = { name, path: '', title: title(item.group), icon: item.icon, items: [] };
      groups.set(item.group, group);
      out.push(group);
    }
    group.items!.push(item);
  }
  return out;
}
