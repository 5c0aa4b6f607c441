/** English messages of the "statusFeed" namespace: the source catalog; the other languages must have every key. */
export default {
  banner: {
    label: 'Service status',
    outages: 'Outages',
    incidents: 'Active incidents',
  },
  impact: {
    critical: 'Critical outage',
    major: 'Major outage',
    minor: 'Minor incident',
    none: 'Incident',
    maintenance: 'Maintenance in progress',
    unknown: 'Incident',
  },
  status: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    inProgress: 'In progress',
    verifying: 'Verifying',
    unknown: 'Ongoing',
  },
  summary: '({{impact}}, {{status}})',
  affects: ' · Affects: {{components}}',
  updateAt: 'Update {{time}}: ',
  latestUpdate: 'Latest update: ',
  statusPage: 'Status page for {{name}}',
  unavailable: 'Status feed unavailable. Calls are not affected.',
  unavailableSince: 'Status feed unavailable (last read {{time}}). Calls are not affected.',
  reason: ' Reason: {{reason}}',
} as const;
