import { CreateButton, FilterButton, TopToolbar, useListContext } from 'react-admin';
import { Editable } from '../../ui/actions.tsx';
import { DownloadButton, queryString } from '../../ui/fields.tsx';
import { FollowedBulkAction } from './bulk.tsx';

/**
 * A new document by hand; the documents (or their lines) the list's filters select, as CSV or XLSX
 * from the API; and the progress of a bulk action started from the ticked rows, which stays when they go.
 */
export function ExportButtons() {
  const { filterValues } = useListContext();
  const link = (what: 'documents' | 'document-lines', format: 'csv' | 'xlsx') =>
    `/api/v1/exports/${what}${queryString({ ...filterValues, format })}`;
  return (
    <TopToolbar>
      <FilterButton />
      <Editable>
        <CreateButton />
      </Editable>
      <DownloadButton label="tollbook.exports.documents_csv" href={link('documents', 'csv')} />
      <DownloadButton label="tollbook.exports.documents_xlsx" href={link('documents', 'xlsx')} />
      <DownloadButton label="tollbook.exports.lines_xlsx" href={link('document-lines', 'xlsx')} />
      <FollowedBulkAction />
    </TopToolbar>
  );
}
