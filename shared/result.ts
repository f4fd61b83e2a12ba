// Errors cross every boundary (IPC, HTTP, CLI) as data, never as thrown exceptions,
// so the renderer can translate them by code and the log keeps the detail.

export type ErrorData = Record<string, string | number | boolean | null>;

export type AppError = {
  code: string;
  /** English fallback text; the UI translates by `code` and fills in `data`. */
  message: string;
  data?: ErrorData;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, data?: ErrorData): Result<T> {
  return data === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, data } };
}

/**
 * A failure raised deep inside a service. The IPC helper turns it into `{ ok: false }`;
 * anything else that is thrown becomes INTERNAL and its stack stays in the log.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly data: ErrorData | undefined;

  constructor(code: string, message: string, data?: ErrorData) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.data = data;
  }

  toAppError(): AppError {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}
