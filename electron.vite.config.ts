import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/** The path aliases of tsconfig.base.json, for the bundler (vitest.config.ts reads them from here too). */
export const alias = {
  '@main': resolve(__dirname, 'src-main'),
  '@preload': resolve(__dirname, 'src-preload'),
  '@renderer': resolve(__dirname, 'src-renderer/src')
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          web: resolve(__dirname, 'src-main/web/cli.ts'),
          'import-worker': resolve(__dirname, 'src-main/import/worker.ts'),
          'backup-worker': resolve(__dirname, 'src-main/services/backup-worker.ts'),
          'migrate-worker': resolve(__dirname, 'src-main/db/migrate-worker.ts')
        },
        // Packages loaded when first needed (typeorm, exceljs, pino, bwip-js) are require()d, not import()ed: the
        // packaged app keeps node_modules inside app.asar, where CommonJS resolution is the one Electron has always had.
        output: { dynamicImportInCjs: false }
      }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified; minified (esbuild: no eval, so the CSP holds), it is a third.
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'src-renderer/index.html'),
        output: {
          // React and the router change least and every page needs them; antd is split by what each page uses.
          manualChunks: (id) =>
            /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/.test(id)
              ? 'react'
              : undefined
        }
      }
    }
  }
})
