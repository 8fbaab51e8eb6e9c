/** A visitor tapped something only members can do: offer to join now and come back here after. */
export function askToJoin(what: string): void {
  wx.showModal({
    title: '加入会员',
    content: `${what}需要先成为会员，现在加入？`,
    confirmText: '立即加入',
    success: (res) => {
      if (res.confirm) wx.navigateTo({ url: '/pages/join/index' });
    },
  });
}
