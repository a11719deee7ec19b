// A list page's table: the server searches, sorts and pages (`?q=&sort=&limit=&cursor=`); the search
// text and the sort live in the address so the back button and shared links keep them.
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
  align?: 'left' | 'right';
};

type Props<T> = {
  queryKey: readonly unknown[];
  path: string;
  /** Extra query parameters (the page's filters). */
  filters?: Record<string, string | boolean | undefined>;
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

export function DataTable<T>(props: Props<T>) {
  const { t } = useT();
  const pageSize = props.pageSize ?? 25;
  const [q, setQ] = useListParam('q');
  const [sortParam, setSort] = useListParam('sort');
  const sort = sortParam || props.defaultSort || '';
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 300);
  const searchId = useId();

  // Only the typed text drives the address (not the address changing under it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on typing only
  useEffect(() => {
    if (debounced.trim() !== q) setQ(debounced.trim() || null);
  }, [debounced]);

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

  const sortState = (field?: string): 'ascending' | 'descending' | undefined => {
    if (!field) return undefined;
    if (sort === field) return 'ascending';
    if (sort === `-${field}`) return 'descending';
    return undefined;
  };
  const toggleSort = (field: string) => {
    const current = sortState(field);
    setSort(current === 'ascending' ? `-${field}` : field);
  };

  const data = query.data;
  const from = data?.items.length ? pageIndex * pageSize + 1 : 0;
  const to = data ? pageIndex * pageSize + data.items.length : 0;

  const head = props.columns.map((c) => {
    const state = sortState(c.sort);
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
            onClick={() => toggleSort(c.sort as string)}
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

  return (
    <Box>
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        {props.searchLabel && (
          <TextInput
            id={searchId}
            type="search"
            label={props.searchLabel}
            placeholder={props.searchPlaceholder}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: '1 1 240px', maxWidth: 420 }}
            autoComplete="off"
          />
        )}
        {props.toolbar}
      </Group>

      {query.isPending ? (
        <Loading />
      ) : query.isError && !data ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : data && data.items.length === 0 ? (
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
            props.empty
          )}
        </Box>
      ) : data ? (
        <>
          <Table.ScrollContainer minWidth={560} type="native">
            <Table
              aria-label={props.label}
              aria-busy={query.isFetching}
              striped
              highlightOnHover
              verticalSpacing="sm"
              withTableBorder
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
            >
              <Table.Thead>
                <Table.Tr>{head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((row) => (
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
          <Group justify="space-between" mt="sm" component="nav" aria-label={t('common.pagination')}>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('common.pageInfo', { from, to, total: data.total })}
            </Text>
            {(pageIndex > 0 || data.nextCursor) && (
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={pageIndex === 0}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  {t('common.previous')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={!data.nextCursor || query.isPlaceholderData}
                  onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor ?? undefined])}
                >
                  {t('common.next')}
                </Button>
              </Group>
            )}
          </Group>
        </>
      ) : null}
    </Box>
  );
}
