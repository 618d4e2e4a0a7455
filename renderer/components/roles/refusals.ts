/** The core refused the PIN itself (wrong, or during a lock-out): the roles status says how many tries are left, or until when. */
export function isPinRefusal(code: string): boolean {
  return code === 'role.pin_wrong' || code === 'role.locked_out';
}

/** The core refused an action because the kiosk is in staff mode: the PIN dialog can fix it. */
export function needsOrganiser(code: string): boolean {
  return code === 'role.organiser_required';
}
