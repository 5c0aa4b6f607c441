import type { Call, CallEnded, CallOffered, QualitySample, RegistrationState } from '../../shared/telephony/model';

/**
 * What telephony tells the rest of main (agent state, call log, screen pop).
 * The same facts also go to the renderer as bridge events.
 */
export interface TelephonyEvents {
  registration: RegistrationState;
  /** An inbound call is ringing, before it is answered: screen pop starts here. */
  callOffered: CallOffered;
  /** A call is connected (inbound answered, or outbound picked up). */
  callAnswered: Call;
  /** The far end accepted our hold. */
  callHeld: Call;
  /** The far end accepted our resume. */
  callResumed: Call;
  /** Any change to a call. */
  callUpdated: Call;
  /**
   * The call is over, this very moment (its record without the quality, which the media engine
   * answers a round trip later): the agent state moves on at once, so the next caller is not
   * refused as busy.
   */
  callOver: CallEnded;
  /** The media engine's last quality readings of an ended call, just before its record: for the diagnostics zip. */
  callSamples: { callId: string; samples: QualitySample[] };
  /** The call's record, with the quality the media engine measured: what the call log stores. */
  callEnded: CallEnded;
}
