// A list page's table: searched, sorted and paged, with the search text and the sort in the address
// so the back button and shared links keep them. `DataTable` asks the server (`?q=&sort=&limit=&cursor=`);
// `LocalTable` does the same in the browser for the short reference lists the API sends whole
// (legal entities, offices).
import { Box, Button, Group, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Page } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { Loading, QueryError } from './states.tsx';

export type Column<T> = {
  key: string;
  header: string;
  /** The API's sort field, when the column can be sorted. */
  sort?: string;
  render: (row: T) => ReactNode;
  /** Hidden on small screens. */
  wide?: boolean;
  /** What `LocalTable` sorts this column by (with `sort` naming it in the address). */
  sortValue?: (row: T) => string | number;
  align?: 'left' | 'right';
};

type Props<T> = ListProps<T> & {
  queryKey: readonly unknown[];
  path: string;
  /** Extra query parameters (the page's filters). */
  filters?: Record<string, string | boolean | undefined>;
};

type ListProps<T> = {
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Accessible name of the table. */
  label: string;
  searchLabel?: string;
  searchPlaceholder?: string;
  /** Filters shown next to the search field. */
  toolbar?: ReactNode;
  empty: ReactNode;
  pageSize?: number;
  defaultSort?: string;
};

export function useListParam(name: string): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? '';
  const set = (next: string | null) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next) copy.set(name, next);
        else copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  return [value, set];
}

type SortState = 'ascending' | 'descending' | undefined;

/** The search text (typed, then debounced into the address) and the sort of a list. */
function useListControls(defaultSort?: string) {
  const [q, setQ] = useListParam('q');
  const [sortParam, setSort] = useListParam('sort');
  const sort = sortParam || defaultSort || '';
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 300);

  // Only the typed text drives the address (not the address changing under it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on typing only
  useEffect(() => {
    if (debounced.trim() !== q) setQ(debounced.trim() || null);
  }, [debounced]);

  const sortState = (field?: string): SortState => {
    if (!field) return undefined;
    if (sort === field) return 'ascending';
    if (sort === `-${field}`) return 'descending';
    return undefined;
  };
  const toggleSort = (field: string) => setSort(sortState(field) === 'ascending' ? `-${field}` : field);
  return { q, text, setText, sort, sortState, toggleSort };
}

type Controls = ReturnType<typeof useListControls>;

function Toolbar<T>({ props, controls }: { props: ListProps<T>; controls: Controls }) {
  const searchId = useId();
  if (!props.searchLabel && !props.toolbar) return null;
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
      {props.searchLabel && (
        <TextInput
          id={searchId}
          type="search"
          label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          value={controls.text}
          onChange={(e) => controls.setText(e.currentTarget.value)}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
          autoComplete="off"
        />
      )}
      {props.toolbar}
    </Group>
  );
}

function NoRows({ q, empty }: { q: string; empty: ReactNode }) {
  const { t } = useT();
  return (
    <Box
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      {q ? (
        <Text c="dimmed" ta="center" py="lg" px="md">
          {t('common.noResultsFor', { q })}
        </Text>
      ) : (
        empty
      )}
    </Box>
  );
}

