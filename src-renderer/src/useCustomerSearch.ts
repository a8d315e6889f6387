import { useCallback, useState } from 'react'
import { call } from './api/client'

export type CustomerOption = { value: number; label: string }

/** Customers to choose from, found by name as the person types (the first 20; none when the search fails). */
export function useCustomerSearch() {
  const [customers, setCustomers] = useState<CustomerOption[]>([])
  const findCustomers = useCallback(async (search: string) => {
    try {
      const page = await call('customers.list', { search: search.trim() || undefined, pageSize: 20 })
      setCustomers(page.rows.map((row) => ({ value: row.id, label: row.name })))
    } catch {
      setCustomers([])
    }
  }, [])
  return { customers, setCustomers, findCustomers }
}
