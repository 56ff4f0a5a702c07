// The error codes each route declares in the catalogue (and OpenAPI lists) are the ones its handler's code
// can throw: derived from the source, so a new `throw new Conflict('x', ...)` or a removed one fails here.
import path from 'node:path';
import { capabilities } from '../../lib/capabilities';
import { errorCodes, pipelineErrorCodes, routeErrorCodes, type ErrorCode } from '../../lib/catalogue/error-codes';
import { decideTaskRoute, submitApplicationRoute } from '../../lib/catalogue/applications';
import { ErrorCodeScanner } from '../support/error-code-scan';

const root = path.resolve(__dirname, '../..');
// The HTTP pipeline's codes depend on the route's shape (pipelineErrorCodes), not on its handler.
const scanner = new ErrorCodeScanner(new Set(['functions/shared/http.ts', 'functions/shared/auth.ts'].map((file) => path.join(root, file))));

describe('error codes', () => {
  it.each(capabilities.map((capability) => [capability.route.operationId, capability] as const))(
    '%s declares exactly the codes its handler can answer with',
    (operationId, { entry, route }) => {
      const pipeline = new Set<string>(pipelineErrorCodes(route));
      const derived = [...scanner.codesOf(path.join(root, entry))].filter((code) => !pipeline.has(code)).sort();
      const declared = [...(route.errorCodes ?? [])].sort();
      if (JSON.stringify(derived) !== JSON.stringify(declared)) {
        const missing = derived.filter((code) => !declared.includes(code as ErrorCode));
        const stale = declared.filter((code) => !derived.includes(code));
        throw new Error(
          `${operationId} (${entry}): its route's errorCodes drifted from its code.` +
            (missing.length ? `\n  thrown but not declared: ${missing.join(', ')}` : '') +
            (stale.length ? `\n  declared but never thrown: ${stale.join(', ')}` : '') +
            `\n  declare: errorCodes: [${derived.map((code) => `'${code}'`).join(', ')}],`,
        );
      }
      for (const code of derived) {
        expect(Object.keys(errorCodes)).toContain(code);
      }
    },
  );

  it('resolves the principal in the pipeline for every route that needs a token', () => {
    expect(capabilities.filter(({ route }) => route.access !== 'public' && !route.principal).map(({ id }) => id)).toEqual([]);
  });

  it('has no code in the registry that no route answers with', () => {
    const used = new Set<string>(['route_not_found', 'method_not_allowed']); // the local gateway's
    for (const { route } of capabilities) {
      routeErrorCodes(route).forEach((code) => used.add(code));
    }
    expect(Object.keys(errorCodes).filter((code) => !used.has(code))).toEqual([]);
  });

  it('finds codes behind helpers, imported modules and conditional codes', () => {
    // What a handler answers: the codes its code throws plus the pipeline's for its route (principal resolution).
    const answers = (entry: string, route: (typeof capabilities)[number]['route']) =>
      new Set([...scanner.codesOf(path.join(root, entry)), ...pipelineErrorCodes(route)]);
    const submit = answers('functions/applications/submit-application.ts', submitApplicationRoute);
    expect(submit).toEqual(expect.any(Set));
    // idempotency.ts (a helper), domain/applications.ts (a domain module), the pipeline (principal resolution)
    for (const code of ['idempotency_key_required', 'phase_not_open', 'account_not_linked']) {
      expect(submit.has(code)).toBe(true);
    }
    const decide = answers('functions/applications/decide-task.ts', decideTaskRoute);
    expect([...decide].filter((code) => code.endsWith('_required')).sort()).toEqual(['mfa_enrolment_required', 'question_required', 'reason_required']);
  });
});
