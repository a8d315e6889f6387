import { PrinterOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DestructionRegister } from '@preload/contract'
import { call } from '@renderer/api/client'
import { usePagedQuery, type Paging } from '@renderer/useRemote'
import { useDisposalPrint } from './usePrint'
import { LongText } from '@renderer/components/LongText'
import { ListTable } from '@renderer/components/ListTable'

export const registerNumber = (id: number) => `XH-${String(id).padStart(4, '0')}`

const listRegisters = (paging: Paging) => call('destruction.list', paging)

/** R-DISP-7: signed destruction registers, read-only and kept for ever; each prints as signed. */
export function RegistersTab() {
  const { t } = useTranslation()
  const print = useDisposalPrint()
  const { tableProps } = usePagedQuery(listRegisters, {})
  return (
    <>
      <ListTable<DestructionRegister>
        size="middle"
        {...tableProps}
        empty={t('disposal.registersEmpty')}
        columns={[
          { title: t('disposal.registerNo'), dataIndex: 'id', render: (id: number) => registerNumber(id) },
          {
            title: t('disposal.batchTitle'),
            dataIndex: 'batchTitle',
            render: (title: string) => <LongText text={title} />
          },
          { title: t('disposal.destroyedOn'), dataIndex: 'destroyedOn' },
          { title: t('disposal.place'), dataIndex: 'place' },
          { title: t('disposal.method'), dataIndex: 'method' },
          {
            title: t('disposal.supervisors'),
            dataIndex: 'supervisors',
            render: (names: string[]) => names.join(t('common.listSeparator'))
          },
          { title: t('disposal.lines'), key: 'lines', render: (_v, register) => register.lines.length },
          { title: t('disposal.signedOn'), dataIndex: 'signedOn' },
          {
            title: t('common.actions'),
            key: 'print',
            render: (_v, register) => (
              <Button
                size="small"
                icon={<PrinterOutlined />}
                onClick={() =>
                  print.open({ document: 'destructionRegister', id: register.id }, registerNumber(register.id))
                }
              >
                {t('disposal.printRegister')}
              </Button>
            )
          }
        ]}
      />
      {print.element}
    </>
  )
}
