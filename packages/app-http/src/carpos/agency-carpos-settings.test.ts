import { carposSettingsOf } from './agency-carpos-settings';
import type { Agency } from '../identity/identity-view';

const agency = (kind: Agency['kind'], carpos: Agency['carpos'], ori = 'CA019015J'): Agency => ({ ori, name: 'x', kind, county: '19', carpos, version: 1 });

describe('an agency’s CARPOS settings as the gateway reads them', () => {
  it('sends nothing for an unknown agency or one that keys into CLETS itself', () => {
    expect(carposSettingsOf('CA019015J', undefined).submitsThroughRegistry).toBe(false);
    expect(carposSettingsOf('CA019015J', agency('superior-court', { enabled: false })).submitsThroughRegistry).toBe(false);
  });

  it('lets a court submit for itself and a law-enforcement agency as the sheriff, by default', () => {
    expect(carposSettingsOf('CA019015J', agency('superior-court', { enabled: true }))).toEqual({ submitsThroughRegistry: true, submitter: 'court', submitterOri: 'CA019015J' });
    expect(carposSettingsOf('CA0194200', agency('sheriff', { enabled: true }, 'CA0194200'))).toEqual({ submitsThroughRegistry: true, submitter: 'sheriff', submitterOri: 'CA0194200' });
  });

  it('sends a court’s orders under the sheriff’s ORI when the sheriff submits for it', () => {
    expect(carposSettingsOf('CA019015J', agency('superior-court', { enabled: true, submitter: 'sheriff', submitterOri: 'CA0194200' }))).toEqual({
      submitsThroughRegistry: true,
      submitter: 'sheriff',
      submitterOri: 'CA0194200',
    });
  });
});
