import { Form, Input, Select, Space, type FormInstance } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Applicant, FilingSettings } from '@preload/contract'
import { call } from '@renderer/api/client'
import { CodeSelect } from '@renderer/components/CodeSelect'

/**
 * Who asks: a colleague (chosen from the accounts, which fills in their name and department) or an outside unit
 * with its introduction letter.
 */
export function ApplicantFields({
  form,
  external,
  settings
}: {
  form: FormInstance
  external: boolean
  settings: FilingSettings | null
}) {
  const { t } = useTranslation()
  const [applicants, setApplicants] = useState<Applicant[]>([])

  useEffect(() => {
    call('use.applicants', {})
      .then(setApplicants)
      .catch(() => setApplicants([]))
  }, [])

  const pickApplicant = (userId: number | null) => {
    const person = applicants.find((a) => a.id === userId)
    if (!person) return
    const department = settings?.departments.find((d) => d.code === person.department || d.name === person.department)
    form.setFieldsValue({
      applicantName: person.displayName,
      ...(department ? { departmentCode: department.code } : {})
    })
  }

  return (
    <>
      {!external && (
        <Form.Item name="applicantUserId" label={t('use.fields.applicantUser')} extra={t('use.form.applicantUserHint')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={applicants.map((a) => ({
              value: a.id,
              label: a.department ? `${a.displayName}（${a.department}）` : a.displayName
            }))}
            onChange={pickApplicant}
          />
        </Form.Item>
      )}
      <Space wrap align="start">
        <Form.Item name="applicantName" label={t('use.fields.applicantName')} required>
          <Input style={{ width: 200 }} />
        </Form.Item>
        {external ? (
          <>
            <Form.Item name="externalUnit" label={t('use.fields.externalUnit')} required>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="introductionLetter" label={t('use.fields.introductionLetter')} required>
              <Input style={{ width: 200 }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="departmentCode" label={t('use.fields.department')} required>
            <CodeSelect style={{ width: 220 }} entries={settings?.departments} />
          </Form.Item>
        )}
      </Space>
    </>
  )
}
