import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session } from './stores/session';
import { TEXT } from './text';

/** One lazily loaded chunk per page: the sign-in page loads nothing else. */
export const MENU: Array<{ path: string; title: string }> = [
  { path: '/dashboard', title: TEXT.menu.dashboard },
  { path: '/members', title: TEXT.menu.members },
  { path: '/campaigns', title: TEXT.menu.campaigns },
  { path: '/calendar', title: TEXT.menu.calendar },
  { path: '/coupons', title: TEXT.menu.coupons },
  { path: '/groupbuy', title: TEXT.menu.groupbuy },
  { path: '/referral', title: TEXT.menu.referral },
  { path: '/tiers', title: TEXT.menu.tiers },
  { path: '/stores', title: TEXT.menu.stores },
  { path: '/flags', title: TEXT.menu.flags },
  { path: '/audit', title: TEXT.menu.audit },
];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/sign-in', component: () => import('./pages/sign-in/index.vue'), meta: { public: true } },
  { path: '/dashboard', component: () => import('./pages/dashboard/index.vue') },
  { path: '/members', component: () => import('./pages/members/index.vue') },
  { path: '/members/:memberId', component: () => import('./pages/members/detail.vue'), props: true },
  { path: '/campaigns', component: () => import('./pages/campaigns/index.vue') },
  { path: '/calendar', component: () => import('./pages/campaigns/calendar.vue') },
  { path: '/campaigns/new', component: () => import('./pages/campaigns/editor.vue') },
  { path: '/campaigns/:campaignId', component: () => import('./pages/campaigns/editor.vue'), props: true },
  { path: '/coupons', component: () => import('./pages/coupons/index.vue') },
  { path: '/groupbuy', component: () => import('./pages/groupbuy/index.vue') },
  { path: '/referral', component: () => import('./pages/referral/index.vue') },
  { path: '/tiers', component: () => import('./pages/tiers/index.vue') },
  { path: '/stores', component: () => import('./pages/stores/index.vue') },
  { path: '/flags', component: () => import('./pages/flags/index.vue') },
  { path: '/audit', component: () => import('./pages/audit/index.vue') },
  { path: '/:rest(.*)*', redirect: '/dashboard' },
];

export const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

router.beforeEach((to) => {
  if (!to.meta.public && !session.user) return { path: '/sign-in', query: { next: to.fullPath } };
  return true;
});
