import { config } from './config';

App({
  onLaunch() {
    // The emulator transport needs no cloud environment (and a tourist appid has none).
    if (config.transport === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true });
  },
});
