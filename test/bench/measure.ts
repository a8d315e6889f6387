export interface Figure {
  label: string
  medianMs: number
  p95Ms: number
  runs: number
}

/** Runs `work` a few times after one warm-up and reports the median and 95th percentile in milliseconds. */
export async function measure(label: string, work: () => Promise<unknown>, runs = 30): Promise<Figure> {
  await work()
  const times: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { label, medianMs: times[Math.floor(runs / 2)], p95Ms: times[Math.floor(runs * 0.95)], runs }
}

export function report(title: string, figures: Figure[], baseline?: Figure): void {
  const lines = figures.map((f) => {
    const ratio = baseline ? `  ×${(f.medianMs / baseline.medianMs).toFixed(1)} of "${baseline.label}"` : ''
    return `  ${f.label.padEnd(58)} median ${f.medianMs.toFixed(2).padStart(8)} ms   p95 ${f.p95Ms.toFixed(2).padStart(8)} ms${ratio}`
  })
  console.log(`\n${title}\n${lines.join('\n')}\n`)
}
