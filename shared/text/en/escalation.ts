/**
 * English messages main composes for the "escalation" area: the source the window's other languages follow
 * (`shared/text/de/escalation.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** Which escalation an alert is about; `priority` is P1–P4, `group` the matrix's group name. */
  what: {
    unknown: 'An escalation',
    toGroup: '{{priority}} escalation to {{group}}',
  },
  /** SLA alerts (electron/escalation/escalation-service.ts); `what` is one of `what`. */
  deadline: {
    acknowledgeNear: '{{what}}: the acknowledgement deadline is near.',
    acknowledgePassed: '{{what}}: the acknowledgement deadline has passed.',
    resolveNear: '{{what}}: the resolution deadline is near.',
    resolvePassed: '{{what}}: the resolution deadline has passed.',
  },
  /** The next role in the chain is involved; `after` and `contact` are their own messages below, or empty. */
  chainStep: '{{what}} is unresolved{{after}}: {{role}} is now involved.{{contact}}',
  chainAfter: ' after {{duration}}',
  chainContact: {
    nameOnly: ' Contact {{name}}.',
    pager: ' Contact {{name}}, pager {{pager}}.',
    phone: ' Contact {{name}}, {{phone}}.',
  },
  duration: {
    days: '{{n}} d',
    hours: '{{n}} h',
    minutes: '{{n}} min',
  },
  roles: {
    'team-lead': 'Team Lead',
    'service-manager': 'Service Manager',
    'vp-operations': 'VP Operations',
  },
  /**
   * Why an SLA alert waits or is parked (electron/alerts/alert-delivery.ts, webhook-senders.ts), kept
   * in its outbox row and shown in the parked list. `service` is Slack or Teams, `webhook` the
   * policy's name for one, `status` an HTTP status, `answer` the service's own code word, as it came.
   */
  alertDelivery: {
    unreadable: 'This alert could not be read back from the outbox',
    webhookRemoved: 'The {{service}} webhook "{{webhook}}" is no longer in the policy (slaAlertWebhooks)',
    waitingForWebhook: 'Waiting for the webhook "{{webhook}}" to take alerts again',
    /** `reason` is the connection's own message (sync.*). */
    unreachable: '{{service}} could not be reached: {{reason}}',
    slowDown: '{{service}} asked Switchboard to slow down (HTTP 429)',
    failed: '{{service}} failed to take the alert (HTTP {{status}})',
    failedSaying: '{{service}} failed to take the alert (HTTP {{status}} {{answer}})',
    redirect: '{{service}} answered with a redirect (HTTP {{status}}); use the webhook address exactly as {{service}} gave it',
    refused: '{{service}} refused the alert (HTTP {{status}})',
    refusedSaying: '{{service}} refused the alert (HTTP {{status}} {{answer}})',
    /** `why` is one of `slack`. */
    refusedBecause: '{{service}} refused the alert (HTTP {{status}} {{answer}}): {{why}}',
    /** `error` is the kind of failure inside Switchboard (a JavaScript error's name). */
    clientError: 'Sending to {{service}} failed inside Switchboard ({{error}})',
    /**
     * Slack's incoming-webhook error codes in words for IT (Slack API changelog 2016-05-17,
     * "Improving error conditions for Incoming Webhooks"; no_service and invalid_token: `removed`).
     */
    slack: {
      invalidPayload: 'Slack could not read the message',
      userNotFound: 'Slack does not know a user the message names',
      actionProhibited: 'the Slack workspace does not allow this webhook to post in its channel',
      channelNotFound: "the webhook's channel no longer exists",
      channelIsArchived: "the webhook's channel is archived",
      removed: 'the webhook was removed or disabled in Slack; create a new one and update the policy',
      noTeam: "the webhook's Slack workspace no longer exists",
      noText: 'Slack found no text in the message',
    },
  },
  /** A warm transfer to the escalation group (electron/escalation/escalation-service.ts). */
  transfer: {
    phoneUnavailable: 'The phone is not available, so the call was not transferred.',
    /** `reason` is the phone's own refusal, or `phoneRefused`. */
    failed: 'The call could not be transferred to {{group}}: {{reason}}',
    phoneRefused: 'the phone refused',
    notTaken: '{{group}} did not take the call; the customer is still on hold on your line.',
    calling:
      'Calling {{group}}; the customer is on hold. Brief them, then press Complete transfer, or Cancel transfer to go back to the customer.',
  },
  /** Requests main refuses (electron/escalation/escalation-service.ts); `group` and `tier` are the matrix's names. */
  errors: {
    groupHasNoNumber:
      '{{group}} ({{tier}}) has no phone number in the escalation matrix, so the call cannot be transferred. Untick "Warm transfer the call" or ask IT to add the number.',
    transferNeedsCall: 'Only an escalation raised from a call can transfer the call.',
    notStored: 'That escalation is not in the local store.',
  },
  /** Why main refuses an escalation (shared/escalation/escalation.ts); `tier`, `group` are the matrix's names. */
  validation: {
    /** The handoff fields left empty, in form order, each one of `fields`. */
    missing1: 'Missing: {{first}}',
    missing2: 'Missing: {{first}}, {{second}}',
    missing3: 'Missing: {{first}}, {{second}}, {{third}}',
    fields: {
      customerExpectation: 'customer expectation',
      troubleshootingDone: 'troubleshooting performed',
      recommendedNextSteps: 'recommended next steps',
    },
    tooLong: {
      customerExpectation: 'Customer expectation is too long ({{length}} characters; at most {{max}}).',
      troubleshootingDone: 'Troubleshooting performed is too long ({{length}} characters; at most {{max}}).',
      recommendedNextSteps: 'Recommended next steps is too long ({{length}} characters; at most {{max}}).',
    },
    summaryTooLong: 'The summary is too long ({{length}} characters; at most {{max}}).',
    choosePriority: 'Choose a priority from P1 to P4.',
    chooseTier: 'Choose a tier.',
    noSuchTier: 'Tier "{{tier}}" is not in the escalation matrix.',
    chooseGroup: 'Choose a group.',
    noSuchGroup: 'Group "{{group}}" is not in {{tier}}.',
    /** `priorities` is a list such as "P1, P2". */
    wrongPriority: '{{group}} does not take {{priority}} escalations (it takes {{priorities}}).',
    needsCall: 'An escalation from a call needs the call it came from.',
    chooseCase: 'Choose the case to escalate.',
  },
  /** Why main refuses a change to a raised escalation; `role` is one of `roles`. */
  change: {
    alreadyResolved: 'This escalation is already resolved.',
    alreadyAcknowledged: 'This escalation is already acknowledged.',
    acknowledgementBeforeRaised: 'The acknowledgement time is before the escalation was raised.',
    resolutionBeforeRaised: 'The resolution time is before the escalation was raised.',
    transferBeforeRaised: 'The transfer time is before the escalation was raised.',
    notificationBeforeRaised: 'The notification time is before the escalation was raised.',
    resolutionBeforeAcknowledgement: 'The resolution time is before the acknowledgement.',
    onlyCallTransfers: 'Only an escalation raised from a call can be transferred.',
    alreadyTransferred: 'This call was already transferred.',
    roleNotInChain: "{{role}} is not in this escalation's chain.",
    roleAlreadyNotified: '{{role}} was already notified.',
    roleAlreadyAcknowledged: '{{role}} was already acknowledged.',
  },
} as const;
