import { createApp } from '@main/app'

/** Opens a data folder whose database is behind, saying when the upgrade begins and when it is over. */
async function main(): Promise<void> {
  const [dataDir, migrationWorker] = process.argv.slice(2)
  await createApp({
    dataDir,
    appFolders: [],
    migrationWorker,
    onStartup: (progress) => {
      if (progress.stage === 'upgrading') process.stdout.write(`UPGRADING ${progress.done}\n`)
    }
  })
  process.stdout.write('UPGRADED\n')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
