import type { ProfileView } from '../../typings/domain';
import type { ProfilePatch } from '../stores/member-store';

export interface ProfileForm {
  nickname: string;
  birthday: string;
}

/** Only the fields that changed. The phone is not typed: it comes from WeChat's phone sheet (bindPhone). */
export function profilePatch(form: ProfileForm, current: ProfileView): { patch: ProfilePatch } | { error: string } {
  const patch: ProfilePatch = {};
  const nickname = form.nickname.trim();
  if (nickname === '') return { error: '昵称不能为空' };
  if (nickname.length > 32) return { error: '昵称最多 32 个字' };
  if (nickname !== current.nickname) patch.nickname = nickname;
  if (form.birthday && form.birthday !== current.birthday) patch.birthday = form.birthday;
  if (Object.keys(patch).length === 0) return { error: '没有需要保存的修改' };
  return { patch };
}
