export type Answer<T> = { kind: 'answer'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'stale' }

/**
 * Runs loads one after another as they are asked for and reports each as `stale` once a newer one has started: a slow
 * first load that ends after a quicker search must not put its rows back over the search's.
 */
export function newestAnswerOnly() {
  let newest = 0
  return async <T>(load: () => Promise<T>): Promise<Answer<T>> => {
    const request = ++newest
    let answer: Answer<T>
    try {
      answer = { kind: 'answer', value: await load() }
    } catch (error) {
      answer = { kind: 'failed', error }
    }
    return request === newest ? answer : { kind: 'stale' }
  }
}
