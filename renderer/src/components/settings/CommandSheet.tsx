import { useEffect } from 'react';
import { commandBarcodeText, DEFAULT_COMMAND_PREFIX } from '../../../../shared/scan/barcode';
import type { ScanCommand } from '../../../../shared/scan/barcode';
import { useI18n } from '../../i18n/use-i18n';
import { translate } from '../../i18n/translate';
import type { MessageKey, Params } from '../../i18n/translate';
import { useAppStore } from '../../store/store-context';
import { Code128Svg } from './Code128Svg';

type Entry = { id: string; command: ScanCommand; key: MessageKey; en: Params; zh: Params };

const COMMANDS: Entry[] = [
  { id: 'complete', command: { name: 'complete' }, key: 'commands.complete', en: {}, zh: {} },
  { id: 'next-package', command: { name: 'next-package' }, key: 'commands.next-package', en: {}, zh: {} },
  { id: 'acknowledge', command: { name: 'acknowledge' }, key: 'commands.acknowledge', en: {}, zh: {} },
  { id: 'cancel', command: { name: 'cancel' }, key: 'commands.cancel', en: {}, zh: {} },
  { id: 'reprint', command: { name: 'reprint' }, key: 'commands.reprint', en: {}, zh: {} },
];

/**
 * The printable sheet of command barcodes: the bench's buttons, for a packer whose hands are
 * full. Captions are in both languages whatever the screen's language, because the sheet is
 * pinned up for every shift. Printing hides the app around it (see @media print in styles.css).
 */
export function CommandSheet() {
  const { t } = useI18n();
  const settings = useAppStore((state) => state.settings);
  const boxes = useAppStore((state) => state.boxes);
  const loadBoxes = useAppStore((state) => state.loadBoxes);
  const prefix = settings?.scanner.commandPrefix ?? DEFAULT_COMMAND_PREFIX;

  useEffect(() => {
    void loadBoxes();
  }, [loadBoxes]);

  const boxEntries: Entry[] = boxes.map((box) => ({
    id: `box-${box.id}`,
    command: { name: 'box', boxId: box.id },
    key: 'commands.box',
    en: { name: box.nameEn },
    zh: { name: box.nameZh },
  }));

  return (
    <section className="command-sheet" aria-labelledby="command-sheet-title" data-testid="command-sheet">
      <div className="no-print">
        <p className="hint">{t('commands.hint')}</p>
        <button type="button" className="big-button primary" data-testid="command-sheet-print" onClick={() => window.print()}>
          {t('commands.print')}
        </button>
      </div>
      <h2 id="command-sheet-title" className="print-title">
        {translate('en', 'commands.title')} · {translate('zh-CN', 'commands.title')}
      </h2>
      <ul className="command-list">
        {COMMANDS.map((entry) => (
          <CommandCard key={entry.id} entry={entry} prefix={prefix} />
        ))}
      </ul>
      {boxEntries.length > 0 ? (
        <>
          <h3 className="command-group">{`${translate('en', 'commands.boxes')} · ${translate('zh-CN', 'commands.boxes')}`}</h3>
          <ul className="command-list">
            {boxEntries.map((entry) => (
              <CommandCard key={entry.id} entry={entry} prefix={prefix} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CommandCard({ entry, prefix }: { entry: Entry; prefix: string }) {
  const { t } = useI18n();
  const en = translate('en', entry.key, entry.en);
  const zh = translate('zh-CN', entry.key, entry.zh);
  let text: string | null;
  try {
    text = commandBarcodeText(entry.command, prefix);
  } catch {
    text = null; // a box id outside printable ASCII: say so rather than print a wrong code
  }
  return (
    <li className="command-card" data-testid="command-card" data-command={entry.id}>
      {text !== null ? (
        <Code128Svg text={text} label={`${en} · ${zh}`} testId={`command-barcode-${entry.id}`} />
      ) : (
        <p className="inline-error">{t('commands.notEncodable', { text: entry.id })}</p>
      )}
      <p className="command-caption">
        <span className="caption-zh" lang="zh-CN">
          {zh}
        </span>
        <span className="caption-en" lang="en">
          {en}
        </span>
      </p>
      {text !== null ? <p className="command-text">{text}</p> : null}
    </li>
  );
}
