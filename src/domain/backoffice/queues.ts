// Validation queues of the cockpit: each source gives what waits (its total and its oldest items);
// this turns them into what the adviser reads: a count, the age of the oldest in working days, and
// the oldest items first.
import type { IsoDate } from '../dates.ts';
import { workingDaysBetween } from './ageing.ts';
import type { QueueItemView, QueueKey, QueueView, queueDeciders } from './schemas.ts';

export type WaitingItem = Omit<QueueItemView, 'ageWorkingDays' | 'payableOn'> & {
  payableOn?: IsoDate | null;
};
export type WaitingItems = {
  total: number;
  items: readonly WaitingItem[];
  /** The salaries queue's covered salaries still to pay. */
  payable?: QueueView['payable'];
};

/** How many items a queue card shows; the full list is one click away. */
export const queueItemsShown = 5;

export function summarizeQueue(
  key: QueueKey,
  decidedBy: (typeof queueDeciders)[number],
  listHref: string,
  waiting: WaitingItems | null,
  today: IsoDate,
  shown = queueItemsShown,
): QueueView {
  if (!waiting)
    return {
      key,
      decidedBy,
      available: false,
      count: 0,
      oldestSince: null,
      oldestAgeWorkingDays: null,
      items: [],
      listHref,
      payable: null,
    };
  const items = [...waiting.items]
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.title.localeCompare(b.title)))
    .map((i) => ({
      ...i,
      payableOn: i.payableOn ?? null,
      ageWorkingDays: workingDaysBetween(i.since, today),
    }));
  const oldest = items[0];
  return {
    key,
    decidedBy,
    available: true,
    count: Math.max(waiting.total, items.length),
    oldestSince: oldest?.since ?? null,
    oldestAgeWorkingDays: oldest?.ageWorkingDays ?? null,
    items: items.slice(0, shown),
    listHref,
    payable: waiting.payable ?? null,
  };
}
