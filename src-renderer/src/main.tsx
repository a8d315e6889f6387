// First: no schema may be built before Zod is told never to generate code (the CSP allows no eval).
import './api/jitless'
import React from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
import './styles.css'
import { App } from './App'

createRoot(document.getElementById('root') as HTMLElement).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>
)
