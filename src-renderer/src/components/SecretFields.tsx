import { Form, Input } from 'antd'
import { useRequired } from '../useForm'

/**
 * A new password or passphrase and the same again: wherever a secret is chosen, a typo in it must not lock its
 * person out, so the second field has to match the first before anything is sent.
 */
export function NewSecretFields(props: {
  name: string
  label: string
  hint: string
  confirmName: string
  confirmLabel: string
  mismatch: string
}) {
  const required = useRequired()
  return (
    <>
      <Form.Item name={props.name} label={props.label} extra={props.hint} rules={required}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={props.confirmName}
        label={props.confirmLabel}
        dependencies={[props.name]}
        rules={[
          ...required,
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue(props.name)
                ? Promise.resolve()
                : Promise.reject(new Error(props.mismatch))
          })
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  )
}
