/**
 * Asks again `ms` after each answer, never while one is awaited: loads through useRemote report an answer that
 * arrives after a newer ask as stale, so asking on a fixed beat while main takes longer than the beat to answer
 * would throw every answer away. Returns the stop.
 */
export function pollInTurn(load: () => Promise<unknown>, ms: number): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const next = () => {
    timer = setTimeout(() => {
      void load()
        .catch(() => undefined)
        .then(() => {
          if (!stopped) next()
        })
    }, ms)
  }
  next()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
