import { createApp } from '@main/app'

/** Starts a restore and stops dead at the named stage (before-swap or after-swap), waiting to be killed by the test. */
async function main(): Promise<void> {
  const [dataDir, file, stopAt] = process.argv.slice(2)
  const app = await createApp({
    dataDir,
    // Bundled into a temporary folder and started from the repository.
    appFolders: [process.cwd()],
    atRestoreStage: async (stage) => {
      if (stage !== stopAt) return
      process.stdout.write(`STOPPED ${stage}\n`)
      await new Promise(() => undefined)
    }
  })
  await app.services.backup.restore({ userId: null, username: 'child' }, file)
}

void main()
