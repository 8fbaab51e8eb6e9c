import { userMessageOf } from '../services/api-error';

export function toastError(error: unknown): void {
  wx.showToast({ title: userMessageOf(error), icon: 'none', duration: 2500 });
}

export function toastOk(title: string): void {
  wx.showToast({ title, icon: 'success' });
}
