import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { selectionHref, type Select } from './use-selection.js';
import type { Selection } from './url-state.js';

interface Navigation {
  readonly selection: Selection;
  readonly select: Select;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ selection, select, children }: Navigation & { readonly children: ReactNode }) {
  return <NavigationContext.Provider value={{ selection, select }}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (navigation === null) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

export interface SelectionLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'children'> {
  readonly to: Selection;
  readonly children: ReactNode;
}

/**
 * A real link (it opens in a new tab, it can be copied) that, when simply clicked, changes the page
 * in place instead of loading it again.
 */
export function SelectionLink({ to, children, ...rest }: SelectionLinkProps) {
  const { select } = useNavigation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    select(to);
  };
  return (
    <a href={selectionHref(to)} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
