// Keys of rows written by the thousand (journal entries, payslips): time-ordered UUIDs (version 7).
// Their lines' indexes lead with these keys; random keys scattered each batch's rows over every page
// of indexes grown past the cache, and a month-end run's journal lines took twice as long to write
// at 75,000 payslips as at 10,000. In time order they go to the indexes' last pages.
import { v7 } from 'uuid';

export const newRowId = (): string => v7();
