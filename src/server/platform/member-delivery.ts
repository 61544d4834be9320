/**
 * The portal's delivery policy to member systems (decisions 0017, 0018), shared by the
 * applications and the feedback it hands over: how long a deliverer holds what it is sending, how
 * long it waits after a failure, and which answers mean the member refuses the thing itself.
 */

/** How long one deliverer holds what it is sending before another may take it. */
export const DELIVERY_LEASE_SECONDS = 120;

/** The wait before the next attempt: 2, 4, 8 … seconds, at most five minutes. */
export function retryWaitSeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.min(attempts, 9));
}

/** Answers by which the member refuses what was sent (final); anything else is tried again. */
export const REFUSED_BY_MEMBER: ReadonlySet<number> = new Set([400, 404, 409, 413, 415, 422]);
