import type { privacyChannels } from '@preload/contract-privacy'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function privacyHandlers(services: Services): HandlerMap<keyof typeof privacyChannels> {
  const privacy = services.customerPrivacy
  return {
    'customerPrivacy.settings': async () => privacy.settings.current(),
    'customerPrivacy.settingsHistory': async () => privacy.settings.history(),
    'customerPrivacy.saveSettings': async (input, ctx) => privacy.saveSettings(actor(ctx), input),
    'customerPrivacy.consents': async (input) => privacy.consents(input.customerId),
    'customerPrivacy.recordConsent': async (input, ctx) => privacy.recordConsent(actor(ctx), input),
    'customerPrivacy.sensitive': async (input) => privacy.sensitive(input.customerId),
    'customerPrivacy.saveSensitive': async (input, ctx) => privacy.saveSensitive(actor(ctx), input),
    'customerPrivacy.reveal': async (input, ctx) => privacy.reveal(actor(ctx), signedIn(ctx).role, input),
    'customerPrivacy.disclosures': async (input) => privacy.disclosures(input.customerId),
    'customerPrivacy.requestDisclosure': async (input, ctx) => privacy.requestDisclosure(actor(ctx), input),
    'customerPrivacy.decideDisclosure': async (input, ctx) =>
      privacy.decideDisclosure(actor(ctx), signedIn(ctx).role, input),
    'customerPrivacy.recordDisclosure': async (input, ctx) => privacy.recordDisclosure(actor(ctx), input),
    'customerPrivacy.rightsRequests': async (input) => privacy.rightsRequests(input.customerId),
    'customerPrivacy.registerRightsRequest': async (input, ctx) => privacy.registerRightsRequest(actor(ctx), input),
    'customerPrivacy.answerRightsRequest': async (input, ctx) => privacy.answerRightsRequest(actor(ctx), input),
    'customerPrivacy.state': async (input) => privacy.state(input.customerId),
    'customerPrivacy.archiveInactive': async (input, ctx) => privacy.archiveInactive(actor(ctx), input.dryRun),
    'customerPrivacy.purgeExpired': async (input, ctx) => privacy.purgeExpired(actor(ctx), input.dryRun),
    'customerPrivacy.alarms': async () => privacy.alarms(),
    'customerPrivacy.reportLeak': async (input, ctx) => privacy.reportLeak(actor(ctx), input),
    'customerPrivacy.findByIdNumber': async (input) => privacy.findByIdNumber(input.idNumber)
  }
}
