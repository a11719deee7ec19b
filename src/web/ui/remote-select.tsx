// Choosing among many records (members, clients) by typing: the server searches, the field keeps
// the labels of what was chosen.
import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { api, type Page } from '../api.ts';
import { useT } from '../i18n/index.ts';

export type Option = { value: string; label: string };

type Common<T> = {
  label: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  toOption: (item: T) => Option;
  /** Values not to offer (already chosen elsewhere). */
  exclude?: readonly string[];
  placeholder?: string;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
};

function useRemoteOptions<T>(props: Common<T>, search: string) {
  const [debounced] = useDebouncedValue(search, 250);
  const result = useQuery({
    queryKey: ['options', props.path, props.query ?? {}, debounced],
    queryFn: ({ signal }) =>
      api.get<Page<T>>(props.path, { ...(props.query ?? {}), q: debounced.trim(), limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (result.data?.items ?? [])
    .map(props.toOption)
    .filter((o) => !props.exclude?.includes(o.value));
  return { options, loading: result.isFetching };
}

const keepAll = ({ options }: { options: any[] }) => options;

export function RemoteSelect<T>(
  props: Common<T> & {
    value: string | null;
    onChange: (value: string | null, option: Option | null) => void;
    /** The label of a value chosen before (e.g. given in the address). */
    known?: Option | null;
  },
) {
  const { t } = useT();
  const [search, setSearch] = useState(props.known?.label ?? '');
  const chosen = useRef<Option | null>(props.known ?? null);
  const { options } = useRemoteOptions(props, chosen.current?.label === search ? '' : search);
  const data =
    chosen.current && props.value === chosen.current.value && !options.some((o) => o.value === props.value)
      ? [chosen.current, ...options]
      : options;
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      description={props.description}
      error={props.error}
      required={props.required}
      disabled={props.disabled}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepAll}
      nothingFoundMessage={t('common.noResults')}
      data={data}
      value={props.value}
      onChange={(value, option) => {
        chosen.current = option ? { value: option.value, label: option.label } : null;
        props.onChange(value, chosen.current);
      }}
    />
  );
}

export function RemoteMultiSelect<T>(
  props: Common<T> & {
    value: string[];
    onChange: (value: string[]) => void;
    /** Labels of values chosen before (e.g. given in the address). */
    known?: readonly Option[];
  },
) {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const labels = useRef(new Map<string, string>());
  for (const o of props.known ?? []) labels.current.set(o.value, o.label);
  const { options } = useRemoteOptions(props, search);
  for (const o of options) labels.current.set(o.value, o.label);
  const selected = props.value.map((value) => ({ value, label: labels.current.get(value) ?? value }));
  const data = [...selected, ...options.filter((o) => !props.value.includes(o.value))];
  return (
    <MultiSelect
      label={props.label}
      placeholder={props.placeholder}
      description={props.description}
      error={props.error}
      required={props.required}
      disabled={props.disabled}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepAll}
      nothingFoundMessage={t('common.noResults')}
      data={data}
      value={props.value}
      onChange={props.onChange}
      hidePickedOptions
    />
  );
}
