import Mustache from 'mustache';
import type { NotificationKind } from '@ccpor/adapters';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a template may use. Only what the recipient needs: never another person's name or address. */
export interface TemplateData {
  readonly caseNumber: string;
  readonly courtName: string;
  readonly formTitle: string;
  readonly orderUrl: string;
  readonly unsubscribeUrl: string;
  /** California local dates, written for people. */
  readonly expiresOn?: string;
  readonly servedOn?: string;
  readonly deadline?: string;
  readonly renewalOpens?: string;
  readonly renewalCloses?: string;
}

interface Template {
  readonly subject: string;
  /** Plain text; rendered without HTML escaping. */
  readonly text: string;
  /** The body of the HTML part (rendered with escaping, inside the shared layout). */
  readonly html: string;
}

/**
 * Templates per notification and language (ADR 0073), logic-less (Mustache): every value is
 * escaped in HTML, and a template cannot reach anything but `TemplateData`.
 */
export const TEMPLATES: Readonly<Record<NotificationKind, Readonly<Record<Language, Template>>>> = {
  'doj-rejected': {
    en: {
      subject: 'DOJ rejected order {{caseNumber}}: correction needed',
      text: 'The California DOJ rejected the registry\'s submission of order {{caseNumber}} ({{formTitle}}, {{courtName}}).\n\nA CLETS-certified user must review DOJ\'s answer and correct the order in CCPOR: {{orderUrl}}\n\nYou receive this as designated staff of your agency. To stop: {{unsubscribeUrl}}\n',
      html: '<p>The California DOJ rejected the registry\'s submission of order <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}).</p><p>A CLETS-certified user must review DOJ\'s answer and correct the order in CCPOR: <a href="{{orderUrl}}">open the order</a>.</p>',
    },
    es: {
      subject: 'El DOJ rechazó la orden {{caseNumber}}: se necesita una corrección',
      text: 'El DOJ de California rechazó el envío de la orden {{caseNumber}} ({{formTitle}}, {{courtName}}).\n\nUn usuario con certificación CLETS debe revisar la respuesta del DOJ y corregir la orden en CCPOR: {{orderUrl}}\n\nRecibe este aviso como personal designado de su agencia. Para dejar de recibirlo: {{unsubscribeUrl}}\n',
      html: '<p>El DOJ de California rechazó el envío de la orden <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}).</p><p>Un usuario con certificación CLETS debe revisar la respuesta del DOJ y corregir la orden en CCPOR: <a href="{{orderUrl}}">abrir la orden</a>.</p>',
    },
  },
  'doj-deadline-passed': {
    en: {
      subject: 'Order {{caseNumber}} is past its DOJ deadline',
      text: 'Order {{caseNumber}} ({{formTitle}}, {{courtName}}) had to reach the California DOJ by {{deadline}} (Fam. Code 6380) and DOJ has not acknowledged it.\n\nCheck the order and the CARPOS queues in CCPOR: {{orderUrl}}\n\nYou receive this as designated staff of your agency. To stop: {{unsubscribeUrl}}\n',
      html: '<p>Order <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) had to reach the California DOJ by <strong>{{deadline}}</strong> (Fam. Code 6380) and DOJ has not acknowledged it.</p><p>Check the order and the CARPOS queues in CCPOR: <a href="{{orderUrl}}">open the order</a>.</p>',
    },
    es: {
      subject: 'La orden {{caseNumber}} venció su plazo ante el DOJ',
      text: 'La orden {{caseNumber}} ({{formTitle}}, {{courtName}}) debía llegar al DOJ de California a más tardar el {{deadline}} (Código de Familia 6380) y el DOJ no ha confirmado su recepción.\n\nRevise la orden y las colas de CARPOS en CCPOR: {{orderUrl}}\n\nRecibe este aviso como personal designado de su agencia. Para dejar de recibirlo: {{unsubscribeUrl}}\n',
      html: '<p>La orden <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) debía llegar al DOJ de California a más tardar el <strong>{{deadline}}</strong> (Código de Familia 6380) y el DOJ no ha confirmado su recepción.</p><p>Revise la orden y las colas de CARPOS en CCPOR: <a href="{{orderUrl}}">abrir la orden</a>.</p>',
    },
  },
  'renewal-window': {
    en: {
      subject: 'Order {{caseNumber}} can now be renewed',
      text: 'Order {{caseNumber}} ({{formTitle}}, {{courtName}}) expires on {{expiresOn}}. A request to renew it may be filed from {{renewalOpens}} until {{renewalCloses}}.\n\nThe order in CCPOR: {{orderUrl}}\n\nYou receive this as designated staff of your agency. To stop: {{unsubscribeUrl}}\n',
      html: '<p>Order <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) expires on <strong>{{expiresOn}}</strong>. A request to renew it may be filed from {{renewalOpens}} until {{renewalCloses}}.</p><p><a href="{{orderUrl}}">Open the order in CCPOR</a>.</p>',
    },
    es: {
      subject: 'La orden {{caseNumber}} ya puede renovarse',
      text: 'La orden {{caseNumber}} ({{formTitle}}, {{courtName}}) vence el {{expiresOn}}. La solicitud de renovación puede presentarse desde el {{renewalOpens}} hasta el {{renewalCloses}}.\n\nLa orden en CCPOR: {{orderUrl}}\n\nRecibe este aviso como personal designado de su agencia. Para dejar de recibirlo: {{unsubscribeUrl}}\n',
      html: '<p>La orden <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) vence el <strong>{{expiresOn}}</strong>. La solicitud de renovación puede presentarse desde el {{renewalOpens}} hasta el {{renewalCloses}}.</p><p><a href="{{orderUrl}}">Abrir la orden en CCPOR</a>.</p>',
    },
  },
  'firearm-receipt-overdue': {
    en: {
      subject: 'Order {{caseNumber}}: no firearm relinquishment receipt filed',
      text: 'The restrained person in order {{caseNumber}} ({{formTitle}}, {{courtName}}) had to file the receipt for relinquished firearms by {{deadline}} (48 hours after service; Fam. Code 6389(c)(2)). No receipt is recorded in CCPOR.\n\nThe court may set a review or refer the matter to law enforcement. The order in CCPOR: {{orderUrl}}\n\nYou receive this as designated staff of your agency. To stop: {{unsubscribeUrl}}\n',
      html: '<p>The restrained person in order <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) had to file the receipt for relinquished firearms by <strong>{{deadline}}</strong> (48 hours after service; Fam. Code 6389(c)(2)). No receipt is recorded in CCPOR.</p><p>The court may set a review or refer the matter to law enforcement: <a href="{{orderUrl}}">open the order</a>.</p>',
    },
    es: {
      subject: 'Orden {{caseNumber}}: no se presentó el recibo de entrega de armas',
      text: 'La persona restringida en la orden {{caseNumber}} ({{formTitle}}, {{courtName}}) debía presentar el recibo de entrega de armas de fuego a más tardar el {{deadline}} (48 horas después de la notificación; Código de Familia 6389(c)(2)). CCPOR no tiene registrado ningún recibo.\n\nEl tribunal puede fijar una revisión o remitir el asunto a las autoridades. La orden en CCPOR: {{orderUrl}}\n\nRecibe este aviso como personal designado de su agencia. Para dejar de recibirlo: {{unsubscribeUrl}}\n',
      html: '<p>La persona restringida en la orden <strong>{{caseNumber}}</strong> ({{formTitle}}, {{courtName}}) debía presentar el recibo de entrega de armas de fuego a más tardar el <strong>{{deadline}}</strong> (48 horas después de la notificación; Código de Familia 6389(c)(2)). CCPOR no tiene registrado ningún recibo.</p><p>El tribunal puede fijar una revisión o remitir el asunto a las autoridades: <a href="{{orderUrl}}">abrir la orden</a>.</p>',
    },
  },
  'service-recorded': {
    en: {
      subject: 'Your protective order {{caseNumber}} has been served',
      text: 'The restrained person was served with protective order {{caseNumber}} ({{courtName}}) on {{servedOn}}.\n\nKeep a copy of your order with you. If you are in danger, call 911.\n\nYou asked to be told about this order. To stop these e-mails: {{unsubscribeUrl}}\n',
      html: '<p>The restrained person was served with protective order <strong>{{caseNumber}}</strong> ({{courtName}}) on <strong>{{servedOn}}</strong>.</p><p>Keep a copy of your order with you. If you are in danger, call 911.</p>',
    },
    es: {
      subject: 'Su orden de protección {{caseNumber}} fue notificada',
      text: 'La persona restringida recibió la notificación de la orden de protección {{caseNumber}} ({{courtName}}) el {{servedOn}}.\n\nLleve consigo una copia de su orden. Si está en peligro, llame al 911.\n\nUsted pidió recibir avisos sobre esta orden. Para dejar de recibirlos: {{unsubscribeUrl}}\n',
      html: '<p>La persona restringida recibió la notificación de la orden de protección <strong>{{caseNumber}}</strong> ({{courtName}}) el <strong>{{servedOn}}</strong>.</p><p>Lleve consigo una copia de su orden. Si está en peligro, llame al 911.</p>',
    },
  },
  'expiry-upcoming': {
    en: {
      subject: 'Your protective order {{caseNumber}} expires on {{expiresOn}}',
      text: 'Protective order {{caseNumber}} ({{courtName}}) expires on {{expiresOn}}.\n\nIf you need protection after that date, ask the court about renewing the order before it expires.\n\nYou asked to be told about this order. To stop these e-mails: {{unsubscribeUrl}}\n',
      html: '<p>Protective order <strong>{{caseNumber}}</strong> ({{courtName}}) expires on <strong>{{expiresOn}}</strong>.</p><p>If you need protection after that date, ask the court about renewing the order before it expires.</p>',
    },
    es: {
      subject: 'Su orden de protección {{caseNumber}} vence el {{expiresOn}}',
      text: 'La orden de protección {{caseNumber}} ({{courtName}}) vence el {{expiresOn}}.\n\nSi necesita protección después de esa fecha, consulte al tribunal sobre la renovación de la orden antes de que venza.\n\nUsted pidió recibir avisos sobre esta orden. Para dejar de recibirlos: {{unsubscribeUrl}}\n',
      html: '<p>La orden de protección <strong>{{caseNumber}}</strong> ({{courtName}}) vence el <strong>{{expiresOn}}</strong>.</p><p>Si necesita protección después de esa fecha, consulte al tribunal sobre la renovación de la orden antes de que venza.</p>',
    },
  },
};

