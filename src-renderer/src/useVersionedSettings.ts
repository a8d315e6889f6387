import type { FormInstance } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import type { Channel, ChannelInput, ChannelOutput, PolicyVersion } from '@preload/contract'
import { call } from './api/client'
import { useSubmit } from './useSubmit'

export interface VersionedChannels<T> {
  current(): Promise<PolicyVersion<T>>
  history(): Promise<PolicyVersion<T>[]>
  save(values: T): Promise<unknown>
}

/** The channels whose answer is exactly O. */
type Answering<O> = {
  [C in Channel]: [ChannelOutput<C>] extends [O] ? ([O] extends [ChannelOutput<C>] ? C : never) : never
}[Channel]
/** The channels that take I as their input. */
type Taking<I> = { [C in Channel]: [I] extends [ChannelInput<C>] ? C : never }[Channel]
type NoInput = Record<string, never>

/** A settings namespace's calls by their channels' names, which must answer and take its data as they say. */
export function versionedChannels<T>(
  current: Answering<PolicyVersion<T>> & Taking<NoInput>,
  history: Answering<PolicyVersion<T>[]> & Taking<NoInput>,
  save: Answering<PolicyVersion<T>> & Taking<T>
): VersionedChannels<T> {
  // The constraints above are what these casts rest on: TypeScript does not carry them through `call`'s lookups.
  return {
    current: () => call(current, {} as ChannelInput<typeof current>) as Promise<PolicyVersion<T>>,
    history: () => call(history, {} as ChannelInput<typeof history>) as Promise<PolicyVersion<T>[]>,
    save: (values) => call(save, values as ChannelInput<typeof save>)
  }
}

/**
 * For a card that edits some fields of a namespace: a save keeps the others as the version in force has them, so
 * what the card does not show is never reset.
 */
export const keepingUnshownFields = <T>(channels: VersionedChannels<T>): VersionedChannels<T> => ({
  ...channels,
  save: async (values) => channels.save({ ...(await channels.current()).data, ...values })
})

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
