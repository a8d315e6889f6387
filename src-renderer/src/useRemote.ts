import { App, type TablePaginationConfig } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Page } from '../../src-preload/contract'
import { describeError } from './errors'

/**
 * Loads what a page shows whenever `fetch` changes (give it a useCallback over the query), tells the user in their
 * language when that fails, and hands back a reload for after a change.
 */
export function useRemote<T>(fetch: () => Promise<T>): { data: T | null; loading: boolean; reload: () => Promise<void> } {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(false)

  const reload = useCallback(async () => {
    setLoading(true)
    try {
      setData(await fetch())
    } catch (error) {
      void message.error(describeError(t, error))
    } finally {
      setLoading(false)
    }
  }, [fetch, message, t])

  useEffect(() => {
    void reload()
  }, [reload])

  return { data, loading, reload }
}

export interface Paging {
  page: number
  pageSize: number
}

/**
 * A list main pages through: `fetch` (a useCallback over the filters) gets the page asked for, and `tableProps` make
 * an antd Table show the rows, the total and the pager.
 */
export function usePagedRemote<T>(fetch: (paging: Paging) => Promise<Page<T>>) {
  const { t } = useTranslation()
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 20 })
  const remote = useRemote(useCallback(() => fetch(paging), [fetch, paging]))
  const tableProps = {
    loading: remote.loading,
    dataSource: remote.data?.rows ?? [],
    onChange: (pagination: TablePaginationConfig) => setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }),
    pagination: { current: paging.page, pageSize: paging.pageSize, total: remote.data?.total ?? 0, showTotal: (total: number) => t('common.total', { total }) }
  }
  /** Back to the first page, e.g. when a filter changes. */
  const firstPage = () => setPaging((previous) => ({ ...previous, page: 1 }))
  return { ...remote, tableProps, firstPage }
}
