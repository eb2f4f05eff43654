import type { Permission } from '@/api/types';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (browser tab, menu entry, breadcrumb). */
    title?: string;
    /** The permission needed to open the route; the side menu hides it too. */
    permission?: Permission;
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** Shown in the side menu, with this Element Plus icon name. */
    menuIcon?: string;
    /** The side menu's group (i18n key of its title) the entry sits in, e.g. `menu.labour`. */
    menuGroup?: string;
    /** The menu entry to highlight for a page that has none (form, detail). */
    activeMenu?: string;
  }
}

export {};
