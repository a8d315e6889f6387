import { CLASSIFICATIONS, type ClassificationCode } from '@preload/vocabulary'

/** 密级 from the least to the most restricted, in the order of CLASSIFICATIONS. */
export const classificationRank = (classification: ClassificationCode): number =>
  CLASSIFICATIONS.indexOf(classification)

/** R-USE-5: 秘密 and above are classified; 内部 is not. */
export const isClassified = (classification: ClassificationCode): boolean =>
  classificationRank(classification) >= classificationRank('secret')

/** R-FILE-7, R-USE-5: a set of records is as classified as its most classified member. */
export function highestClassification(records: { classification: ClassificationCode }[]): ClassificationCode {
  return records.reduce<ClassificationCode>(
    (highest, record) =>
      classificationRank(record.classification) > classificationRank(highest) ? record.classification : highest,
    'none'
  )
}
