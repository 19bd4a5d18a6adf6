import { useEffect, useState, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

/** Side by side needs room; at 200% zoom or on a narrow window the image goes below the data (WCAG 1.4.10). */
const WIDE = '(min-width: 60em)';

const useWide = (): boolean => {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const m = window.matchMedia(WIDE);
    const on = () => setWide(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return wide;
};

/**
 * The order's data and its image side by side, split where the clerk last left it (kept in this
 * browser). The separator is a focusable slider: arrow keys move it.
 */
export const OrderSplit = ({ data, image }: { data: ReactNode; image: ReactNode }) => {
  const wide = useWide();
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({ id: 'ccpor-order-split', storage: localStorage, panelIds: ['data', 'image'] });
  if (!wide)
    return (
      <div className="ccpor-split ccpor-split--stacked">
        <div className="ccpor-split__data">{data}</div>
        <div className="ccpor-split__image">{image}</div>
      </div>
    );
  // The group sets its own height to 100% (inline), so the frame around it holds the split's height.
  return (
    <div className="ccpor-split-frame">
    <Group orientation="horizontal" className="ccpor-split" defaultLayout={defaultLayout ?? { data: 55, image: 45 }} onLayoutChanged={onLayoutChanged} id="ccpor-order-split">
      <Panel id="data" minSize="30" className="ccpor-split__data">
        {data}
      </Panel>
      <Separator className="ccpor-split__handle" aria-label="Resize: order data and image" />
      <Panel id="image" minSize="25" className="ccpor-split__image">
        {image}
      </Panel>
    </Group>
    </div>
  );
};
