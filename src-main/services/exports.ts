import type { CustomerAnalysis, ParsedInput, Role } from '@preload/contract'
import { AppFailure } from '../errors'
import { customerAnalysisSheet } from '../reports/customer-analysis'
import { listWorkbook } from '../reports/xlsx'
import type { Actor, Store } from '../store'
import type { CustomersService } from './customers'
import type { ItemsService } from './items'
import type { VolumesService } from './volumes'
import type { AuditEntity } from '@preload/audit-vocabulary'

/** Every row a list shows, not only the page on screen. */
const ALL_ROWS = 1_000_000

const SHEET_NAMES: Record<ParsedInput<'export.list'>['view'], string> = {
  customers: '客户',
  items: '文件',
  volumes: '案卷'
}
const AUDIT_ENTITY: Record<ParsedInput<'export.list'>['view'], AuditEntity> = {
  customers: 'customer',
  items: 'item',
  volumes: 'volume'
}

/** Any list view to .xlsx with the columns the user sees; R-CUST-5: masked as on screen, and every export logged. */
export class ExportsService {
  constructor(
    private readonly store: Store,
    private readonly customers: CustomersService,
    private readonly items: ItemsService,
    private readonly volumes: VolumesService,
    /** S170: the register's composition and credit analysis, a sheet of its own in every customer export. */
    private readonly customerAnalysis: () => Promise<CustomerAnalysis>
  ) {}

  private async rows(input: ParsedInput<'export.list'>, role: Role): Promise<Record<string, unknown>[]> {
    switch (input.view) {
      case 'customers':
        return (await this.customers.list({ ...input.query, page: 1, pageSize: ALL_ROWS }, role))
          .rows as unknown as Record<string, unknown>[]
      case 'items':
        return (await this.items.list({ ...input.query, page: 1, pageSize: ALL_ROWS })).rows as unknown as Record<
          string,
          unknown
        >[]
      case 'volumes':
        return (await this.volumes.list({ ...input.query, page: 1, pageSize: ALL_ROWS })).rows as unknown as Record<
          string,
          unknown
        >[]
    }
  }

  async list(
    actor: Actor,
    role: Role,
    input: ParsedInput<'export.list'>
  ): Promise<{ fileName: string; base64: string; rows: number }> {
    const rows = await this.rows(input, role)
    const known = new Set(rows.length > 0 ? Object.keys(rows[0]) : input.columns.map((c) => c.key))
    const unknown = input.columns.filter((column) => !known.has(column.key))
    if (unknown.length > 0) {
      throw new AppFailure('VALIDATION', 'errors.validation', {
        details: unknown.map((column) => ({
          path: 'columns',
          message: 'validation.unknownColumn',
          params: { column: column.key }
        }))
      })
    }
    const extra = input.view === 'customers' ? [customerAnalysisSheet(await this.customerAnalysis())] : []
    const buffer = await listWorkbook(SHEET_NAMES[input.view], input.columns, rows, extra)
    const stamp = this.store.clock().toISOString().slice(0, 10)
    const fileName = `${SHEET_NAMES[input.view]}-${stamp}.xlsx`
    await this.store.write(actor, ({ audit }) =>
      audit({
        entity: AUDIT_ENTITY[input.view],
        entityId: fileName,
        action: 'export',
        after: { rows: rows.length, columns: input.columns.map((c) => c.key), query: input.query }
      })
    )
    return { fileName, base64: buffer.toString('base64'), rows: rows.length }
  }
}
