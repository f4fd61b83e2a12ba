import { useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import type { MessageKey } from '../../i18n/translate';

/**
 * A file button with the station's own words (the browser's "Choose file" follows the browser's
 * language, not the bench's), the chosen file's name beside it, and nothing else.
 */
export function FileField({
  label,
  accept,
  testId,
  file,
  onFile,
}: {
  label: MessageKey;
  accept: string;
  testId: string;
  file: File | null;
  onFile: (file: File | null) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="carrier-file">
      <label className="settings-field file-field">
        <span className="file-button">{t(label)}</span>
        <input
          data-testid={testId}
          className="visually-hidden"
          type="file"
          accept={accept}
          onChange={(event) => {
            onFile(event.target.files?.[0] ?? null);
            // Cleared, so choosing the same file again after correcting it still reads it anew.
            event.target.value = '';
          }}
        />
      </label>
      <span className="hint" data-testid={`${testId}-name`}>
        {file ? t('settings.carriers.file.chosen', { file: file.name }) : t('settings.carriers.file.none')}
      </span>
    </div>
  );
}

/** A panel that takes files dropped on it, outlined while they are dragged over it. */
export function DropZone({ testId, onFiles, children }: { testId: string; onFiles: (files: File[]) => void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`carrier-drop${dragging ? ' dragging' : ''}`}
      data-testid={testId}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      {children}
    </div>
  );
}
