// miniprogram-simulate installs `wx`, `Component` and `Behavior` globals when first required.
import 'miniprogram-simulate';
import { installWxStubs } from './wx-stubs';

// Platform globals tdesign-miniprogram's components read: getApp() when constructed (the app
// instance holds nothing pages use; they read stores) and getCurrentPages() for page context.
const platform = globalThis as unknown as { getApp?: () => object; getCurrentPages?: () => object[] };
platform.getApp ??= () => ({});
platform.getCurrentPages ??= () => [];

// A file's first render compiles the WXML with wcc: seconds on a busy machine, not a correctness matter.
jest.setTimeout(30_000);

beforeEach(() => {
  installWxStubs();
});
