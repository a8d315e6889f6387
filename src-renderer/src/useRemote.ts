import { App, type TableProps } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Page } from '@preload/contract'
import { isSessionLocked, onceUnlocked, unlocksSoFar } from './api/client'
import { appErrorOf, describeError } from './errors'
import { newestAnswerOnly } from './newestAnswer'

/**
 * Loads what a page shows whenever `fetch` changes (give it a useCallback over the query), tells the user in their
 * language when that fails (then runs `onFail`, e.g. closing the drawer that had nothing to show), and hands back a
 * reload for after a change and `setData` for main's answer to one.
 */
export function useRemote<T>(
  fetch: () => Promise<T>,
  onFail?: () => void
): {
  data: T | null
  setData: (data: T) => void
  loading: boolean
  reload: () => Promise<void>
} {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(false)
  const newest = useRef(newestAnswerOnly())

  const askAgain = useRef<(() => void) | null>(null)

  const reload = useCallback(async () => {
    setLoading(true)
    const askedAt = unlocksSoFar()
    const outcome = await newest.current(fetch)
    if (outcome.kind === 'stale') return
    if (outcome.kind === 'answer') setData(outcome.value)
    else if (isSessionLocked(appErrorOf(outcome.error))) {
      // The lock screen is up and says why; what this page shows is read again once it is unlocked.
      askAgain.current?.()
      askAgain.current = onceUnlocked(() => void reload(), askedAt)
    } else {
      void message.error(describeError(t, outcome.error))
      onFail?.()
    }
    setLoading(false)
  }, [fetch, onFail, message, t])

  useEffect(() => {
    void reload()
    return () => askAgain.current?.()
  }, [reload])

  return { data, setData, loading, reload }
}

export interface Paging {
  page: number
  pageSize: number
}

type SortOrder = 'ascend' | 'descend'

export interface PagedQueryOptions<Q> {
  /** Keys the table's column filters set; each is the column's dataIndex and the query's field of the same name. */
  columnFilters?: readonly (keyof Q & string)[]
  /** Sorting by column: the field sorted by when the table is not, and the fields main accepts (others fall back). */
  sort?: { fallback: string; fields?: readonly string[] }
  /** Lets the person choose how many rows a page shows. */
  sizeChanger?: boolean
}

/**
 * Every table main pages through: holds the query (filters, page, sort), loads the page asked for whenever it changes,
 * and hands back `tableProps` that make an antd Table show the rows, the total and the pager and feed its paging,
 * column filters and sorting back into the query. `filter` changes filters from outside the table and goes back to
 * the first page. `fetch` may be a fresh function on every render.
 */
export function usePagedQuery<Q extends object, T>(
  fetch: (query: Q & Paging) => Promise<Page<T>>,
  initial: NoInfer<Q> & Partial<Paging>,
  options: PagedQueryOptions<NoInfer<Q>> = {}
) {
  const { t } = useTranslation()
  const [query, setQuery] = useState<Q & Paging>({ page: 1, pageSize: 20, ...initial })
  const latest = useRef(fetch)
  useEffect(() => {
    latest.current = fetch
  })
  const remote = useRemote(useCallback(() => latest.current(query), [query]))
  const { columnFilters = [], sort, sizeChanger = false } = options

  const onChange: NonNullable<TableProps<T>['onChange']> = (pagination, filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter
    setQuery((previous) => {
      const next: Record<string, unknown> = {
        ...previous,
        page: pagination.current ?? 1,
        pageSize: pagination.pageSize ?? previous.pageSize
      }
      for (const key of columnFilters) next[key] = filters[key] ?? undefined
      if (sort) {
        const field = single?.order ? String(single.field ?? single.columnKey) : sort.fallback
        next.sortBy = !sort.fields || sort.fields.includes(field) ? field : sort.fallback
        next.sortOrder = single?.order ?? 'descend'
      }
      return next as Q & Paging
    })
  }

  const tableProps = {
    loading: remote.loading,
    dataSource: remote.data?.rows ?? [],
    onChange,
    pagination: {
      current: query.page,
      pageSize: query.pageSize,
      total: remote.data?.total ?? 0,
      ...(sizeChanger ? { showSizeChanger: true } : {}),
      // A count that stopped at its limit says so ("超过 10000 条") instead of posing as exact.
      showTotal: (total: number) => t(remote.data?.totalCapped ? 'common.totalAtLeast' : 'common.total', { total })
    }
  }
  /** Changes filters set outside the table, back on the first page. */
  const filter = useCallback((patch: Partial<Q>) => setQuery((previous) => ({ ...previous, ...patch, page: 1 })), [])
  /** The order a sortable column shows, from the query. */
  const sortOrderOf = (field: string): SortOrder | null => {
    const current = query as { sortBy?: string; sortOrder?: SortOrder }
    return current.sortBy === field ? (current.sortOrder ?? null) : null
  }
  return { ...remote, query, tableProps, filter, sortOrderOf }
}
