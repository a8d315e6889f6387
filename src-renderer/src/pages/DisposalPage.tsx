import { Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'
import { can } from '../access'
import { BatchesTab } from './disposal/BatchesTab'
import { DueTab } from './disposal/DueTab'
import { HoldsTab } from './disposal/HoldsTab'
import { RegistersTab } from './disposal/RegistersTab'

/** 鉴定销毁: due records, appraisal batches through to destruction, holds and the permanent registers (R-DISP). */
export function DisposalPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation()
  const [tab, setTab] = useState('due')
  const [openBatch, setOpenBatch] = useState<number | null>(null)
  const canWrite = can(session, 'appraisal.create')
  return (
    <>
      <Typography.Title level={3}>{t('nav.disposal')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'due',
            label: t('disposal.tabs.due'),
            children: (
              <DueTab
                canWrite={canWrite}
                onBatchCreated={(id) => {
                  setOpenBatch(id)
                  setTab('batches')
                }}
              />
            )
          },
          {
            key: 'batches',
            label: t('disposal.tabs.batches'),
            children: (
              <BatchesTab
                session={session}
                canWrite={canWrite}
                canDecide={can(session, 'appraisal.decide')}
                openBatch={openBatch}
                onOpen={setOpenBatch}
              />
            )
          },
          {
            key: 'holds',
            label: t('disposal.tabs.holds'),
            children: <HoldsTab canWrite={can(session, 'holds.place')} canRelease={can(session, 'holds.release')} />
          },
          { key: 'registers', label: t('disposal.tabs.registers'), children: <RegistersTab /> }
        ]}
      />
    </>
  )
}
