/**
 * The code the workbench needs that the app does not load with itself: its page and the charts. The login screen
 * fetches them while the person types, so that signing in waits only for main's answers (issue 19); the page and the
 * charts import the same modules when they show, which are then already there.
 */
export function loadWorkbenchChunks(): void {
  void Promise.all([import('./pages/DashboardPage'), import('./components/EChart')]).catch(() => undefined)
}
