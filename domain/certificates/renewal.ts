// Pure time arithmetic for rotation, imported by the certificateRotation workflow, so it must
// stay free of imports and of the clock.

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RENEW_BEFORE_MS = 30 * DAY_MS;
export const DEFAULT_OVERLAP_MS = 7 * DAY_MS;

/** When to issue the successor: `renewBeforeMs` before the certificate expires. */
export const renewAt = (notAfter: Date, renewBeforeMs: number): Date => new Date(notAfter.getTime() - renewBeforeMs);

/** When the predecessor may be retired: peers had `overlapMs` to pick up the successor. */
export const overlapEndsAt = (activatedAt: Date, overlapMs: number): Date =>
  new Date(activatedAt.getTime() + overlapMs);

/** Milliseconds to wait from `now` until `at`; zero when it is already due. */
export const msUntil = (at: Date, now: Date): number => Math.max(0, at.getTime() - now.getTime());

/**
 * The old certificate must still be valid when it is retired, so the overlap has to end before
 * it expires: activation happens `renewBeforeMs` before expiry, retirement `overlapMs` later.
 */
export function checkRotationWindow(renewBeforeMs: number, overlapMs: number): string | null {
  if (!(renewBeforeMs > 0) || !(overlapMs >= 0)) return 'renewBeforeMs must be positive and overlapMs not negative';
  if (overlapMs >= renewBeforeMs)
    return `overlapMs (${overlapMs}) must be shorter than renewBeforeMs (${renewBeforeMs}), or the old certificate expires before it is retired`;
  return null;
}
