export interface Figure {
  label: string
  medianMs: number
  p95Ms: number
  /** Median CPU time of the process (user + system): what the work cost, whatever else the machine was doing. */
  cpuMs: number
  runs: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Runs `work` a few times after one warm-up and reports the median and 95th percentile in milliseconds. */
export async function measure(label: string, work: () => unknown, runs = 30): Promise<Figure> {
  await work()
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now()
    const usage = process.cpuUsage()
    await work()
    const used = process.cpuUsage(usage)
    times.push(performance.now() - started)
    cpu.push((used.user + used.system) / 1000)
  }
  times.sort((a, b) => a - b)
  return {
    label,
    medianMs: times[Math.floor(runs / 2)],
    p95Ms: times[Math.floor(runs * 0.95)],
    cpuMs: median(cpu),
    runs
  }
}

export function report(title: string, figures: Figure[], baseline?: Figure): void {
  const lines = figures.map((f) => {
    const ratio = baseline ? `  ×${(f.medianMs / baseline.medianMs).toFixed(1)} of "${baseline.label}"` : ''
    return `  ${f.label.padEnd(58)} median ${f.medianMs.toFixed(2).padStart(8)} ms   p95 ${f.p95Ms.toFixed(2).padStart(8)} ms${ratio}`
  })
  console.log(`\n${title}\n${lines.join('\n')}\n`)
}

/** The room sizes a scale bench runs at, smallest first: `BENCH_SIZES=200000,1000000` (the default). */
export function benchSizes(): number[] {
  return (process.env.BENCH_SIZES ?? '200000,1000000').split(',').map(Number)
}

/** One operation at one size: the app through the dispatcher, and the raw index query that gives the same answer. */
export interface Paired {
  app: Figure
  raw: Figure
  note?: string
}

/**
 * Per operation and size: the app's and the raw query's median CPU time, their ratio, and how the app's cost grew from
 * the smallest size to the largest.
 */
export function reportScale(title: string, results: Map<number, Map<string, Paired>>): void {
  const sizes = [...results.keys()]
  const operations = [...results.get(sizes[0])!.keys()]
  const cell = (p: Paired | undefined) =>
    p
      ? `${p.app.cpuMs.toFixed(1).padStart(8)} ${p.raw.cpuMs.toFixed(1).padStart(8)} ${`×${(p.app.cpuMs / p.raw.cpuMs).toFixed(2)}`.padStart(7)}`
      : ''.padStart(25)
  const head = sizes.map((size) => `${`app@${size / 1000}k`.padStart(8)} ${'raw'.padStart(8)} ${'ratio'.padStart(7)}`)
  const lines = operations.map((operation) => {
    const first = results.get(sizes[0])!.get(operation)!
    const last = results.get(sizes[sizes.length - 1])!.get(operation)!
    const growth = sizes.length > 1 ? `×${(last.app.cpuMs / first.app.cpuMs).toFixed(2)}` : ''
    const note = last.note ? `  ${last.note}` : ''
    return `  ${operation.padEnd(44)} ${sizes.map((size) => cell(results.get(size)!.get(operation))).join(' |')}  ${growth.padStart(7)}${note}`
  })
  console.log(
    `\n${title} (median CPU ms; growth = app at ${sizes[sizes.length - 1]} / app at ${sizes[0]})\n  ${''.padEnd(44)} ${head.join(' |')}  ${'growth'.padStart(7)}\n${lines.join('\n')}\n`
  )
}
