import { contract, isChannel } from '../../shared/contract';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { DomainError } from '../../shared/result';

export type Handlers = { [C in Channel]: (input: ChannelOutputInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>> };

/** What a handler receives: the input after zod parsing (defaults applied, strings trimmed). */
type ChannelOutputInput<C extends Channel> = ReturnType<Contract[C]['input']['parse']>;
type Contract = typeof contract;

export type Logger = { error: (message: string, detail?: unknown) => void };

/**
 * The single place where a request from either transport becomes a handler call: unknown
 * channels and malformed input are refused with a code, and nothing thrown inside a
 * handler crosses the boundary as an exception or a stack trace.
 */
export function createDispatcher(handlers: Handlers, logger: Logger = console) {
  return async function dispatch(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such operation: ${channel}`, data: { channel } } };
    }
    const spec = contract[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return {
        ok: false,
        error: {
          code: 'INPUT_INVALID',
          message: `Invalid input for ${channel}${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`,
          data: { channel, path },
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error(`handler ${channel} returned data outside the contract`, checked.error.issues);
        return { ok: false, error: { code: 'INTERNAL', message: 'The station answered with unexpected data; see the log.' } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.toAppError() };
      logger.error(`handler ${channel} failed`, error);
      const appError: AppError = { code: 'INTERNAL', message: 'Something went wrong in the station; see the log.' };
      return { ok: false, error: appError };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
export type { ChannelInput };
