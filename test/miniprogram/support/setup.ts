// miniprogram-simulate installs `wx`, `Component` and `Behavior` globals when first required.
import 'miniprogram-simulate';
import { installWxStubs } from './wx-stubs';

beforeEach(() => {
  installWxStubs();
});
