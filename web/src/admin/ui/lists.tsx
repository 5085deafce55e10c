import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Datagrid, List, type RowClickFunction } from 'react-admin';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

/**
 * react-admin names a row's tick box on the box's wrapper, where assistive technology does not
 * look (and may not): the name is moved onto the input itself, also for rows drawn later.
 */
function useNamedRowCheckboxes() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const fix = () =>
      root.querySelectorAll<HTMLElement>('.select-item[aria-label]').forEach((box) => {
        box.querySelector('input')?.setAttribute('aria-label', box.getAttribute('aria-label')!);
        box.removeAttribute('aria-label');
      });
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, []);
  return ref;
}

function NamedRowCheckboxes({ children }: { children: ReactNode }) {
  return <div ref={useNamedRowCheckboxes()}>{children}</div>;
}

/**
 * The list every screen starts from: 25 rows a page (the API's cursors), its filters, no CSV
 * export of the browser's page (exports come from the API), and rows opening `rowClick`. Its footer
 * says the page and whether more follow: the API's cursors give no total.
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
  /** What the list says when its filters match nothing (react-admin's "No results" otherwise). */
  noResults?: ReactElement;
}) {
  return (
    <List
      filters={props.filters}
      perPage={25}
      pagination={<CursorPagination />}
      exporter={false}
      actions={props.actions}
      filterDefaultValues={props.filterDefaultValues}
      empty={props.empty}
    >
      <NamedRowCheckboxes>
        <Datagrid
          rowClick={props.rowClick ?? 'show'}
          bulkActionButtons={props.bulkActions ?? false}
          {...(props.noResults ? { empty: props.noResults } : {})}
        >
          {props.children}
        </Datagrid>
      </NamedRowCheckboxes>
    </List>
  );
}
