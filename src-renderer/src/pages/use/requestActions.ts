import dayjs from 'dayjs'
import type { Approver, UseRequest } from '@preload/contract'
import { call } from '@renderer/api/client'
import type { Action, ActionValues } from './UseRequestParts'
import { ISO } from './useLabels'

/** What the dialog of an action starts with: today and approval for a signature, every record complete on return. */
export function actionDefaults(action: Action, request: UseRequest): ActionValues {
  switch (action) {
    case 'sign':
      return { signedOn: dayjs(), decision: 'approved' }
    case 'return':
      return { records: request.records.map((r) => ({ condition: 'complete', pagesChecked: r.pageCount })) }
    case 'feedback':
      return { effect: request.effect ?? undefined, note: request.effectNote }
    default:
      return {}
  }
}

/** The last standing signature in chain order: the one a withdrawal takes back. */
export function lastSigned(request: UseRequest): Approver | null {
  const signed = request.chain.filter(({ step }) => request.approvals.some((a) => a.step === step))
  return signed.length > 0 ? signed[signed.length - 1].step : null
}

/** The call an action's dialog makes with what was entered, and the message said when it worked. */
export function actionCall(
  action: Action,
  request: UseRequest,
  values: ActionValues
): [() => Promise<UseRequest>, string] {
  const versioned = { id: request.id, version: request.version }
  switch (action) {
    case 'sign':
      return [
        () =>
          call('use.approve', {
            ...versioned,
            step: request.nextStep!,
            signerUserId: values.signerUserId ?? 0,
            signedOn: values.signedOn?.format(ISO) ?? '',
            decision: values.decision ?? 'approved',
            reason: values.reason ?? ''
          }),
        'use.detail.signed'
      ]
    case 'refuseMine':
      return [
        () => call('use.sign', { ...versioned, decision: 'refused', reason: values.reason ?? '' }),
        'use.detail.signedMine'
      ]
    case 'withdraw':
      return [
        () => call('use.withdrawSignature', { ...versioned, step: lastSigned(request)!, reason: values.reason ?? '' }),
        'use.detail.withdrawn'
      ]
    case 'return': {
      const records = request.records.map((r, i) => ({
        subject: r.subject,
        id: r.id,
        condition: values.records?.[i]?.condition ?? 'complete',
        pagesChecked: values.records?.[i]?.pagesChecked ?? 0,
        note: values.records?.[i]?.note ?? ''
      }))
      return [() => call('use.return', { ...versioned, records, note: values.note ?? '' }), 'use.detail.returned']
    }
    case 'renew':
      return [
        () => call('use.renew', { ...versioned, newDueOn: values.newDueOn?.format(ISO) ?? '' }),
        'use.detail.renewed'
      ]
    case 'feedback':
      return [
        () => call('use.feedback', { ...versioned, effect: values.effect!, note: values.note ?? '' }),
        'common.saved'
      ]
    case 'cancel':
      return [() => call('use.cancel', { ...versioned, reason: values.reason ?? '' }), 'use.detail.cancelled']
  }
}
