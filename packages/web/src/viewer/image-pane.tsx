import type { ImageRef } from '@ccpor/domain';
import type { ReactNode } from 'react';
import { imageLabel } from '../order/order-details';
import { DownloadLink, ImageViewer } from './image-viewer';

/** The image half of the split: which image, its download, and the viewer (order page and entry page). */
export const ImagePane = ({ orderId, images, index, onSelect, empty, actions }: { orderId: string; images: readonly ImageRef[]; index: number; onSelect: (i: number) => void; empty: ReactNode; actions?: ReactNode }) => {
  const shown = images[Math.min(index, Math.max(0, images.length - 1))];
  const shownIndex = shown ? images.indexOf(shown) : -1;
  return (
    <div className="ccpor-image-pane">
      <div className="ccpor-image-pane__head">
        <h2 id="image-heading" className="ccpor-nowrap">
          Order image
        </h2>
        {images.length > 1 && (
          <div className="ccpor-image-pane__pick">
            <label className="usa-label" htmlFor="image-pick">
              Show
            </label>
            <select id="image-pick" className="usa-select" value={shownIndex} onChange={(e) => onSelect(Number(e.target.value))}>
              {images.map((img, i) => (
                <option key={img.sha256} value={i}>
                  {imageLabel(img, i)}
                </option>
              ))}
            </select>
          </div>
        )}
        {shown && <DownloadLink orderId={orderId} image={shown} />}
        {actions}
      </div>
      {shown ? <ImageViewer key={shown.sha256} orderId={orderId} image={shown} label={imageLabel(shown, shownIndex)} /> : <div className="ccpor-viewer__none">{empty}</div>}
    </div>
  );
};
