import type { FormInstance } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import type { PolicyVersion } from '@preload/contract'
import { useSubmit } from './useSubmit'

export interface VersionedChannels<T> {
  current(): Promise<PolicyVersion<T>>
  history(): Promise<PolicyVersion<T>[]>
  save(values: T): Promise<unknown>
}

/** Loads a settings namespace into its form, saves each change as a new version and lists the earlier ones. */
export function useVersionedSettings<T>(form: FormInstance<T>, channels: VersionedChannels<T>, editable: boolean) {
  const { submit, fail } = useSubmit()
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
      fail(error)
    }
  }, [channels, editable, form, fail])

  useEffect(() => {
    void load()
  }, [load])

  const save = (values: T) =>
    submit(() => channels.save(values), { success: 'settings.saved', onDone: () => void load(), form })

  return { current, versions, save }
}
