import { config } from './config';
import { currentBackend } from './services/backend';

App({
  onLaunch() {
    // The emulator transport needs no cloud environment (and a tourist appid has none).
    if (currentBackend() === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true });
  },
});