const LAYOUT: Readonly<Record<Language, { footer: string; unsubscribe: string }>> = {
  en: { footer: 'California Courts Protective Order Registry (CCPOR)', unsubscribe: 'Stop these e-mails' },
  es: { footer: 'Registro de Órdenes de Protección de los Tribunales de California (CCPOR)', unsubscribe: 'Dejar de recibir estos correos' },
};

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const noEscape = { escape: (s: unknown) => String(s) };

export const renderNotification = (kind: NotificationKind, language: Language, data: TemplateData): RenderedMail => {
  const t = TEMPLATES[kind][language];
  const layout = LAYOUT[language];
  const body = Mustache.render(t.html, data);
  const html = Mustache.render(
    '<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b">{{{body}}}<hr><p style="font-size:13px;color:#565c65">{{footer}} · <a href="{{unsubscribeUrl}}">{{unsubscribe}}</a></p></body></html>',
    { lang: language, subject: Mustache.render(t.subject, data, {}, noEscape), body, footer: layout.footer, unsubscribe: layout.unsubscribe, unsubscribeUrl: data.unsubscribeUrl },
  );
  return { subject: Mustache.render(t.subject, data, {}, noEscape), text: Mustache.render(t.text, data, {}, noEscape), html };
};

/** Sample values for previews in the administration (invented; no real order). */
export const SAMPLE_DATA: TemplateData = {
  caseNumber: '26FL001234',
  courtName: 'Superior Court of California, County of Los Angeles',
  formTitle: 'Restraining Order After Hearing (Domestic Violence)',
  orderUrl: 'https://ccpor.example/orders/3f1c7a52-8d4e-4b6a-9c1d-2e5f7a9b0c11',
  unsubscribeUrl: 'https://ccpor.example/api/v1/notifications/unsubscribe?c=sample&s=sample',
  expiresOn: '2029-03-02',
  servedOn: '2026-03-03',
  deadline: '2026-03-03 23:59',
  renewalOpens: '2028-12-02',
  renewalCloses: '2029-03-02',
};
