import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

/** Confirmations only ("Settings saved"); refusals are banners and never fade. */
export function Toasts() {
  const { t } = useI18n();
  const toasts = useAppStore((state) => state.toasts);
  const dismiss = useAppStore((state) => state.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <button type="button" key={toast.id} className="toast" data-testid="toast" onClick={() => dismiss(toast.id)}>
          ✓ {t(toast.key, toast.params)}
        </button>
      ))}
    </div>
  );
}
