import type { GuidedScript } from '../../shared/config/workflow';
import { BridgeError } from '../../shared/bridge/errors';
import { userText } from '../../shared/text/user-text';
import type { EventChannel } from '../../shared/bridge/channels';
import type { EventPayload } from '../../shared/bridge/events';
import type { ScriptsView } from '../../shared/scripts/contract';
import { addRun, applyStep, closeRun, startedPaymentStep, type StepAction } from '../../shared/scripts/guided-scripts';
import type { ScriptRun } from '../../shared/scripts/script-run';
import type { CallEnded } from '../../shared/telephony/model';
import type { Logger } from '../logging/logger';
import type { StoreOps } from '../store/op-table';

/** The call a contact is while it is up; null when it is over. Undefined: not a contact the agent works on (not on screen, no wrap-up owed). */
export type ContactCall = (interactionId: string) => { callId: string | null } | undefined;

export interface GuidedScriptsOptions {
  store: Pick<StoreOps, 'commitLocal' | 'getInteraction'>;
  /** The phone's one entry point for a recording pause (CallManager.pauseRecording / resumeRecording). */
  recording: { pause(callId: string): Promise<void>; resume(callId: string): Promise<void> };
  catalog: () => readonly GuidedScript[];
  contactCall: ContactCall;
  /** Telephony's "call over" events: a payment step under way ends with its call. */
  onCallOver: (listener: (ended: CallEnded) => void) => () => void;
  now: () => number;
  emit: <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;
  log: Logger;
}

interface ContactRuns {
  runs: ScriptRun[];
  /** The call a payment step paused, while it is paused. */
  pausedCall: string | null;
}

/**
 * Guided scripts in main: the runs of each contact the agent works on, every change committed to
 * the store before it is answered (the store keeps them from the first tick and puts them on the
 * contact's interaction, which syncs them), and the recording pause of a payment step: starting it
 * pauses the call's recording (origin `script`, logged with the call's paused intervals like the
 * button's), ticking it done or closing its script resumes it, and the call's end ends it.
 */
export class GuidedScripts {
  private readonly contacts = new Map<string, ContactRuns>();
  /** One change at a time: a tick waits for a pause still on its way. */
  private work: Promise<unknown> = Promise.resolve();
  private readonly off: () => void;

  constructor(private readonly options: GuidedScriptsOptions) {
    this.off = options.onCallOver((ended) => void this.serial(() => this.callOver(ended.callId)).catch(() => undefined));
  }

  get(interactionId: string): Promise<ScriptsView> {
    return this.serial(async () => this.view(interactionId, await this.load(interactionId)));
  }

  open(interactionId: string, scriptId: string): Promise<ScriptsView> {
    return this.serial(async () => {
      const contact = await this.workedOn(interactionId);
      const script = this.options.catalog().find((s) => s.id === scriptId);
      if (!script) throw new BridgeError('not-found', userText('agent.errors.noScript', { script: scriptId }));
      const added = addRun(contact.runs, script, this.options.now());
      if (!added.ok) throw new BridgeError('conflict', added.text);
      await this.save(interactionId, contact, added.runs);
      return this.view(interactionId, contact);
    });
  }

  step(interactionId: string, scriptId: string, stepId: string, action: StepAction): Promise<ScriptsView> {
    return this.serial(async () => {
      const contact = await this.workedOn(interactionId);
      const index = this.openRunIndex(contact, scriptId);
      const run = contact.runs[index]!;
      const result = applyStep(run, stepId, action, this.options.now());
      if (!result.ok) throw new BridgeError('conflict', result.text);
      const before = run.steps.find((s) => s.id === stepId)!;
      if (action === 'start' && before.startedAt === null) await this.pause(interactionId, contact);
      if (action !== 'start' && before.startedAt !== null) await this.resume(contact);
      await this.save(
        interactionId,
        contact,
        contact.runs.map((r, i) => (i === index ? result.run : r)),
      );
      return this.view(interactionId, contact);
    });
  }

