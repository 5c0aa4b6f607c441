import type { AgentDeskView } from '../../shared/agent/contract';
import type { Feature } from '../core/feature';
import type { AgentDeskStorePort } from '../store/ports';
import { CallLoop, type CallLoopOptions } from './call-loop';
import { openAgentReminders, type AgentRemindersOptions, type CallbackReminders } from './callback-reminders';
import { ContactDesk } from './contact-desk';

export type AgentDeskOptions = Omit<CallLoopOptions, 'store' | 'reminders'> & {
  store: AgentDeskStorePort;
  /** Where a callback reminder shows when the window is not in front (callback-reminders.ts). */
  platform?: AgentRemindersOptions['platform'];
};

/**
 * The agent desk as the core holds it: the call loop (call-loop.ts), the contact desk that files
 * the loop's contact on screen (contact-desk.ts), and the reminders of the callbacks promised in
 * wrap-ups.
 */
export class AgentDesk {
  private constructor(
    readonly loop: CallLoop,
    readonly contacts: ContactDesk,
    /** Also My callbacks' (callback-list.ts): it moves and cancels them. */
    readonly reminders: CallbackReminders,
  ) {}

  static async open(options: AgentDeskOptions): Promise<AgentDesk> {
    const reminders = await openAgentReminders({ ...options, notify: (notice) => options.emit('app.notice', notice) });
    try {
      const loop = await CallLoop.open({ ...options, reminders });
      return new AgentDesk(loop, new ContactDesk({ ...options, loop }), reminders);
    } catch (error) {
      reminders.close();
      throw error;
    }
  }

  view(): AgentDeskView {
    return this.loop.view();
  }

  /** Resolves when every store write queued so far, by either desk, is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  async close(): Promise<void> {
    this.reminders.close();
    await this.loop.close();
  }
}

/** The agent desk as a feature: the desk, and its `agent.*` commands sent to the unit that owns each. */
export async function createAgentFeature(options: AgentDeskOptions): Promise<Feature & { service: AgentDesk; close(): Promise<void> }> {
  const desk = await AgentDesk.open(options);
  const { loop, contacts } = desk;
  return {
    name: 'agent',
    service: desk,
    handlers: {
      'agent.getView': () => loop.view(),
      'agent.setState': (request) => loop.setState(request),
      'agent.extendWrapUp': () => loop.extendWrapUp(),
      'agent.saveWrapUpDraft': ({ interactionId, changes }) => loop.saveWrapUpDraft(interactionId, changes),
      'agent.submitWrapUp': ({ interactionId, changes }) => loop.submitWrapUp(interactionId, changes),
      'agent.pickCustomer': ({ customerId, caseId, saveNumber }) =>
        contacts.pickCustomer(customerId, caseId, { saveNumber: saveNumber === true }),
      'agent.createCustomer': ({ name }) => contacts.createCustomer(name),
      'agent.moveInteraction': ({ interactionId, to }) => contacts.moveInteraction(interactionId, to),
      'agent.logContact': (request) => contacts.logContact(request),
    },
    close: () => desk.close(),
  };
}
