import { useState } from 'react';
import { Button, Confirm, useListContext, useNotify, useStore, useTranslate } from 'react-admin';
import { sendDocuments } from '../../calls/documents.ts';
import { startBulkAction, type Bulk } from '../../calls/sessions.ts';
import { BulkButtons, BulkProgress } from '../../ui/bulk.tsx';

// The bulk action being followed. Kept in the app's store, not in the ticked rows' toolbar: that
// toolbar goes away when the rows it acted on leave the list (deleted drafts).
const followed = 'documents.bulk.followed';

/** The progress dialog of the bulk action started from the list, until it is closed. */
export function FollowedBulkAction() {
  const [bulk, setBulk] = useStore<Bulk | null>(followed, null);
  const { onUnselectItems } = useListContext();
  return (
    <BulkProgress
      started={bulk}
      onClose={() => {
        setBulk(null);
        onUnselectItems();
      }}
    />
  );
}

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
  const { selectedIds } = useListContext();
  const [, follow] = useStore<Bulk | null>(followed, null);
  return (
    <>
      <BulkButtons
        actions={['issue', 'cancel', 'delete', 'recalculate']}
        count={selectedIds.length}
        start={(action, options) => startBulkAction(action, selectedIds.map(String), options)}
        onStarted={follow}
      />
      <SendSelected />
    </>
  );
}
