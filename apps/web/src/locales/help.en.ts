import { type HelpContent, SUPPORT_EMAIL } from './help.sv';

// English: the second language of the public pages. Same shape as help.sv.ts.
export const helpEn: HelpContent = {
  footer: {
    nav: 'About the service',
    howItWorks: 'How Återgång works',
    contact: 'Contact',
    accessibility: 'Accessibility',
    privacy: 'Personal data',
    about: 'Återgång is a shared place for the return-to-work plan after sick leave.',
  },
  toSignIn: 'To sign-in',
  toCases: 'To Återgång',
  contents: 'Contents',
  howItWorks: {
    title: 'How Återgång works',
    intro: [
      'Återgång is a shared place for you who are on sick leave and for the people who help you back to work: your employer, healthcare, Försäkringskassan (the Social Insurance Agency) and Arbetsförmedlingen (the Public Employment Service).',
      'It holds the return-to-work plan, meetings, tasks and documents. Everyone sees the same plan and the same dates. The person on sick leave decides what the others may see.',
    ],
    sections: [
      {
        id: 'sjukskriven',
        heading: 'You who are on sick leave',
        paragraphs: [
          'You see everything in your case. Nobody else sees more than you.',
          'The first thing you see is your plan: the goal, when you are expected back and what will happen. You can add your own thoughts and goals to the plan.',
        ],
        items: [
          'You decide who sees what. Under Who sees what you choose, for example, whether your employer may see the plan or the meetings. You can change your mind at any time, and it applies at once.',
          'Your employer never sees medical information, such as a diagnosis or treatment, unless you choose so yourself.',
          'Under Who has looked you see who has read or changed your information, and when. There you can also download a copy of the whole case.',
          'When someone proposes times for a meeting, you answer yes, no or maybe to each time.',
          'Under My tasks you see what you and the others are to do, and when.',
        ],
      },
      {
        id: 'arbetsgivare',
        heading: 'The employer (manager and HR)',
        paragraphs: [
          'As the employer you are responsible for adaptations at the workplace. If the employee is expected to be on sick leave for at least 60 days, you must have a return-to-work plan by day 30 (Social Insurance Code, chapter 30, section 6). Återgång shows the day of the sick period and reminds you in time.',
        ],
        items: [
          "You write the employer's part of the plan: goal, return date, measures at the workplace and how you keep in touch.",
          'If you already have a plan as a document, upload it under Documents.',
          'You see what the employee has consented to, and what you have written yourself.',
          'You can invite people to meetings and give tasks to others in the case.',
        ],
      },
      {
        id: 'varden',
        heading: 'Healthcare (doctor and rehabilitation coordinator)',
        paragraphs: [
          'Healthcare assesses the need for sick leave and plans treatment and rehabilitation. The rehabilitation coordinator can coordinate the efforts (the Act on coordination efforts).',
        ],
        items: [
          'The doctor writes the steps of the sick leave in the plan, for example 100 % and then 50 %.',
          'Treatment and medical certificates are marked as medical. Then only those the person on sick leave has consented to can see them.',
          'You can take part in reconciliation meetings (avstämningsmöten) and answer proposed times.',
        ],
      },
      {
        id: 'forsakringskassan',
        heading: 'Försäkringskassan',
        paragraphs: [
          'Försäkringskassan decides on sickness benefit from day 15 and coordinates the rehabilitation.',
        ],
        items: [
          'The case officer sees the plan and the information the person on sick leave has consented to.',
          'The case officer calls reconciliation meetings and writes the notes from them. Others in the case can ask for a reconciliation meeting.',
          'The case officer can ask the employer for the return-to-work plan.',
        ],
      },
      {
        id: 'arbetsformedlingen',
        heading: 'Arbetsförmedlingen',
        paragraphs: [
          'Arbetsförmedlingen helps with work-oriented measures, for example when returning to the same job is not possible.',
        ],
        items: [
          'The case officer sees only what the person on sick leave has consented to, and what they have written themselves.',
          'The case officer can take part in meetings, for example a joint assessment with Försäkringskassan, and take responsibility for measures in the plan.',
        ],
      },
    ],
  },
  contact: {
    title: 'Contact',
    intro: [
      'Questions about your case? Contact whoever is responsible for that part. Everyone taking part in the case is listed under Participants.',
    ],
    sections: [
      {
        heading: 'Questions about your case',
        items: [
          'About work and adaptations: your manager or HR at your employer.',
          'About care, treatment and medical certificates: your health centre or clinic. Medical advice: call 1177.',
          'About sickness benefit and reconciliation meetings: Försäkringskassan, phone 0771-524 524.',
          'About work-oriented measures: Arbetsförmedlingen, phone 0771-416 416.',
        ],
        after: ['In an emergency: call 112.'],
      },
      {
        heading: 'Questions about the Återgång service',
        paragraphs: [
          `If you cannot sign in, something does not work or you have views on the service: e-mail ${SUPPORT_EMAIL}. Do not write sensitive information about your health in the e-mail. We answer within two working days.`,
        ],
      },
      {
        heading: 'Personal data and accessibility',
        paragraphs: [
          'How we process personal data is described on the Personal data page. How accessible the service is, and how to report shortcomings, is on the Accessibility page.',
        ],
        links: [
          { href: '/personuppgifter', text: 'Personal data' },
          { href: '/tillganglighet', text: 'Accessibility' },
        ],
      },
    ],
  },
  accessibility: {
    title: 'Accessibility statement for Återgång',
    intro: [
      'We want as many people as possible to be able to use Återgång. This statement describes how Återgång complies with the Swedish Act (2018:1937) on accessibility to digital public services, the shortcomings we know of, and how you can report shortcomings to us so that we can fix them.',
    ],
    sections: [
      {
        heading: 'How accessible is the service?',
        paragraphs: [
          'We know that parts of the service are not fully accessible. See Content that is not accessible below.',
        ],
      },
      {
        heading: 'What can you do if you cannot use parts of the service?',
        paragraphs: [
          `If you need content in another format, for example the plan read aloud or as plain text, e-mail ${SUPPORT_EMAIL}. You can also ask whoever is responsible for your case for help. We answer within two working days.`,
        ],
      },
      {
        heading: 'Report shortcomings in accessibility',
        paragraphs: [
          `We keep working to make Återgång more accessible. If you find problems not described on this page, or think we do not meet the requirements of the law, e-mail ${SUPPORT_EMAIL}. Tell us which page it is and what does not work.`,
        ],
      },
      {
        heading: 'Enforcement',
        paragraphs: [
          'The Agency for Digital Government (DIGG) is responsible for enforcing the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can contact DIGG and report it.',
        ],
        links: [
          {
            href: 'https://www.digg.se/tdosanmalan',
            text: 'Report lack of accessibility to DIGG (in Swedish)',
          },
        ],
      },
      {
        heading: 'Technical information about the accessibility of the service',
        paragraphs: [
          'Återgång is partially compliant with the Act on accessibility to digital public services, because of the shortcomings described below. The goal is level AA of the WCAG 2.1 standard.',
        ],
      },
      {
        heading: 'Content that is not accessible',
        items: [
          'The plan as PDF and the copy of the case as PDF are not tagged. A screen reader may then find it hard to read them in the right order (WCAG 1.3.1). The same content is on the web pages, and the copy is also available as a machine-readable file.',
          'Documents that participants upload, such as scanned certificates, may lack text a screen reader can read (WCAG 1.1.1). They are made by the organisations that upload them, not by us.',
          "The charts on organisations' statistics page cannot be read by a screen reader the way text can (WCAG 1.1.1). The same figures are shown in a table below the chart.",
          'Video meetings are held in other services, through the link in the meeting. Their accessibility is described by whoever provides them.',
          'Signing in with e-ID takes place at the e-ID issuer.',
        ],
      },
      {
        heading: 'How we tested the service',
        paragraphs: [
          'We assessed Återgång ourselves (self-assessment). Every page is tested automatically with the axe tool against WCAG 2.1 levels A and AA, in the Chromium browser, also on narrow phone screens (360 pixels). We have also gone through the pages with the keyboard only. The latest assessment was made on 3 December 2026.',
        ],
      },
    ],
    updated: 'This statement was last updated on 3 December 2026.',
  },
  privacy: {
    title: 'How we process personal data',
    intro: [
      'Återgång holds information about you who are on sick leave and about those who work on your case. Some of it concerns your health. This page says who is responsible for the information, why it is processed, how long it is kept and what rights you have.',
    ],
    sections: [
      {
        heading: 'Who is responsible for the information?',
        paragraphs: [
          'Each organisation taking part in your case is the controller of the information it enters and reads itself: your employer, the care provider, Försäkringskassan and Arbetsförmedlingen. Whoever runs Återgång processes the information on their behalf, as a processor, under an agreement with each of them.',
          `Each organisation has a data protection officer you can contact; the organisation has the contact details. Questions about the service can be sent to ${SUPPORT_EMAIL}.`,
        ],
      },
      {
        heading: 'Why is the information processed?',
        items: [
          'To make and follow up the return-to-work plan.',
          'To arrange meetings, such as reconciliation meetings, and share tasks between those taking part.',
          'To keep a log of who has read and changed the information, so that you and the organisations can check it.',
          'So that the organisations can follow up their work with statistics. The statistics show only numbers, never names or personal identity numbers.',
        ],
      },
      {
        heading: 'What information?',
        paragraphs: [
          'Name, e-mail address and personal identity number. The dates and degree of the sick period. The plan, meetings and notes, tasks and documents. Medical information, such as diagnosis, treatment and medical certificates. The personal identity number is never shown to the other participants.',
        ],
      },
      {
        heading: 'Legal basis',
        paragraphs: [
          "The organisations process the information to meet their legal obligations and as part of their public task (GDPR article 6(1)(c) and (e)): the employer's rehabilitation duty (the Work Environment Act and the Social Insurance Code, chapter 30), the tasks of Försäkringskassan and Arbetsförmedlingen, and healthcare's task under the Patient Data Act.",
          'Information about health is sensitive personal data (article 9). Here it may be processed for obligations in employment and social security law (article 9(2)(b)) and for health care and treatment (article 9(2)(h)).',
          'Your consent in Återgång is something else: it is your permission to lift secrecy towards a named party for named information (Public Access to Information and Secrecy Act, chapter 12, section 2). You can withdraw it at any time, and it applies at once. What you withdraw, the party can no longer see in Återgång.',
        ],
      },
      {
        heading: 'How long is the information kept?',
        paragraphs: [
          "The information is kept while the case is open. After the case is closed it is kept as long as each organisation's archiving and disposal rules require, and then removed. The log of who has read and changed the information is kept for at least five years and cannot be changed afterwards.",
        ],
      },
      {
        heading: 'Your rights',
        items: [
          'You may see what information there is about you. Under Who has looked you can download a copy of the whole case, as PDF or as a machine-readable file.',
          'You may see who has read or changed your information, and when, under Who has looked.',
          'You can ask for incorrect information to be corrected.',
          'In some cases you can ask for information to be erased or its processing restricted, and you can object to the processing. Information that an authority or healthcare must keep may not be erased.',
          'You can complain to the Swedish Authority for Privacy Protection (IMY) if you think the information is processed wrongly.',
        ],
        links: [
          { href: 'https://www.imy.se', text: 'Swedish Authority for Privacy Protection, imy.se' },
        ],
      },
      {
        heading: 'Security and cookies',
        paragraphs: [
          'The connection is encrypted. Each organisation sees only what it is entitled to, and every read is logged.',
          'Återgång uses one cookie that is needed to keep you signed in. Your choice of language is saved in the browser. We use no cookies for statistics or marketing.',
        ],
      },
    ],
    updated: 'This text was last reviewed on 3 December 2026.',
  },
};
