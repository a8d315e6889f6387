import { App, type FormInstance } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PolicyVersion } from '../../src-preload/contract'
import { describeError, showFieldErrors } from './errors'

export interface VersionedChannels<T> {
  current(): Promise<PolicyVersion<T>>
  history(): Promise<PolicyVersion<T>[]>
  save(values: T): Promise<unknown>
}

/** Loads a settings namespace into its form, saves each change as a new version and lists the earlier ones. */
export function useVersionedSettings<T>(form: FormInstance<T>, channels: VersionedChannels<T>, editable: boolean) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [current, setCurrent] = useState<PolicyVersion<T> | null>(null)
  const [versions, setVersions] = useState<PolicyVersion<T>[]>([])

  const load = useCallback(async () => {
    try {
      const latest = await channels.current()
      setCurrent(latest)
      // Values that arrive after the person started typing must not overwrite what they typed.
      if (!form.isFieldsTouched()) form.setFieldsValue(latest.data as Parameters<FormInstance<T>['setFieldsValue']>[0])
      if (editable) setVersions(await channels.history())
    } catch (error) {
      void message.error(describeError(t, error))
    }
  }, [channels, editable, form, message, t])

  useEffect(() => {
    void load()
  }, [load])

  const save = async (values: T) => {
    try {
      await channels.save(values)
      void message.success(t('settings.saved'))
      void load()
    } catch (error) {
      showFieldErrors(form, t, error)
      void message.error(describeError(t, error))
    }
  }

  return { current, versions, save }
}
