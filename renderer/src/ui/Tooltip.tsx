import type { DOMAttributes, ReactElement } from 'react';
import { Focusable, Tooltip as AriaTooltip, TooltipTrigger } from 'react-aria-components';

/**
 * A short hint beside a control, on hover and on keyboard focus (react-aria-components'
 * TooltipTrigger), instead of a `title` attribute, which keyboard users never see and which
 * screen readers read inconsistently. The child must be one focusable element (a native
 * <button> or <input>); it gets the tooltip's aria-describedby while the tooltip shows.
 *
 * A control that does not apply right now should stay focusable (`aria-disabled`, not
 * `disabled`) so the tooltip can say why: a disabled element gets no hover or focus.
 */
export function Tooltip({
  text,
  children,
  placement = 'bottom',
}: {
  text: string;
  children: ReactElement<DOMAttributes<HTMLElement>, string>;
  placement?: 'top' | 'bottom' | 'start' | 'end';
}) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      <Focusable>{children}</Focusable>
      <AriaTooltip className="ui-tooltip" placement={placement} offset={6}>
        {text}
      </AriaTooltip>
    </TooltipTrigger>
  );
}
