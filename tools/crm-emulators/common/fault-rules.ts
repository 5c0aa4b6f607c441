import { z } from 'zod';

/**
 * The aiming of an emulator's fault switches, shared by the Zendesk and Salesforce emulators: each
 * rule names the requests it hits (method and path pattern) and how many (`times`). What a hit
 * does is the emulator's own business (its faults.ts and server.ts).
 */

/** Path pattern: a RegExp, or a string where `*` matches any run of characters. Default: every path. */
export const faultPathSchema = z.union([z.string().min(1), z.instanceof(RegExp)]).optional();

/** How many matching requests the rule hits; Infinity for all of them. Default 1. */
export const faultTimesSchema = z.number().int().min(1).or(z.literal(Number.POSITIVE_INFINITY)).default(1);

/** What every parsed rule has: the emulator's schema adds its kinds' own settings. */
export interface AimedRule<Kind extends string> {
  kind: Kind;
  path?: string | RegExp;
  method?: string;
  times: number;
}

export interface FaultHandle {
  readonly id: number;
  /** Matching requests the rule will still hit. */
  remaining(): number;
  remove(): void;
}

interface ActiveRule<Rule> {
  id: number;
  rule: Rule;
  matcher: RegExp | null;
  left: number;
}

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class FaultRules<Kind extends string, Input, Rule extends AimedRule<Kind>> {
  private rules: ActiveRule<Rule>[] = [];
  private nextId = 1;
  private listenerDown = false;
  /** How many requests each kind hit so far. */
  readonly injected: Record<Kind, number>;

  constructor(
    kinds: readonly Kind[],
    private readonly parse: (input: Input) => Rule,
    /** Set by the server: closes or reopens the listener on the same port. */
    private readonly setListener: (down: boolean) => Promise<void>,
  ) {
    this.injected = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<Kind, number>;
  }

  add(input: Input): FaultHandle {
    const rule = this.parse(input);
    const active: ActiveRule<Rule> = {
      id: this.nextId++,
      rule,
      matcher: rule.path === undefined ? null : typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path,
      left: rule.times,
    };
    this.rules.push(active);
    return {
      id: active.id,
      remaining: () => active.left,
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules still armed, for diagnostics. */
  list(): (Rule & { id: number; remaining: number })[] {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.left }));
  }

  private find(kind: Kind, method: string, path: string): ActiveRule<Rule> | undefined {
    return this.rules.find(
      (r) => r.rule.kind === kind && r.left > 0 && (!r.rule.method || r.rule.method === method) && (!r.matcher || r.matcher.test(path)),
    );
  }

  /** Uses up one hit of the first matching rule of `kind`; null if none matches. */
  take(kind: Kind, method: string, path: string): Rule | null {
    const active = this.find(kind, method, path);
    if (!active) return null;
    active.left -= 1;
    if (active.left <= 0) this.rules = this.rules.filter((r) => r !== active);
    this.injected[kind] += 1;
    return active.rule;
  }

  /** Whether a rule of `kind` would hit this request, without using it up. */
  armed(kind: Kind, method: string, path: string): boolean {
    return this.find(kind, method, path) !== undefined;
  }

  get down(): boolean {
    return this.listenerDown;
  }

  /** true: stop listening (clients get "connection refused"); false: listen again on the same port. */
  async setDown(down: boolean): Promise<void> {
    if (down === this.listenerDown) return;
    await this.setListener(down);
    this.listenerDown = down;
  }
}
