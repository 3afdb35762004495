// The portal's standard agreement template ("version 0"): shown until an administrator
// saves the municipality's own version, and the starting point of that first edit.
// Sections follow what a collaboration agreement between the municipality and an
// association or partner needs to settle; the checklist holds the points a Danish
// partnership evaluation found decisive for a partnership that works.

export interface TemplateSection {
  key: string;
  titleDa: string;
  titleEn: string;
  guidanceDa: string;
  guidanceEn: string;
}

export interface TemplateChecklistItem {
  key: string;
  textDa: string;
  textEn: string;
  guidanceDa: string;
  guidanceEn: string;
}

export const DEFAULT_SECTIONS: readonly TemplateSection[] = [
  {
    key: 'purpose',
    titleDa: 'Formål',
    titleEn: 'Purpose',
    guidanceDa: 'Skriv kort, hvorfor I samarbejder, og hvad borgerne får ud af det.',
    guidanceEn: 'Write briefly why you work together and what citizens gain from it.',
  },
  {
    key: 'target-group',
    titleDa: 'Målgruppe',
    titleEn: 'Target group',
    guidanceDa: 'Beskriv, hvem samarbejdet er for, fx alder, boligområde eller livssituation.',
    guidanceEn: 'Describe who the collaboration is for, e.g. age, neighbourhood or situation in life.',
  },
  {
    key: 'shared-goals',
    titleDa: 'Fælles mål',
    titleEn: 'Shared goals',
    guidanceDa: 'Skriv de mål, I er enige om, så konkret at I senere kan se, om I nåede dem.',
    guidanceEn: 'Write the goals you agree on, concretely enough to see later whether you reached them.',
  },
  {
    key: 'roles-and-tasks',
    titleDa: 'Rollefordeling og opgaver',
    titleEn: 'Roles and tasks',
    guidanceDa: 'Skriv, hvad hver part gør og har ansvar for. Nævn også det, ingen af jer skal gøre.',
    guidanceEn: 'Write what each party does and is responsible for. Mention what none of you will do, too.',
  },
  {
    key: 'volunteers-and-staff',
    titleDa: 'Grænsen mellem frivilliges og ansattes opgaver',
    titleEn: "The line between volunteers' and staff's work",
    guidanceDa:
      'Frivillige supplerer og erstatter ikke ansatte. Skriv, hvilke opgaver der er de ansattes, og hvilke de frivillige kan tage.',
    guidanceEn: "Volunteers add to staff's work and do not replace it. Write which tasks belong to staff and which volunteers can take on.",
  },
  {
    key: 'economy-and-grants',
    titleDa: 'Økonomi og tilskud',
    titleEn: 'Economy and grants',
    guidanceDa: 'Skriv, hvem der betaler for hvad, og om der gives tilskud, med beløb og betingelser.',
    guidanceEn: 'Write who pays for what and whether grants are given, with amounts and conditions.',
  },
  {
    key: 'insurance',
    titleDa: 'Forsikring',
    titleEn: 'Insurance',
    guidanceDa: 'Skriv, hvordan de frivillige er forsikret under opgaverne, og hvem der har ansvaret for det.',
    guidanceEn: 'Write how volunteers are insured while doing the tasks and who is responsible for it.',
  },
  {
    key: 'rooms-and-facilities',
    titleDa: 'Lokaler og faciliteter',
    titleEn: 'Rooms and facilities',
    guidanceDa: 'Skriv, hvilke lokaler, nøgler og udstyr der stilles til rådighed, og på hvilke vilkår.',
    guidanceEn: 'Write which rooms, keys and equipment are made available, and on what terms.',
  },
  {
    key: 'personal-data-and-confidentiality',
    titleDa: 'Persondata og tavshedspligt',
    titleEn: 'Personal data and confidentiality',
    guidanceDa: 'Skriv, hvilke oplysninger om borgere de frivillige får, hvordan de passes på, og at de frivillige har tavshedspligt.',
    guidanceEn:
      'Write what information about citizens volunteers receive, how it is protected, and that volunteers must keep it confidential.',
  },
  {
    key: 'child-protection-certificates',
    titleDa: 'Børneattester',
    titleEn: 'Child-protection certificates',
    guidanceDa: 'Skriv, om opgaverne kræver børneattest, og hvem der indhenter den.',
    guidanceEn: 'Write whether the tasks require a child-protection certificate and who obtains it.',
  },
  {
    key: 'contact-persons',
    titleDa: 'Kontaktpersoner',
    titleEn: 'Contact persons',
    guidanceDa: 'Skriv navn og kontaktoplysninger på én kontaktperson hos hver part.',
    guidanceEn: 'Write the name and contact details of one contact person for each party.',
  },
  {
    key: 'steering',
    titleDa: 'Styring',
    titleEn: 'Steering',
    guidanceDa: 'Skriv, hvordan samarbejdet styres, fx en styregruppe, og hvor tit I mødes.',
    guidanceEn: 'Write how the collaboration is steered, e.g. a steering group, and how often you meet.',
  },
  {
    key: 'duration',
    titleDa: 'Varighed',
    titleEn: 'Duration',
    guidanceDa: 'Skriv, hvornår aftalen begynder og slutter, eller at den løber, til den bliver opsagt.',
    guidanceEn: 'Write when the agreement starts and ends, or that it runs until it is terminated.',
  },
  {
    key: 'notice-and-review',
    titleDa: 'Opsigelse og evaluering',
    titleEn: 'Notice and review',
    guidanceDa: 'Skriv opsigelsesvarslet, og hvornår og hvordan I sammen evaluerer samarbejdet.',
    guidanceEn: 'Write the period of notice, and when and how you review the collaboration together.',
  },
];

