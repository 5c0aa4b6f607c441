/** English messages of the "firstRun" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'Getting started',
  localStore:
    'Switchboard is ready to use: customers, cases and your work are kept in the local store on this computer, and they are sent to the CRM once a sync server is set up.',
  phone:
    'To take and make calls, enter your SIP account (server, domain, username and password) under “Phone settings” (the gear button) in the phone bar.',
  setUpPhone: 'Set up the phone',
  hide: 'Hide this guide',
} as const;