  close(interactionId: string, scriptId: string): Promise<ScriptsView> {
    return this.serial(async () => {
      const contact = await this.workedOn(interactionId);
      const index = this.openRunIndex(contact, scriptId);
      const run = contact.runs[index]!;
      if (startedPaymentStep(run)) await this.resume(contact);
      const closed = closeRun(run, this.options.now());
      await this.save(
        interactionId,
        contact,
        contact.runs.map((r, i) => (i === index ? closed : r)),
      );
      return this.view(interactionId, contact);
    });
  }

  /** Resolves when the changes asked so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.work.catch(() => undefined);
  }

  async closeService(): Promise<void> {
    this.off();
    await this.settled();
  }

  // ------------------------------------------------------------------ recording

  private async pause(interactionId: string, contact: ContactRuns): Promise<void> {
    const callId = this.options.contactCall(interactionId)?.callId ?? null;
    if (callId === null) throw new BridgeError('conflict', userText('agent.errors.callEndedForPayment'));
    // The phone's refusal (no pause command set up, the PBX did not confirm) is the agent's answer: the step does not start.
    await this.options.recording.pause(callId);
    contact.pausedCall = callId;
  }

  private async resume(contact: ContactRuns): Promise<void> {
    if (contact.pausedCall === null) return;
    // Not confirmed: the step stays under way, and the agent reads that recording is still paused.
    await this.options.recording.resume(contact.pausedCall);
    contact.pausedCall = null;
  }

  /** The call ended during a payment step: its pause ended with it (the phone closed the interval); the step is no longer under way. */
  private async callOver(callId: string): Promise<void> {
    for (const [interactionId, contact] of this.contacts) {
      if (contact.pausedCall !== callId) continue;
      contact.pausedCall = null;
      const runs = contact.runs.map((run) => ({
        ...run,
        steps: run.steps.map((s) => (s.startedAt !== null ? { ...s, startedAt: null } : s)),
      }));
      await this.save(interactionId, contact, runs);
      this.options.emit('scripts.changed', this.view(interactionId, contact));
    }
  }

  // ------------------------------------------------------------------ records

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task, task);
    this.work = run.catch(() => undefined);
    return run;
  }

  private async load(interactionId: string): Promise<ContactRuns> {
    const known = this.contacts.get(interactionId);
    if (known) return known;
    // After a restart: a logged contact's runs are on its interaction.
    const row = await this.options.store.getInteraction(interactionId);
    const contact: ContactRuns = { runs: row?.guidedScripts ?? [], pausedCall: null };
    this.contacts.set(interactionId, contact);
    return contact;
  }

  private async workedOn(interactionId: string): Promise<ContactRuns> {
    if (this.options.contactCall(interactionId) === undefined) throw new BridgeError('not-found', userText('agent.errors.scriptsClosed'));
    return this.load(interactionId);
  }

  private openRunIndex(contact: ContactRuns, scriptId: string): number {
    const index = contact.runs.findIndex((r) => r.scriptId === scriptId && r.closedAt === null);
    if (index < 0) throw new BridgeError('not-found', userText('agent.errors.scriptNotOpen'));
    return index;
  }

  /** Committed before the change is shown: what the agent sees ticked survives a crash. */
  private async save(interactionId: string, contact: ContactRuns, runs: ScriptRun[]): Promise<void> {
    await this.options.store.commitLocal([{ kind: 'guided-scripts', interactionId, runs }]);
    contact.runs = runs;
    this.options.log.info('guided script changed', {
      scripts: runs.length,
      stepsDone: runs.flatMap((r) => r.steps).filter((s) => s.doneAt !== null).length,
    });
  }

  private view(interactionId: string, contact: ContactRuns): ScriptsView {
    return {
      catalog: [...this.options.catalog()],
      interactionId,
      callId: this.options.contactCall(interactionId)?.callId ?? null,
      runs: contact.runs,
    };
  }
}
