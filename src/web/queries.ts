// Reference data many pages need (entities, offices), fetched once and shared.
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Entity, Office } from './types.ts';

export const useEntities = () =>
  useQuery({
    queryKey: ['entities'],
    queryFn: () => api.get<{ items: Entity[] }>('/api/v1/entities').then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useOffices = () =>
  useQuery({
    queryKey: ['offices'],
    queryFn: () => api.get<{ items: Office[] }>('/api/v1/offices').then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const officeOptions = (offices: Office[] | undefined) =>
  (offices ?? [])
    .map((o) => ({ value: o.id, label: o.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));

export const entityOptions = (entities: Entity[] | undefined) =>
  (entities ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.code})` }));
