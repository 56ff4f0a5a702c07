// Cognito's lockout after failed sign-ins, which cognito-local lacks, wrapped around the emulator's router.
// The emulator's own Context type.
type EmulatorRoute = (ctx: any, req: any) => Promise<any>;

/** Consecutive failed sign-ins (wrong password or wrong MFA code) after which a username is locked out. */
export const signInLockout = { failures: 5, lockSeconds: 900 } as const;

export async function loadNotAuthorized(): Promise<() => Error> {
  const { NotAuthorizedError } = await import('cognito-local/lib/errors');
  return () => new NotAuthorizedError('Password attempts exceeded');
}

/**
 * Cognito locks a username out after five failed sign-ins in a row (AWS: a lockout that starts at one second and
 * doubles, up to about fifteen minutes); cognito-local does not, so this wraps its InitiateAuth and
 * RespondToAuthChallenge: after five failures, a username is refused, with Cognito's own answer, for fifteen minutes.
 */
export function withSignInLockout(router: (target: string) => EmulatorRoute, lockedOut: () => Error, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return (target: string): EmulatorRoute => {
    const route = router(target);
    if (target !== 'InitiateAuth' && target !== 'RespondToAuthChallenge') {
      return route;
    }
    return async (ctx, req) => {
      const username = String(req.AuthParameters?.USERNAME ?? req.ChallengeResponses?.USERNAME ?? '').toLowerCase();
      const state = failures.get(username);
      if (username && state && state.lockedUntil > now()) {
        throw lockedOut();
      }
      try {
        const result = await route(ctx, req);
        if (username && (result as { AuthenticationResult?: unknown }).AuthenticationResult) {
          failures.delete(username);
        }
        return result;
      } catch (error) {
        const name = (error as { code?: string; name?: string }).code ?? (error as Error).name;
        if (username && /NotAuthorized|InvalidPassword|CodeMismatch/.test(String(name))) {
          const count = (state && state.lockedUntil <= now() && state.lockedUntil > 0 ? 0 : (state?.count ?? 0)) + 1;
          failures.set(username, { count, lockedUntil: count >= signInLockout.failures ? now() + signInLockout.lockSeconds * 1000 : 0 });
        }
        throw error;
      }
    };
  };
}
