import { createRouter, createWebHistory } from 'vue-router';
import { routes } from './routes';
import { installGuard } from './guard';
import { i18n } from '@/locales';

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

installGuard(router);

router.afterEach((to) => {
  const { t } = i18n.global;
  const app = t('app.name');
  document.title = to.meta.title ? `${t(to.meta.title)} - ${app}` : app;
});
