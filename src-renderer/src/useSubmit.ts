import { App, type FormInstance } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, showFieldErrors } from './errors'

export interface SubmitOptions<T> {
  /** i18n key (or one chosen from the result) of the message shown when it worked. */
  success?: string | ((result: T) => string)
  /** Params for the success message, from the result. */
  successParams?(result: T): Record<string, string | number>
  /** Seconds the success message stays, from the result: longer for one that says something is not yet done. */
  successSeconds?(result: T): number | undefined
  /** Closes the dialog the form is in, once it worked. */
  close?(): void
  /** Runs after it worked, with main's answer; the call counts as running until what it returns settles. */
  onDone?(result: T): void | Promise<unknown>
  /** Marks main's field errors under this form's fields (a mark goes once its field is edited: see `useForm`). */
  form?: FormInstance
  /** Where main marked fields, the marks say it all and no message is shown (the sign-in screens). */
  quietWhenFields?: boolean
  /** Sees a refusal first; returning true means it was dealt with (e.g. a confirmation asked) and needs no message. */
  refused?(error: unknown): boolean | void
  /** Runs after a refusal was shown, e.g. to reload what may have changed meanwhile. */
  after?(): void
}

/**
 * One way to send a change to main: `submit(work, options)` runs the call, says it worked, marks the fields main
 * named and shows main's refusal in the user's language. `busy` is true while a call runs; `fail` shows an error
 * for the places that load rather than submit.
 */
export function useSubmit() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)

  const fail = useCallback((error: unknown) => void message.error(describeError(t, error)), [message, t])

  const submit = useCallback(
    async <T>(work: () => Promise<T>, options: SubmitOptions<T> = {}): Promise<boolean> => {
      setBusy(true)
      try {
        const result = await work()
        if (options.success) {
          const key = typeof options.success === 'function' ? options.success(result) : options.success
          void message.success(t(key, options.successParams?.(result)), options.successSeconds?.(result))
        }
        options.close?.()
        await options.onDone?.(result)
        return true
      } catch (error) {
        if (options.refused?.(error) !== true) {
          const marked = options.form ? showFieldErrors(options.form, t, error) : false
          if (!(marked && options.quietWhenFields)) fail(error)
          options.after?.()
        }
        return false
      } finally {
        setBusy(false)
      }
    },
    [fail, message, t]
  )

  return { submit, busy, fail }
}
