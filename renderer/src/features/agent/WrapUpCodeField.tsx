import { useContext, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import {
  Button,
  ComboBox,
  ComboBoxStateContext,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  type ComboBoxState,
  type Key,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { WrapUpCodeOption } from '../../../../shared/agent/contract';
import type { WrapUpCode } from '../../../../shared/config/workflow';
import { filterWrapUpCodes, numberKeyFor, pickByNumberKey } from '../../../../shared/agent/wrap-up';

/** The list shows this many codes at most: typing narrows it, and only the first nine have a number key. */
const SHOWN = 12;

function asCatalog(codes: readonly WrapUpCodeOption[]): WrapUpCode[] {
  return codes.map((c) => ({ ...c, active: true, resolvesByDefault: true }));
}

/**
 * "Wrap-up code": a react-aria ComboBox over the catalog. Typing filters (the catalog's own
 * ranking, shared/agent/wrap-up.ts), arrows move, Enter picks, and while the list is open 1–9
 * pick the numbered entry. Always on screen at the top of the work pane, so it never moves; with
 * no contact to code it is disabled and says why (`disabledReason`).
 *
 * The popover is portalled into `portalContainer` (the wrap-up section) rather than the body, so
 * the options belong to the "Wrap-up" region for assistive technology and for tests.
 */
export function WrapUpCodeField({
  codes,
  value,
  onPick,
  inputRef,
  disabledReason,
  portalContainer,
  extra,
}: {
  codes: readonly WrapUpCodeOption[];
  value: string | null;
  onPick: (code: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** Set when there is nothing to code: the field is disabled and this is its visible description. */
  disabledReason?: string;
  portalContainer?: Element | null;
  /** More description under the field (the after-call work rule), read with it. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation('agent');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const catalog = useMemo(() => asCatalog(codes), [codes]);
  const chosen = codes.find((c) => c.code === value) ?? null;
  // The box follows the value from outside too: a draft coded elsewhere, or the next contact (none yet).
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setQuery(chosen?.label ?? '');
  }
  // After a pick the box shows the chosen label: the list then shows every code again, not just that one.
  const filter = chosen && query === chosen.label ? '' : query;
  const list = useMemo(() => filterWrapUpCodes(catalog, filter).slice(0, SHOWN), [catalog, filter]);
  const disabled = disabledReason !== undefined;
  const state = useRef<ComboBoxState<WrapUpCode> | null>(null);

  const pick = (key: Key | null) => {
    if (key === null) return;
    const code = codes.find((c) => c.code === key);
    if (!code) return;
    onPick(code.code);
    setQuery(code.label);
  };
  // 1–9 pick from the list on screen; modified keys (Ctrl+Enter submits the wrap-up) pass.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || e.ctrlKey || e.altKey || e.metaKey) return;
    const byNumber = pickByNumberKey(list, e.key);
    if (!byNumber) return;
    e.preventDefault();
    pick(byNumber.code);
    setOpen(false);
  };

  return (
    <ComboBox
      className="wrapup-code"
      items={list}
      inputValue={query}
      onInputChange={setQuery}
      selectedKey={value}
      onSelectionChange={pick}
      onOpenChange={setOpen}
      isDisabled={disabled}
      allowsEmptyCollection
      // "manual": only the agent's typing (onInput below), an arrow key or the button opens the list. The box
      // also changes when the draft or the contact does (a pick, the next contact), and that must not open it.
      menuTrigger="manual"
    >
      <StateInto target={state} />
      <Label className="wrapup-code-label">{t('wrapUp.code')}</Label>
      <div className="wrapup-code-box">
        <Input
          ref={inputRef}
          className="wrapup-code-input"
          placeholder={disabled ? '' : (chosen?.label ?? t('wrapUp.codePlaceholder'))}
          onKeyDown={onKeyDown}
          onInput={() => state.current?.open(null, 'input')}
        />
        <Button className="wrapup-code-button" aria-label={t('wrapUp.showCodes')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Text slot="description" className="wrapup-code-chosen">
        {disabled ? (
          <span className="wrapup-code-disabled">{disabledReason}</span>
        ) : chosen ? (
          t('wrapUp.chosen', { label: chosen.label })
        ) : (
          t('wrapUp.noCode')
        )}
        {extra}
      </Text>
      <Popover className="wrapup-code-popover" placement="bottom start" offset={2} UNSTABLE_portalContainer={portalContainer ?? undefined}>
        <ListBox<WrapUpCode>
          className="wrapup-code-list"
          aria-label={t('wrapUp.codes')}
          renderEmptyState={() => <p className="wrapup-code-empty">{t('wrapUp.noMatch')}</p>}
        >
          {(c) => (
            <ListBoxItem id={c.code} textValue={c.label} className="wrapup-code-option">
              <WrapUpOption code={c} index={list.indexOf(c)} />
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** Hands the combobox's state to the field, which opens the list when the agent types. */
function StateInto({ target }: { target: { current: ComboBoxState<WrapUpCode> | null } }) {
  target.current = useContext(ComboBoxStateContext);
  return null;
}

function WrapUpOption({ code, index }: { code: WrapUpCode; index: number }) {
  const { t } = useTranslation('agent');
  const key = numberKeyFor(index);
  return (
    <>
      {key ? <kbd className="wrapup-code-key">{key}</kbd> : <span className="wrapup-code-key" />}
      <span className="wrapup-code-text">
        {code.label} <span className="wrapup-category">{code.category}</span>
        {code.needsNote ? <span className="wrapup-needs-note"> {t('wrapUp.needsNote')}</span> : null}
      </span>
    </>
  );
}
