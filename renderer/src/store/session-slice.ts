import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/contract';
import { orderFinished } from './order-finished';
import type { AppState, SessionSlice, StoreDeps } from './types';

// Who is at the bench. The station decides (it checks badges and PINs and records every pack
// event under the signed-in operator); the screen keeps a copy to choose between the sign-in
// screen and the bench, and drops it the moment the station says nobody is signed in.

/** The reason shown on the sign-in screen after the bench signed the operator out itself. */
export const IDLE_SIGN_OUT: AppErrorShape = {
  code: 'SIGNED_OUT_IDLE',
  message: 'You were signed out after a period without activity. Scan your badge to continue.',
};


export function createSessionSlice({ api }: StoreDeps): StateCreator<AppState, [], [], SessionSlice> {
  // The order that was open when the operator was signed out: the same operator signing in
  // again comes back to it. Another operator starts at the queue (the station would refuse a
  // session held by someone else until it is taken over, which is the pack screen's call).
  let resume: { orderId: string; operator: string } | null = null;

  return (set, get) => {
    /** Leaves the bench for the sign-in screen, remembering an order in progress. */
    function dropOperator(because: AppErrorShape | null): void {
      const { operator, view } = get();
      if (operator !== null && view !== null && !orderFinished(view)) resume = { orderId: view.order.orderId, operator: operator.name };
      set((state) => ({
        operator: null,
        sessionChecked: true,
        signedOutBecause: because,
        signInError: null,
        view: null,
        packAlert: null,
        lastAccepted: null,
        screen: 'queue',
        focusTick: state.focusTick + 1,
      }));
      void get().loadOperators();
    }

    return {
      operator: null,
      sessionChecked: false,
      signingIn: false,
      signInError: null,
      signedOutBecause: null,
      operators: [],

      loadSession: async () => {
        const result = await api['operators:current']({});
        if (!result.ok) {
          // Signed-out codes already went through sessionLost; anything else is the station's.
          if (result.error.code !== 'NOT_SIGNED_IN' && result.error.code !== 'SIGNED_OUT_IDLE') set({ stationError: result.error });
          set({ sessionChecked: true });
          return;
        }
        set({ operator: result.value, sessionChecked: true });
        if (result.value === null) void get().loadOperators();
      },

      loadOperators: async () => {
        const result = await api['operators:list']({});
        if (result.ok) set({ operators: result.value });
      },

      signIn: async (credentials) => {
        if (get().signingIn) return false;
        set({ signingIn: true, signInError: null });
        const result = await api['operators:signIn'](credentials);
        if (!result.ok) {
          set({ signingIn: false, signInError: result.error });
          return false;
        }
        const operator = result.value;
        set((state) => ({
          signingIn: false,
          operator,
          sessionChecked: true,
          signInError: null,
          signedOutBecause: null,
          // Refusals that only said "sign in first" are answered now.
          orderError: null,
          queueError: null,
          focusTick: state.focusTick + 1,
        }));
        get().pushToast('signIn.welcome', { name: operator.name });
        const back = resume;
        resume = null;
        if (back !== null && back.operator === operator.name) await get().openOrder(back.orderId);
        else void get().loadQueue();
        return true;
      },

      signOut: async (reason = 'manual') => {
        await api['operators:signOut']({});
        dropOperator(reason === 'idle' ? IDLE_SIGN_OUT : null);
      },

      sessionLost: (error) => {
        if (get().operator === null) {
          if (error.code === 'SIGNED_OUT_IDLE') set({ signedOutBecause: error });
          return;
        }
        dropOperator(error.code === 'SIGNED_OUT_IDLE' ? error : null);
      },

      saveOperator: async (input) => {
        const result = await api['operators:save'](input);
        if (!result.ok) return result.error;
        await get().loadOperators();
        return null;
      },

      dismissSignInError: () => set({ signInError: null }),
    };
  };
}
