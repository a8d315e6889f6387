export function electronCacheDirs(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string[]

export function electronDownloadProblem(options: {
  version: string
  platform: string
  arch: string
  cacheDirs: string[]
  mirror: string
  timeoutMs?: number
}): Promise<string | null>
