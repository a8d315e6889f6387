import { FileExcelOutlined } from '@ant-design/icons'
import { Button, Card, Col, Row, Select, Space, Spin, Table, Tabs, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo, StatRow, StatTable } from '@preload/contract'
import { call } from '../api/client'
import { BarChart } from '../components/Charts'
import { savedWorkbook } from '../download'
import { useRemote } from '../useRemote'
import { useSubmit } from '../useSubmit'

/** One statistics table with its totals row, and beside it a bar chart of its summed columns. */
function StatisticsTable({ topic, table }: { topic: string; table: StatTable }) {
  const { t } = useTranslation()
  const labelOf = (row: StatRow) => (row.labelKey ? t(row.labelKey) : row.label)
  const charted = table.columns.filter((column) => column.sum).slice(0, 3)
  return (
    <Card size="small" title={t(`statistics.tables.${topic}.${table.key}`)} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col span={charted.length > 0 && table.rows.length > 0 ? 14 : 24}>
          <Table<StatRow>
            size="small"
            rowKey={(row) => row.labelKey ?? row.label}
            dataSource={table.rows}
            pagination={false}
            locale={{ emptyText: t('statistics.noData') }}
            columns={[
              { title: t('statistics.label'), key: 'label', render: (_v, row) => labelOf(row) },
              ...table.columns.map((column) => ({
                title: t(`statistics.columns.${column.key}`),
                key: column.key,
                align: 'right' as const,
                render: (_v: unknown, row: StatRow) => row.values[column.key] ?? '—'
              }))
            ]}
            summary={() =>
              table.totals ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('statistics.total')}</strong>
                  </Table.Summary.Cell>
                  {table.columns.map((column, index) => (
                    <Table.Summary.Cell key={column.key} index={index + 1} align="right">
                      <strong>{column.sum ? table.totals![column.key] : ''}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
        </Col>
        {charted.length > 0 && table.rows.length > 0 && (
          <Col span={10}>
            <BarChart
              title={t(`statistics.tables.${topic}.${table.key}`)}
              rows={table.rows.map((row) => ({ label: labelOf(row), ...row.values }))}
              series={charted.map((column) => ({ key: column.key, label: t(`statistics.columns.${column.key}`) }))}
              separateAxes={charted.length > 1}
            />
          </Col>
        )}
      </Row>
    </Card>
  )
}

/** R-STAT-1: the figures of a year, topic by topic, as tables and charts, and the year's workbook. */
export function StatisticsPage(_props: { session: SessionInfo }) {
  const { t } = useTranslation()
  const { submit, busy: exporting } = useSubmit()
  const [year, setYear] = useState(new Date().getFullYear())
  const { data, loading } = useRemote(useCallback(() => call('statistics.year', { year }), [year]))

  const exportYear = () =>
    submit(() => call('statistics.export', { year }).then(savedWorkbook), {
      success: 'statistics.exported',
      successParams: (result) => ({ fileName: result.fileName })
    })

  return (
    <>
      <Typography.Title level={3}>{t('statistics.title')}</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('statistics.year')}</span>
        <Select
          aria-label={t('statistics.year')}
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={Array.from({ length: 30 }, (_, back) => new Date().getFullYear() - back).map((value) => ({
            value,
            label: String(value)
          }))}
        />
        <Button icon={<FileExcelOutlined />} loading={exporting} onClick={exportYear}>
          {t('statistics.export')}
        </Button>
      </Space>
      <Spin spinning={loading}>
        <Tabs
          items={(data?.topics ?? []).map((topic) => ({
            key: topic.key,
            label: t(`statistics.topics.${topic.key}`),
            children: topic.tables.map((table) => <StatisticsTable key={table.key} topic={topic.key} table={table} />)
          }))}
        />
      </Spin>
    </>
  )
}
