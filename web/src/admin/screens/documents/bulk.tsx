import { useState } from 'react';
import { Button, Confirm, useListContext, useNotify, useTranslate } from 'react-admin';
import { sendDocuments } from '../../calls/documents.ts';
import { startBulkAction } from '../../calls/sessions.ts';
import { BulkButtons } from '../../ui/bulk.tsx';

/** Emails the ticked documents (issued or cancelled ones): the API queues all of them or none. */
function SendSelected() {
  const { selectedIds, onUnselectItems } = useListContext();
  const notify = useNotify();
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const send = async () => {
    setAsking(false);
    try {
      const queued = await sendDocuments(selectedIds.map(String));
      notify('tollbook.bulk.sent', { type: 'info', messageArgs: { count: queued.data.length } });
      onUnselectItems();
    } catch (error) {
      notify((error as Error).message, { type: 'error', autoHideDuration: null });
    }
  };
  return (
    <>
      <Button label="tollbook.bulk.send" onClick={() => setAsking(true)} />
      <Confirm
        isOpen={asking}
        title="tollbook.bulk.send"
        content={translate('tollbook.bulk.confirm_send', { count: selectedIds.length })}
        onConfirm={send}
        onClose={() => setAsking(false)}
      />
    </>
  );
}

/**
 * Issue, cancel, delete (drafts) or recalculate (drafts) the ticked documents as one bulk action of
 * the API: each document succeeds or is refused on its own, and the dialog follows the counts and
 * lists the refusals with their reasons. Send queues their emails.
 */
export function BulkDocumentActions() {
  const { selectedIds, onUnselectItems } = useListContext();
  return (
    <>
      <BulkButtons
        actions={['issue', 'cancel', 'delete', 'recalculate']}
        count={selectedIds.length}
        start={(action) => startBulkAction(action, selectedIds.map(String))}
        onClose={onUnselectItems}
      />
      <SendSelected />
    </>
  );
}
