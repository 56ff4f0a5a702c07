// Typed errors carrying an HTTP status and a machine-readable code; mapped to responses once.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class Unauthorized extends HttpError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends HttpError {
  constructor(message: string, details?: unknown) {
    super(403, 'forbidden', message, details);
  }
}

export class NotFound extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(404, code, message, details);
  }
}

export class Conflict extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class PayloadTooLarge extends HttpError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `The request body exceeds ${limit} bytes`, { limitBytes: limit });
  }
}

/** Too many attempts: the client is told when it may try again (Retry-After). */
export class TooManyRequests extends HttpError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message, { retryAfterSeconds });
  }
}
