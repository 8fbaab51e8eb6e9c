/** The demo brand: stores, staff and shoppers with stable openids the README and DevTools config name. */
export const DEMO_STORES = [
  { storeId: 'store_sh_nanjingxilu', name: '上海南京西路店' },
  { storeId: 'store_bj_sanlitun', name: '北京三里屯店' },
] as const;

export const DEMO_STAFF = [
  { openid: 'demo_staff_cashier', name: '李收银', storeId: 'store_sh_nanjingxilu', role: 'cashier' },
  { openid: 'demo_staff_cashier_2', name: '赵收银', storeId: 'store_sh_nanjingxilu', role: 'cashier' },
  { openid: 'demo_staff_cashier_3', name: '钱收银', storeId: 'store_bj_sanlitun', role: 'cashier' },
  { openid: 'demo_staff_manager', name: '王店长', storeId: 'store_bj_sanlitun', role: 'manager' },
] as const;

/** The shopper the mini-program's emulator transport signs in as by default. */
export const DEMO_SHOPPER_OPENID = 'demo_shopper';

export const DEMO_MEMBER_COUNT = 300;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '晨', '思琪'];

export function demoNickname(index: number): string {
  return SURNAMES[index % SURNAMES.length] + GIVEN[(index * 7) % GIVEN.length];
}
