import type { ReactElement, ReactNode } from 'react';
import { Datagrid, List, type RowClickFunction } from 'react-admin';

/**
 * The list every screen starts from: 25 rows a page (the API's cursors), its filters, no CSV
 * export of the browser's page (exports come from the API), and rows opening `rowClick`.
 */
export function PlainList(props: {
  filters?: ReactElement[];
  children: ReactNode;
  rowClick?: string | false | RowClickFunction;
  bulkActions?: ReactElement | false;
  actions?: ReactElement | false;
  filterDefaultValues?: Record<string, unknown>;
  /** What an empty list says (what to do next), instead of react-admin's own. */
  empty?: ReactElement | false;
}) {
  return (
    <List
      filters={props.filters}
      perPage={25}
      exporter={false}
      actions={props.actions}
      filterDefaultValues={props.filterDefaultValues}
      empty={props.empty}
    >
      <Datagrid rowClick={props.rowClick ?? 'show'} bulkActionButtons={props.bulkActions ?? false}>
        {props.children}
      </Datagrid>
    </List>
  );
}
