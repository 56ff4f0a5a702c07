// Every error code has a message in Arabic and English; the pipeline answers in the reader's language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { errorCodes, type ErrorCode } from '../../lib/catalogue/error-codes';
import { errorMessages, forbiddenReasons, validationMessages } from '../../lib/catalogue/error-messages';
import type { RouteContract } from '../../lib/catalogue/types';
import { Conflict, Forbidden } from '../../functions/shared/errors';
import { httpHandler } from '../../functions/shared/http';
import { errorMessage, fillTemplate, negotiateLanguage } from '../../functions/shared/language';

const ARABIC = /[\u0600-\u06FF]/;
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\??/g)].map((match) => match[1]);

describe('the error message catalogue', () => {
  const codes = Object.keys(errorCodes) as ErrorCode[];

  it.each(codes)('%s has an Arabic and an English message', (code) => {
    const { ar, en } = errorMessages[code];
    expect(ar).toMatch(ARABIC);
    expect(en.trim().length).toBeGreaterThan(5);
    expect(en).not.toMatch(ARABIC);
  });

  it('has no message for a code the registry does not know', () => {
    expect(Object.keys(errorMessages).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s renders in Arabic with and without its details, leaving no placeholder behind', (code) => {
    const template = errorMessages[code].ar;
    const details = Object.fromEntries(placeholders(template).map((name) => [name, `V-${name}`]));
    const filled = errorMessage(code, 'English', details, 'ar');
    for (const name of placeholders(template)) {
      expect(filled).toContain(`V-${name}`);
    }
    expect(filled).not.toMatch(/[{}|]/);
    expect(errorMessage(code, 'English', {}, 'ar')).not.toMatch(/[{}|]/);
  });

  it.each(Object.entries(forbiddenReasons))('the refusal reason %s reads in both languages', (reason, { ar, en }) => {
    expect(ar).toMatch(ARABIC);
    expect(en).not.toMatch(ARABIC);
    expect(errorMessage('forbidden', 'English', { reason }, 'ar')).toBe(fillTemplate(ar, { reason }, 'ar'));
  });

  it('fills conditional parts, joins lists the Arabic way and isolates Latin values', () => {
    expect(errorMessage('phase_not_open', 'x', { rolloutPhase: 3, opensOn: '2027-03-01' }, 'ar')).toBe(
      'تُتاح الخدمة مع مرحلة الإطلاق \u20683\u2069 بتاريخ \u20682027-03-01\u2069',
    );
    expect(errorMessage('phase_not_open', 'x', { rolloutPhase: 3 }, 'ar')).toBe('تُتاح الخدمة مع مرحلة الإطلاق \u20683\u2069، ولم يُحدد موعدها بعد');
    expect(errorMessage('unknown_fields', 'x', { unknownFields: ['a', 'b'] }, 'ar')).toBe('حقول غير موجودة في السجل: \u2068a\u2069، \u2068b\u2069');
    expect(errorMessage('unknown_fields', 'The record has no field a, b', { unknownFields: ['a', 'b'] }, 'en')).toBe('The record has no field a, b');
  });
});

describe('custom validation sentences', () => {
  const root = path.join(__dirname, '..', '..');
  const sources = ['schemas', 'lib', 'functions'].flatMap((dir) =>
    (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => path.join(root, dir, file)),
  );
  // The message argument of z.regex / z.refine, however the call is wrapped.
  const custom = [
    ...new Set(sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/z\.(?:regex|refine)\((?:[^;]*?),\s*'([^']+)'\)/g)].map((match) => match[1]!))),
  ];

  it('finds the schemas sentences', () => {
    expect(custom).toEqual(expect.arrayContaining(['must be a 10-digit Jordanian national number starting with 9 or 2', 'must be a consent id']));
    expect(custom.length).toBeGreaterThan(20);
  });

  it.each(custom)('%s has its Arabic', (sentence) => {
    expect(validationMessages[sentence]).toMatch(ARABIC);
  });
});

describe('negotiating the language', () => {
  it.each([
    [undefined, 'ar'],
    ['', 'ar'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['ar-JO,ar;q=0.9,en;q=0.8', 'ar'],
    ['fr-FR, en;q=0.5, ar;q=0.7', 'ar'],
    ['fr, de', 'ar'],
    ['en;q=0, ar;q=0.1', 'ar'],
    ['*;q=0.5, EN-us;q=0.6', 'en'],
    ['en;q=bogus', 'ar'],
  ])('%p → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('the HTTP pipeline answers errors in the reader language', () => {
  const route = {
    method: 'POST',
    path: '/v1/things',
    operationId: 'makeThing',
    summary: 'test route',
    tag: 'test',
    access: ['operator'],
    body: z.strictObject({ size: z.int().check(z.minimum(1)) }),
    response: z.strictObject({ size: z.int() }),
    successStatus: 201,
  } as const satisfies RouteContract;
  const handler = httpHandler(route, async ({ body }) => {
    if (body.size === 13) {
      throw new Conflict('stale_version', 'The thing is at version 4, not 3: reload it', { expectedVersion: 3, currentVersion: 4 });
    }
    if (body.size === 7) {
      throw new Forbidden('Only the applicant may', { reason: 'not_applicant' });
    }
    return { body };
  });
  const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
  async function call(body: string, acceptLanguage?: string) {
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/things',
      rawPath: '/v1/things',
      headers: { 'content-type': 'application/json', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      body,
      isBase64Encoded: false,
      requestContext: { requestId: 'r', authorizer: { jwt: { claims: { sub: 'u', username: 'op', 'cognito:groups': '[operator]', token_use: 'access' }, scopes: [] } } },
    } as unknown as APIGatewayProxyEventV2;
    const response = await handler(event, context);
    return { status: response.statusCode, headers: response.headers ?? {}, error: JSON.parse(response.body ?? '{}').error };
  }

  it('keeps the English sentence of the handler for English readers', async () => {
    const response = await call('{"size":13}', 'en-US,en;q=0.9');
    expect(response).toMatchObject({ status: 409, headers: { 'content-language': 'en' } });
    expect(response.error).toEqual({ code: 'stale_version', message: 'The thing is at version 4, not 3: reload it', details: { expectedVersion: 3, currentVersion: 4 } });
  });

  it('answers in Arabic by default and when asked, with the same code and details', async () => {
    for (const header of [undefined, 'ar-JO']) {
      const response = await call('{"size":13}', header);
      expect(response).toMatchObject({ status: 409, headers: { 'content-language': 'ar' } });
      expect(response.error.code).toBe('stale_version');
      expect(response.error.details).toEqual({ expectedVersion: 3, currentVersion: 4 });
      expect(response.error.message).toMatch(ARABIC);
      expect(response.error.message).toContain('4');
    }
  });

  it('names the reason of a refusal in Arabic', async () => {
    const response = await call('{"size":7}', 'ar');
    expect(response.error).toMatchObject({ code: 'forbidden', message: forbiddenReasons.not_applicant!.ar });
  });

  it('gives validation problems in Arabic, codes and paths unchanged', async () => {
    const arabic = await call('{"size":0}', 'ar');
    const english = await call('{"size":0}', 'en');
    expect(arabic.error.code).toBe('validation_failed');
    expect(arabic.error.details).toEqual([{ in: 'body', path: 'size', code: 'too_small', message: expect.stringMatching(ARABIC) }]);
    expect(english.error.details).toEqual([{ in: 'body', path: 'size', code: 'too_small', message: expect.not.stringMatching(ARABIC) }]);
    expect((await call('{"size":', 'ar')).error).toMatchObject({ code: 'invalid_json', message: errorMessages.invalid_json.ar });
  });

  it('names the wrong type without repeating what was sent', async () => {
    const response = await call('{"size":"9861012345"}', 'ar');
    expect(response.error.details).toEqual([{ in: 'body', path: 'size', code: 'invalid_type', message: expect.stringContaining('string') }]);
    expect(JSON.stringify(response.error)).not.toContain('9861012345');
  });
});
