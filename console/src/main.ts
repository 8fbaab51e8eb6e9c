import { createApp } from 'vue';
import { Alert, Aside, Button, Card, Content, Form, FormItem, Header, Input, Layout, Menu, MenuItem } from 'tdesign-vue-next';
import 'tdesign-vue-next/es/style/index.css';
import App from './App.vue';
import { initCloudbase } from './api/cloudbase';
import { loadRuntimeConfig } from './api/runtime-config';
import { router } from './router';
import { restoreSession } from './stores/session';

// The shell's and sign-in's components, registered once; each page imports the rest it uses, so they load with it.
const components = [Alert, Aside, Button, Card, Content, Form, FormItem, Header, Input, Layout, Menu, MenuItem];

async function start(): Promise<void> {
  initCloudbase(await loadRuntimeConfig());
  await restoreSession();
  const app = createApp(App);
  for (const component of components) app.use(component);
  app.use(router);
  app.mount('#app');
}

start().catch((error: unknown) => {
  document.body.textContent = `控制台启动失败：${error instanceof Error ? error.message : String(error)}`;
});
