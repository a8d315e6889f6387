import { App } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
