/**
 * What the login page should say about how the user got there ("you are signed out
 * everywhere"). Kept in memory, not in the router's state: signing out re-renders the
 * signed-in shell, whose own redirect to the login page would replace that state; a reload
 * forgets it, as it should.
 */
export type LoginNotice = 'signedOutEverywhere';

let pending: LoginNotice | null = null;

export function setLoginNotice(notice: LoginNotice): void {
  pending = notice;
}

export function readLoginNotice(): LoginNotice | null {
  return pending;
}

export function clearLoginNotice(): void {
  pending = null;
}
