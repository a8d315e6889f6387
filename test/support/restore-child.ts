import { createApp } from '../../src-main/app'

/** Starts a restore and stops dead just before the file swap, waiting to be killed by the test. */
async function main(): Promise<void> {
  const [dataDir, file] = process.argv.slice(2)
  const app = await createApp({
    dataDir,
    // Bundled into a temporary folder and started from the repository.
    appFolders: [process.cwd()],
    log: () => undefined,
    beforeRestoreSwap: async () => {
      process.stdout.write('SWAPPING\n')
      await new Promise(() => undefined)
    }
  })
  await app.services.backup.restore({ userId: null, username: 'child' }, file)
}

void main()
