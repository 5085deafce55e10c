import { useState } from 'react';
import { Button, Confirm, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { documentActions } from '../../calls/documents.ts';

type Action = 'issue' | 'cancel' | 'remove';

/**
 * Issue, cancel or delete the ticked documents, one API call each, in order: the API decides per
 * document (a draft is issued, an issued one is refused…), and the notification counts both.
 */
export function BulkDocumentActions() {
  const { selectedIds, onUnselectItems } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);

  const runAll = async (action: Action) => {
    setAsking(null);
    setBusy(true);
    const refusals: string[] = [];
    for (const id of selectedIds) {
      try {
        await documentActions[action](String(id));
      } catch (error) {
        refusals.push((error as Error).message);
      }
    }
    setBusy(false);
    notify('tollbook.bulk.done', {
      type: refusals.length ? 'warning' : 'info',
      messageArgs: {
        done: selectedIds.length - refusals.length,
        refused: refusals.length,
        // The first few reasons; the others are alike more often than not.
        reasons: refusals.slice(0, 3).join('; ') + (refusals.length > 3 ? '…' : ''),
      },
      autoHideDuration: refusals.length ? null : undefined,
    });
    onUnselectItems();
    refresh();
  };

  return (
    <>
      <Button label="tollbook.bulk.issue" disabled={busy} onClick={() => setAsking('issue')} />
      <Button label="tollbook.bulk.cancel" disabled={busy} onClick={() => setAsking('cancel')} />
      <Button label="tollbook.bulk.remove" disabled={busy} color="error" onClick={() => setAsking('remove')} />
      <Confirm
        isOpen={asking !== null}
        title={`tollbook.bulk.${asking ?? 'issue'}`}
        content={translate(`tollbook.bulk.confirm_${asking ?? 'issue'}`, { count: selectedIds.length })}
        onConfirm={() => runAll(asking!)}
        onClose={() => setAsking(null)}
      />
    </>
  );
}