function TableView<T>({
  props,
  rows,
  controls,
  busy,
  dim,
}: {
  props: ListProps<T>;
  rows: T[];
  controls: Controls;
  busy?: boolean;
  dim?: boolean;
}) {
  const { t } = useT();
  const head = props.columns.map((c) => {
    const state = controls.sortState(c.sort);
    return (
      <Table.Th
        key={c.key}
        aria-sort={c.sort ? (state ?? 'none') : undefined}
        visibleFrom={c.wide ? 'md' : undefined}
        ta={c.align}
        style={{ whiteSpace: 'nowrap' }}
      >
        {c.sort ? (
          <UnstyledButton
            onClick={() => controls.toggleSort(c.sort as string)}
            fw={600}
            fz="sm"
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            {c.header}
            <span aria-hidden="true" style={{ opacity: state ? 1 : 0.35, fontSize: 10 }}>
              {state === 'descending' ? '▼' : '▲'}
            </span>
            {state && (
              <VisuallyHidden>
                {state === 'ascending' ? t('common.sortAscending') : t('common.sortDescending')}
              </VisuallyHidden>
            )}
          </UnstyledButton>
        ) : (
          c.header
        )}
      </Table.Th>
    );
  });
  // Below the `md` breakpoint the wide columns are hidden: what is left fits a phone, wrapping.
  return (
    <Table.ScrollContainer minWidth={320} type="native">
      <Table
        aria-label={props.label}
        aria-busy={busy}
        striped
        highlightOnHover
        verticalSpacing="sm"
        withTableBorder
        style={{ opacity: dim ? 0.6 : 1, transition: 'opacity 120ms' }}
      >
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <Table.Td key={c.key} visibleFrom={c.wide ? 'md' : undefined} ta={c.align}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Pager(p: {
  from: number;
  to: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useT();
  return (
    <Group justify="space-between" mt="sm" component="nav" aria-label={t('common.pagination')}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.pageInfo', { from: p.from, to: p.to, total: p.total })}
      </Text>
      {(p.hasPrevious || p.hasNext) && (
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={!p.hasPrevious} onClick={p.onPrevious}>
            {t('common.previous')}
          </Button>
          <Button variant="default" size="xs" disabled={!p.hasNext} onClick={p.onNext}>
            {t('common.next')}
          </Button>
        </Group>
      )}
    </Group>
  );
}

/** A list the server searches, sorts and pages. */
export function DataTable<T>(props: Props<T>) {
  const pageSize = props.pageSize ?? 25;
  const controls = useListControls(props.defaultSort);
  const { q, sort } = controls;

  const filtersKey = JSON.stringify(props.filters ?? {});
  // The cursors of the pages seen so far: back and forth without decoding the opaque cursor.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on the first page
  useEffect(() => setCursors([undefined]), [q, sort, filtersKey]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex];

  const query = useQuery({
    queryKey: [...props.queryKey, { q, sort, cursor, filters: props.filters ?? {}, limit: pageSize }],
    queryFn: ({ signal }) =>
      api.get<Page<T>>(props.path, { ...(props.filters ?? {}), q, sort, cursor, limit: pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  return (
    <Box>
      <Toolbar props={props} controls={controls} />
      {query.isPending ? (
        <Loading />
      ) : query.isError && !data ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : data && data.items.length === 0 ? (
        <NoRows q={q} empty={props.empty} />
      ) : data ? (
        <>
          <TableView
            props={props}
            rows={data.items}
            controls={controls}
            busy={query.isFetching}
            dim={query.isPlaceholderData}
          />
          <Pager
            from={pageIndex * pageSize + 1}
            to={pageIndex * pageSize + data.items.length}
            total={data.total}
            hasPrevious={pageIndex > 0}
            hasNext={Boolean(data.nextCursor) && !query.isPlaceholderData}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor ?? undefined])}
          />
        </>
      ) : null}
    </Box>
  );
}

/** Lower case without accents, so "bethune" finds "Béthune". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** A list held whole in the browser (a few dozen rows at most), searched, sorted and paged here. */
export function LocalTable<T>(
  props: ListProps<T> & {
    rows: T[];
    /** The text a search looks into, for each row. */
    searchText: (row: T) => string;
  },
) {
  const { lang } = useT();
  const pageSize = props.pageSize ?? 25;
  const controls = useListControls(props.defaultSort);
  const { q, sort } = controls;
  const [pageIndex, setPageIndex] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on the first page
  useEffect(() => setPageIndex(0), [q, sort]);

  const words = fold(q).split(/\s+/).filter(Boolean);
  const found = props.rows.filter((row) => {
    const text = fold(props.searchText(row));
    return words.every((w) => text.includes(w));
  });
  const descending = sort.startsWith('-');
  const column = props.columns.find((c) => c.sort && c.sort === sort.replace(/^-/, ''));
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  if (column?.sortValue) {
    const value = column.sortValue;
    found.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return descending ? -order : order;
    });
  }
  const pageRows = found.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);

  return (
    <Box>
      <Toolbar props={props} controls={controls} />
      {found.length === 0 ? (
        <NoRows q={q} empty={props.empty} />
      ) : (
        <>
          <TableView props={props} rows={pageRows} controls={controls} />
          <Pager
            from={pageIndex * pageSize + 1}
            to={pageIndex * pageSize + pageRows.length}
            total={found.length}
            hasPrevious={pageIndex > 0}
            hasNext={(pageIndex + 1) * pageSize < found.length}
            onPrevious={() => setPageIndex((i) => i - 1)}
            onNext={() => setPageIndex((i) => i + 1)}
          />
        </>
      )}
    </Box>
  );
}
