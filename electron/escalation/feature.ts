import type { WorkflowConfig } from '../../shared/config/workflow';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import type { TelephonyService } from '../telephony/telephony-service';
import { EscalationService, type EscalationServiceOptions, type EscalationStore, type WarmTransferPort } from './escalation-service';

/** A warm transfer over the app's telephony service (consultation leg with the case context; the agent completes or cancels). */
export function telephonyTransferPort(telephony: TelephonyService): WarmTransferPort {
  return {
    consult: (callId, target, context) => telephony.calls.consult(callId, target, context),
    whenConnected(callId, listener) {
      let done = false;
      const finish = (outcome: 'connected' | 'cancelled' | 'failed'): void => {
        if (done) return;
        done = true;
        offAnswered();
        offEnded();
        listener(outcome);
      };
      const offAnswered = telephony.events.on('callAnswered', (call) => {
        if (call.id === callId) finish('connected');
      });
      const offEnded = telephony.events.on('callOver', (ended) => {
        if (ended.callId === callId) finish(ended.endReason === 'cancelled' || ended.endReason === 'local-hangup' ? 'cancelled' : 'failed');
      });
    },
    whenEnded(callId, listener) {
      const off = telephony.events.on('callOver', (ended) => {
        if (ended.callId !== callId) return;
        off();
        listener(ended.endReason === 'transferred');
      });
    },
  };
}

/**
 * Escalations over the app's store: the service, its `escalation.*` commands, and its changes and
 * alerts forwarded to the renderer (alerts also as notices the agent reads).
 */
export async function createEscalationFeature(options: {
  bridge: Pick<BridgeServer, 'emit'>;
  store: EscalationStore;
  config: () => Pick<WorkflowConfig, 'escalationMatrix' | 'sla'>;
  agentId: () => string;
  scheduler: Scheduler;
  log: Logger;
  telephony: TelephonyService | null;
  /** SLA alerts to chat webhooks (electron/alerts/feature.ts). */
  raiseAlert?: EscalationServiceOptions['raiseAlert'];
}): Promise<Feature & { service: EscalationService }> {
  const { bridge } = options;
  const service = new EscalationService({
    store: options.store,
    config: options.config,
    agentId: options.agentId,
    scheduler: options.scheduler,
    log: options.log,
    transfer: options.telephony ? telephonyTransferPort(options.telephony) : null,
    raiseAlert: options.raiseAlert,
    onChanged: (record) => bridge.emit('escalation.changed', record),
    onAlert: (alert) => {
      bridge.emit('escalation.alert', alert);
      bridge.emit('app.notice', {
        id: `escalation-${alert.kind}-${alert.escalationId}-${alert.at}`.slice(0, 64),
        level: alert.kind === 'at-risk' ? 'warning' : alert.kind === 'transfer' ? 'warning' : 'error',
        message: alert.message,
      });
    },
  });
  await service.start();
  return {
    name: 'escalation',
    service,
    handlers: {
      'escalation.options': () => service.formOptions(),
      'escalation.create': (request) => service.create(request),
      'escalation.list': (request) => service.list(request),
      'escalation.acknowledge': ({ id }) => service.acknowledge(id),
      'escalation.resolve': ({ id }) => service.resolve(id),
    },
    close: () => service.close(),
  };
}
