import type { RouteRecordRaw } from 'vue-router';
import './meta';
import Layout from '@/layout/index.vue';

export const layoutChildren: RouteRecordRaw[] = [
  {
    path: '',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: { title: 'menu.dashboard', menuIcon: 'HomeFilled' },
  },
  {
    path: 'org',
    name: 'org',
    component: () => import('@/views/org/index.vue'),
    meta: { title: 'menu.org', permission: 'org:org:read', menuIcon: 'OfficeBuilding' },
  },
  {
    path: 'member',
    name: 'member',
    component: () => import('@/views/member/index.vue'),
    meta: { title: 'menu.member', permission: 'member:member:read', menuIcon: 'User' },
  },
  {
    path: 'activity',
    name: 'activity',
    component: () => import('@/views/activity/index.vue'),
    meta: { title: 'menu.activity', permission: 'activity:activity:read', menuIcon: 'Calendar' },
  },
  {
    path: 'activity/new',
    name: 'activity-new',
    component: () => import('@/views/activity/form.vue'),
    meta: { title: 'activity.new', permission: 'activity:activity:write', activeMenu: '/activity' },
  },
  {
    path: 'activity/:id(\\d+)',
    name: 'activity-detail',
    component: () => import('@/views/activity/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'activity.detail', permission: 'activity:activity:read', activeMenu: '/activity' },
  },
  {
    path: 'activity/:id(\\d+)/edit',
    name: 'activity-edit',
    component: () => import('@/views/activity/form.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'activity.edit', permission: 'activity:activity:write', activeMenu: '/activity' },
  },
  {
    path: 'news',
    name: 'news',
    component: () => import('@/views/news/index.vue'),
    meta: { title: 'menu.news', permission: 'news:item:read', menuIcon: 'EditPen' },
  },
  {
    path: 'news/new',
    name: 'news-new',
    component: () => import('@/views/news/form.vue'),
    meta: { title: 'news.new', permission: 'news:item:write', activeMenu: '/news' },
  },
  {
    path: 'news/:id(\\d+)',
    name: 'news-detail',
    component: () => import('@/views/news/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'news.detail', permission: 'news:item:read', activeMenu: '/news' },
  },
  {
    path: 'news/:id(\\d+)/edit',
    name: 'news-edit',
    component: () => import('@/views/news/form.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'news.edit', permission: 'news:item:write', activeMenu: '/news' },
  },
  {
    path: 'review',
    name: 'review',
    component: () => import('@/views/review/index.vue'),
    meta: { title: 'menu.review', permission: 'news:item:review', menuIcon: 'Stamp' },
  },
  {
    path: 'bulletin',
    name: 'bulletin',
    component: () => import('@/views/bulletin/index.vue'),
    meta: { title: 'menu.bulletin', permission: 'bulletin:issue:read', menuIcon: 'Reading' },
  },
  {
    path: 'bulletin/:id(\\d+)',
    name: 'bulletin-view',
    component: () => import('@/views/bulletin/view.vue'),
    props: (route) => ({ id: Number(route.params.id), version: Number(route.query.version) || undefined }),
    meta: { title: 'menu.bulletin', permission: 'bulletin:issue:read', activeMenu: '/bulletin' },
  },
  {
    path: 'bulletin/:id(\\d+)/compose',
    name: 'bulletin-compose',
    component: () => import('@/views/bulletin/compose.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'bulletin.composer', permission: 'bulletin:issue:write', activeMenu: '/bulletin' },
  },
  {
    path: 'ranking',
    name: 'ranking',
    component: () => import('@/views/ranking/index.vue'),
    meta: { title: 'menu.ranking', permission: 'news:item:read', menuIcon: 'Trophy' },
  },
  {
    path: 'childcare',
    name: 'childcare',
    component: () => import('@/views/childcare/index.vue'),
    meta: { title: 'menu.childcare', permission: 'childcare:class:read', menuIcon: 'Sunny' },
  },
  {
    path: 'childcare/new',
    name: 'childcare-new',
    component: () => import('@/views/childcare/form.vue'),
    meta: { title: 'childcare.new', permission: 'childcare:class:write', activeMenu: '/childcare' },
  },
  {
    path: 'childcare/:id(\\d+)',
    name: 'childcare-detail',
    component: () => import('@/views/childcare/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'childcare.detail', permission: 'childcare:class:read', activeMenu: '/childcare' },
  },
  {
    path: 'childcare/:id(\\d+)/edit',
    name: 'childcare-edit',
    component: () => import('@/views/childcare/form.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'childcare.edit', permission: 'childcare:class:write', activeMenu: '/childcare' },
  },
  {
    path: 'campaign',
    name: 'campaign',
    component: () => import('@/views/campaign/index.vue'),
    meta: { title: 'menu.campaign', permission: 'campaign:campaign:read', menuIcon: 'Present' },
  },
  {
    path: 'campaign/:id(\\d+)/progress',
    name: 'campaign-progress',
    component: () => import('@/views/campaign/progress.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'campaign.progress', permission: 'campaign:campaign:read', activeMenu: '/campaign' },
  },
  {
    path: 'competition',
    name: 'competition',
    component: () => import('@/views/competition/index.vue'),
    meta: { title: 'menu.competition', permission: 'competition:event:read', menuIcon: 'Flag' },
  },
  {
    path: 'competition/entries',
    name: 'competition-entries',
    component: () => import('@/views/competition/entries.vue'),
    meta: { title: 'competition.entries.title', permission: 'competition:event:read', activeMenu: '/competition' },
  },
  {
    path: 'competition/:id(\\d+)',
    name: 'competition-detail',
    component: () => import('@/views/competition/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'competition.detail', permission: 'competition:event:read', activeMenu: '/competition' },
  },
  {
    path: 'honour',
    name: 'honour',
    component: () => import('@/views/honour/index.vue'),
    meta: { title: 'menu.honour', permission: 'honour:honour:read', menuIcon: 'Medal' },
  },
  {
    path: 'stats',
    name: 'stats',
    component: () => import('@/views/stats/index.vue'),
    meta: { title: 'menu.stats', permission: 'stats:stats:read', menuIcon: 'DataAnalysis' },
  },
  {
    path: 'search',
    name: 'search',
    component: () => import('@/views/search/index.vue'),
    meta: { title: 'menu.search', menuIcon: 'Search' },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/index.vue'),
    meta: { title: 'menu.audit', permission: 'audit:log:read', menuIcon: 'Document' },
  },
  {
    path: 'user',
    name: 'user',
    component: () => import('@/views/user/index.vue'),
    meta: { title: 'menu.user', permission: 'auth:user:read', menuIcon: 'Avatar' },
  },
  {
    path: 'forbidden',
    name: 'forbidden',
    component: () => import('@/views/error/index.vue'),
    props: { status: 403 },
    meta: { title: 'error.forbiddenTitle' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/index.vue'),
    props: { status: 404 },
    meta: { title: 'error.notFoundTitle' },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: 'login.title', public: true },
  },
  { path: '/', component: Layout, children: layoutChildren },
];

/** The side menu: layout routes with an icon, in declaration order. */
export const menuRoutes = layoutChildren.filter((r) => r.meta?.menuIcon);
