import { SAMPLE_IMAGE, SAMPLE_ORDER_ID_2, sampleOrderDetails } from '@ccpor/test-kit';
import { addCommand, addedOrder, cmd, COURT_ORI, history, ID, spec } from './given';

const clone = (issued: boolean, form?: string) =>
  cmd({
    type: 'CloneOrder',
    orderId: SAMPLE_ORDER_ID_2,
    at: '2026-03-20T11:00:00-07:00',
    enteringAgencyOri: COURT_ORI,
    source: { orderId: ID, issued, details: sampleOrderDetails({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } }) },
    ...(form ? { form } : {}),
  } as never);

describe('cloning: the temporary order becomes the order after hearing', () => {
  it('starts a new draft naming its source, with parties and terms but without dates or hearing', () =>
    spec.given([]).when(clone(true, 'DV-130')).thenEvents((events, state) => {
      expect(events).toHaveLength(1);
      expect(events[0]?.type).toBe('OrderCloned');
      const data = events[0]?.data as { sourceOrderId: string; details: Record<string, unknown> };
      expect(data.sourceOrderId).toBe(ID);
      expect(data.details.form).toBe('DV-130');
      expect(data.details.issuedAt).toBeUndefined();
      expect(data.details.hearing).toBeUndefined();
      expect(data.details.restrainedPerson).toEqual(sampleOrderDetails().restrainedPerson);
      expect(state.status === 'draft' && state.clonedFrom).toBe(ID);
    }));

  it('only clones an order that was added', () => spec.given([]).when(clone(false)).thenFails({ code: 'CLONE_SOURCE_NOT_ISSUED' }));

  it('never clones into an existing stream', () =>
    spec.given(history(clone(true))).when(clone(true)).thenFails({ code: 'ORDER_ALREADY_EXISTS' }));
});

describe('order images', () => {
  const attach = (image = SAMPLE_IMAGE) => cmd({ type: 'AttachImage', at: '2026-03-02T12:00:00-08:00', image } as never);
  const other = { ...SAMPLE_IMAGE, sha256: 'b'.repeat(64) };

  it('attaches the signed order’s image', () =>
    spec.given(addedOrder()).when(attach()).thenEvents((_, s) => expect(s.status === 'issued' && s.images).toEqual([SAMPLE_IMAGE])));

  it('attaches to a draft before any data is keyed (image first, data second)', () =>
    spec
      .given(history(cmd({ type: 'CreateDraft', at: '2026-03-02T09:00:00-08:00', enteringAgencyOri: COURT_ORI, details: {} } as never)))
      .when(attach())
      .thenEvents((e) => expect(e).toHaveLength(1)));

  it('keeps images when a draft is added', () => {
    const drafted = history(cmd({ type: 'CreateDraft', at: '2026-03-02T09:00:00-08:00', enteringAgencyOri: COURT_ORI, details: {} } as never), attach());
    spec.given(drafted).when(addCommand()).thenEvents((_, s) => expect(s.status === 'issued' && s.images).toEqual([SAMPLE_IMAGE]));
  });

  it('does not attach the same image twice', () => spec.given(history(addCommand(), attach())).when(attach()).thenFails({ code: 'IMAGE_ALREADY_ATTACHED' }));

  it('replaces a bad scan', () =>
    spec
      .given(history(addCommand(), attach()))
      .when(cmd({ type: 'ReplaceImage', at: '2026-03-02T13:00:00-08:00', previousSha256: SAMPLE_IMAGE.sha256, image: other } as never))
      .thenEvents((_, s) => expect(s.status === 'issued' && s.images.map((i) => i.sha256)).toEqual([other.sha256])));

  it('removes an image and says so when it is not there', () => {
    const withImage = history(addCommand(), attach());
    spec.given(withImage).when(cmd({ type: 'RemoveImage', at: '2026-03-02T13:00:00-08:00', sha256: SAMPLE_IMAGE.sha256, reason: 'wrong case' } as never)).thenEvents((_, s) => expect(s.status === 'issued' && s.images).toEqual([]));
    spec.given(withImage).when(cmd({ type: 'RemoveImage', at: '2026-03-02T13:00:00-08:00', sha256: other.sha256, reason: 'x' } as never)).thenFails({ code: 'IMAGE_NOT_ATTACHED' });
  });
});

describe('DOJ answers recorded on the order', () => {
  const ack = (messageId: string, fcn = '2321234567890') =>
    cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-02T12:00:00-08:00', transaction: 'enter', messageId, fcn, nic: 'H123456789' } as never);

  it('records the FCN and NIC of an acknowledgement', () =>
    spec.given(addedOrder()).when(ack('m-1')).thenEvents((_, s) => expect(s.status === 'issued' && s.doj).toMatchObject({ fcn: '2321234567890', nic: 'H123456789' })));

  it('recognises a duplicated acknowledgement and records nothing', () => spec.given(history(addCommand(), ack('m-1'))).when(ack('m-1')).then([]));

  it('flags an acknowledgement under a different FCN', () =>
    spec.given(history(addCommand(), ack('m-1'))).when(ack('m-2', '2329999999999')).thenFails({ code: 'DOJ_RECORD_CONFLICT' }));

  it('records a rejection with the fields in error', () =>
    spec
      .given(addedOrder())
      .when(cmd({ type: 'RecordDojRejection', at: '2026-03-02T12:00:00-08:00', transaction: 'enter', messageId: 'm-1', errors: [{ field: 'HGT', reason: 'height out of range' }] } as never))
      .thenEvents((_, s) => expect(s.status === 'issued' && s.doj.lastRejection?.errors).toEqual([{ field: 'HGT', reason: 'height out of range' }])));
});

describe('review of DOJ answers by a CLETS-certified user', () => {
  const ack = cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-02T12:00:00-08:00', transaction: 'enter', messageId: 'm-1', fcn: '2321234567890' } as never);
  const review = (messageId: string) => cmd({ type: 'ReviewDojResponse', at: '2026-03-02T13:00:00-08:00', messageId, outcome: 'accurate' } as never);

  it('queues an acknowledgement for review and takes it off the queue once reviewed', () => {
    const acked = history(addCommand(), ack);
    spec.given(acked).when(review('m-1')).thenEvents((events, s) => {
      expect(events[0]?.type).toBe('DojResponseReviewed');
      expect(s.status === 'issued' && s.doj.awaitingReview).toEqual([]);
    });
  });

  it('refuses to review an answer that is not waiting', () => {
    spec.given(addedOrder()).when(review('m-1')).thenFails({ code: 'DOJ_RESPONSE_NOT_PENDING' });
    spec.given(history(addCommand(), ack, review('m-1'))).when(review('m-1')).thenFails({ code: 'DOJ_RESPONSE_NOT_PENDING' });
  });
});
