// Typed errors carrying an HTTP status and a machine-readable code; mapped to responses once.
// Codes come from the registry in lib/catalogue/error-codes.ts, each with the one status it is answered with.
import type { errorCodes, ErrorCode, ErrorCodeWithStatus } from '../../lib/catalogue/error-codes';

export type { ErrorCode } from '../../lib/catalogue/error-codes';

export class HttpError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly status: (typeof errorCodes)[C],
    readonly code: C,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends HttpError<ErrorCodeWithStatus<400>> {
  constructor(code: ErrorCodeWithStatus<400>, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class Unauthorized extends HttpError<'unauthorized'> {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends HttpError<'forbidden'> {
  constructor(message: string, details?: unknown) {
    super(403, 'forbidden', message, details);
  }
}

export class NotFound extends HttpError<ErrorCodeWithStatus<404>> {
  constructor(code: ErrorCodeWithStatus<404>, message: string, details?: unknown) {
    super(404, code, message, details);
  }
}

export class Conflict extends HttpError<ErrorCodeWithStatus<409>> {
  constructor(code: ErrorCodeWithStatus<409>, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class PayloadTooLarge extends HttpError<'payload_too_large'> {
  constructor(limit: number) {
    super(413, 'payload_too_large', `The request body exceeds ${limit} bytes`, { limitBytes: limit });
  }
}

/** Too many attempts: the client is told when it may try again (Retry-After). */
export class TooManyRequests extends HttpError<ErrorCodeWithStatus<429>> {
  constructor(
    code: ErrorCodeWithStatus<429>,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message, { retryAfterSeconds });
  }
}

/**
 * Busy or a service behind it unreachable, nothing written: a retryable 503 that says when to come back (Retry-After,
 * and the Arabic message's seconds), never a 500.
 */
export class ServiceUnavailable extends HttpError<'service_unavailable'> {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'service_unavailable', message, { retryAfterSeconds });
  }
}

/** A storage port's answer to a write whose expected version is no longer current (not an HTTP error: the domain decides). */
export class VersionConflict extends Error {}
