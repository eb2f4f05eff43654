import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './locales';
import { setUnauthenticatedHandler } from './api/http';
import { vHasPerm } from './directives/has-perm';
import { useSessionStore } from './stores/session';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router).use(ElementPlus);
app.directive('has-perm', vHasPerm);

// A 401 on any request means the session is gone: forget it and go to the login page.
setUnauthenticatedHandler(() => {
  useSessionStore(pinia).clear();
  const current = router.currentRoute.value;
  if (current.name !== 'login') void router.push({ name: 'login', query: { redirect: current.fullPath } });
});

app.mount('#app');
