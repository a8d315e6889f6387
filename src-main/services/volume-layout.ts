import type { Db } from '../db/connection'
import { linksOf, placeMember, setVolumeClassification, volumeIsTopSecret, volumeMembers } from '../db/volumes'
import { enforce } from '../errors'
import { orderInVolume, pageNumbers, volumeClassification } from '../policy/filing'

/**
 * R-FILE-5, R-FILE-6, R-FILE-7: order, page numbers and classification follow from the items in the volume, so they
 * are laid out again whenever a member, its pages, dates or links change.
 */
export async function layOutVolume(db: Db, volumeId: number): Promise<void> {
  const members = await volumeMembers(db, volumeId)
  const ids = members.map((m) => m.id)
  const links = (await linksOf(db, ids)).filter((l) => ids.includes(l.fromId) && ids.includes(l.toId))
  const order = orderInVolume(
    members.map((m) => ({ ...m, kind: m.documentKind })),
    links
  )
  const pages = enforce(
    pageNumbers(order.map((o) => ({ id: o.id, pageCount: members.find((m) => m.id === o.id)?.pageCount ?? 0 })))
  )
  for (const [index, placed] of order.entries()) {
    const page = pages.pages.find((p) => p.id === placed.id)
    await placeMember(db, placed.id, {
      position: index + 1,
      startPage: page?.startPage ?? null,
      endPage: page?.endPage ?? null,
      orderReason: JSON.stringify({ ruleId: placed.ruleId, reason: placed.reason })
    })
  }
  const classification = (await volumeIsTopSecret(db, volumeId)) ? 'top_secret' : volumeClassification(members)
  await setVolumeClassification(db, volumeId, classification)
}