export const DEFAULT_CHECKLIST: readonly TemplateChecklistItem[] = [
  {
    key: 'expectation-alignment',
    textDa: 'Forventningsafstemning',
    textEn: 'Expectation alignment',
    guidanceDa: 'Har I talt om, hvad hver part forventer af samarbejdet og af hinanden?',
    guidanceEn: 'Have you talked about what each party expects of the collaboration and of each other?',
  },
  {
    key: 'mutual-trust',
    textDa: 'Gensidig tillid',
    textEn: 'Mutual trust',
    guidanceDa: 'Kender I hinanden godt nok til at sige det, når noget ikke fungerer?',
    guidanceEn: 'Do you know each other well enough to say so when something does not work?',
  },
  {
    key: 'shared-goals-all-gain-from',
    textDa: 'Fælles mål, som alle parter har gavn af',
    textEn: 'Shared goals every partner gains from',
    guidanceDa: 'Kan hver part pege på, hvad de selv får ud af de fælles mål?',
    guidanceEn: 'Can each party point to what it gains from the shared goals?',
  },
  {
    key: 'joint-decisions',
    textDa: 'Fælles beslutninger',
    textEn: 'Joint decisions',
    guidanceDa: 'Træffer I de vigtige beslutninger sammen, så ingen part bliver overhørt?',
    guidanceEn: 'Do you make the important decisions together, so that no party is left out?',
  },
  {
    key: 'decision-mandate',
    textDa: 'Beslutningsmandat fra egen organisation',
    textEn: "Decision mandate from one's own organisation",
    guidanceDa: 'Må de, der sidder med ved bordet, træffe beslutninger på deres organisations vegne?',
    guidanceEn: 'May the people at the table make decisions on behalf of their organisation?',
  },
  {
    key: 'time-and-resources',
    textDa: 'Tid og ressourcer',
    textEn: 'Time and resources',
    guidanceDa: 'Har hver part sat tid og ressourcer af til samarbejdet?',
    guidanceEn: 'Has each party set aside time and resources for the collaboration?',
  },
  {
    key: 'economic-frame',
    textDa: 'Formel økonomisk ramme',
    textEn: 'Formal economic frame',
    guidanceDa: 'Er det skrevet ned, hvilke penge der er til samarbejdet, og hvem der råder over dem?',
    guidanceEn: 'Is it written down what money the collaboration has and who decides over it?',
  },
  {
    key: 'learning-and-adjustment',
    textDa: 'Plads til læring og justering',
    textEn: 'Room for learning and adjustment',
    guidanceDa: 'Har I aftalt, hvordan I lærer undervejs og retter samarbejdet til?',
    guidanceEn: 'Have you agreed how you learn along the way and adjust the collaboration?',
  },
];
