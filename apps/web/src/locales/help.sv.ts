// The public pages (Så fungerar Återgång, Kontakt, Tillgänglighet, Personuppgifter) and the
// footer that links them: Swedish first, in klarspråk. English (help.en.ts) has the same
// shape (the HelpContent type makes sure). They are kept apart from sv.ts because they are
// long texts read only on these pages: the pages' own chunk carries them.

export interface HelpLink {
  readonly href: string;
  readonly text: string;
}

export interface HelpSection {
  /** The section's anchor (its id on the page), for links straight to it. */
  readonly id?: string;
  readonly heading: string;
  readonly paragraphs?: readonly string[];
  readonly items?: readonly string[];
  readonly after?: readonly string[];
  readonly links?: readonly HelpLink[];
}

export interface HelpPageContent {
  readonly title: string;
  readonly intro: readonly string[];
  readonly sections: readonly HelpSection[];
  /** A line at the end, e.g. when the text was last reviewed. */
  readonly updated?: string;
}

export interface HelpContent {
  readonly footer: {
    readonly nav: string;
    readonly howItWorks: string;
    readonly contact: string;
    readonly accessibility: string;
    readonly privacy: string;
    readonly about: string;
  };
  readonly toSignIn: string;
  readonly toCases: string;
  readonly contents: string;
  readonly howItWorks: HelpPageContent;
  readonly contact: HelpPageContent;
  readonly accessibility: HelpPageContent;
  readonly privacy: HelpPageContent;
}

/** Where questions about the service itself go (not questions about a case). */
export const SUPPORT_EMAIL = 'support@atergang.test';

export const helpSv: HelpContent = {
  footer: {
    nav: 'Om tjänsten',
    howItWorks: 'Så fungerar Återgång',
    contact: 'Kontakt',
    accessibility: 'Tillgänglighet',
    privacy: 'Personuppgifter',
    about: 'Återgång är en gemensam plats för planen för återgång i arbete efter sjukskrivning.',
  },
  toSignIn: 'Till inloggningen',
  toCases: 'Till Återgång',
  contents: 'Innehåll',
  howItWorks: {
    title: 'Så fungerar Återgång',
    intro: [
      'Återgång är en gemensam plats för dig som är sjukskriven och för dem som hjälper dig tillbaka till arbetet: din arbetsgivare, vården, Försäkringskassan och Arbetsförmedlingen.',
      'Här finns planen för återgång i arbete, möten, uppgifter och dokument. Alla ser samma plan och samma datum. Den sjukskrivna bestämmer vad de andra får se.',
    ],
    sections: [
      {
        id: 'sjukskriven',
        heading: 'Du som är sjukskriven',
        paragraphs: [
          'Du ser allt som finns i ditt ärende. Ingen annan ser mer än du.',
          'Det första du ser är din plan: målet, när du väntas vara tillbaka och vad som ska hända. Du kan skriva in dina egna tankar och mål i planen.',
        ],
        items: [
          'Du bestämmer vem som får se vad. Under Vem får se vad väljer du till exempel om din arbetsgivare får se planen eller möten. Du kan ändra dig när du vill, och det gäller direkt.',
          'Din arbetsgivare ser aldrig medicinska uppgifter, till exempel diagnos eller behandling, om du inte själv väljer det.',
          'Under Vem har tittat ser du vem som har läst eller ändrat dina uppgifter, och när. Där kan du också ladda ner en kopia av hela ärendet.',
          'När någon föreslår tider för ett möte svarar du ja, nej eller kanske på varje tid.',
          'Under Mina uppgifter ser du vad du och de andra ska göra, och när.',
        ],
      },
      {
        id: 'arbetsgivare',
        heading: 'Arbetsgivaren (chef och HR)',
        paragraphs: [
          'Som arbetsgivare ansvarar du för anpassningar på arbetsplatsen. Om medarbetaren väntas vara sjukskriven i minst 60 dagar ska du ha en plan för återgång i arbete senast dag 30 (socialförsäkringsbalken 30 kap. 6 §). Återgång visar vilken dag i sjukperioden det är och påminner i tid.',
        ],
        items: [
          'Du skriver arbetsgivarens del av planen: mål, återgångsdatum, åtgärder på arbetsplatsen och hur ni håller kontakten.',
          'Har ni redan en plan som dokument laddar du upp den under Dokument.',
          'Du ser det som medarbetaren har gett samtycke till, och det du själv har skrivit.',
          'Du kan bjuda in till möten och ge uppgifter till andra i ärendet.',
        ],
      },
      {
        id: 'varden',
        heading: 'Vården (läkare och rehabkoordinator)',
        paragraphs: [
          'Vården bedömer behovet av sjukskrivning och planerar behandling och rehabilitering. Rehabkoordinatorn kan samordna insatserna (lagen om koordineringsinsatser).',
        ],
        items: [
          'Läkaren skriver sjukskrivningens steg i planen, till exempel 100 % och sedan 50 %.',
          'Behandling och läkarintyg markeras som medicinska. Då ser bara de som den sjukskrivna har gett samtycke till dem.',
          'Ni kan delta i avstämningsmöten och svara på föreslagna tider.',
        ],
      },
      {
        id: 'forsakringskassan',
        heading: 'Försäkringskassan',
        paragraphs: [
          'Försäkringskassan beslutar om sjukpenning från dag 15 och samordnar rehabiliteringen.',
        ],
        items: [
          'Handläggaren ser planen och de uppgifter som den sjukskrivna har gett samtycke till.',
          'Handläggaren kallar till avstämningsmöte och skriver anteckningar från mötet. Andra i ärendet kan be om ett avstämningsmöte.',
          'Handläggaren kan be arbetsgivaren om planen för återgång i arbete.',
        ],
      },
      {
        id: 'arbetsformedlingen',
        heading: 'Arbetsförmedlingen',
        paragraphs: [
          'Arbetsförmedlingen hjälper till med arbetsinriktade insatser, till exempel när det inte går att komma tillbaka till samma arbete.',
        ],
        items: [
          'Handläggaren ser bara det som den sjukskrivna har gett samtycke till, och det hen själv har skrivit.',
          'Handläggaren kan delta i möten, till exempel gemensam kartläggning med Försäkringskassan, och ta ansvar för åtgärder i planen.',
        ],
      },
    ],
  },
  contact: {
    title: 'Kontakt',
    intro: [
      'Har du frågor om ditt ärende? Kontakta den som ansvarar för just den delen. Alla som deltar i ärendet står under Deltagare.',
    ],
    sections: [
      {
        heading: 'Frågor om ditt ärende',
        items: [
          'Om arbetet och anpassningar: din chef eller HR hos din arbetsgivare.',
          'Om vård, behandling och läkarintyg: din vårdcentral eller mottagning. Sjukvårdsrådgivning: ring 1177.',
          'Om sjukpenning och avstämningsmöten: Försäkringskassan, telefon 0771-524 524.',
          'Om arbetsinriktade insatser: Arbetsförmedlingen, telefon 0771-416 416.',
        ],
        after: ['Om det är akut: ring 112.'],
      },
      {
        heading: 'Frågor om tjänsten Återgång',
        paragraphs: [
          `Om du inte kan logga in, om något inte fungerar eller om du har synpunkter på tjänsten: skicka e-post till ${SUPPORT_EMAIL}. Skriv inte känsliga uppgifter om din hälsa i e-posten. Vi svarar inom två arbetsdagar.`,
        ],
      },
      {
        heading: 'Personuppgifter och tillgänglighet',
        paragraphs: [
          'Hur vi behandlar personuppgifter står på sidan Personuppgifter. Hur tillgänglig tjänsten är, och hur du anmäler brister, står på sidan Tillgänglighet.',
        ],
        links: [
          { href: '/personuppgifter', text: 'Personuppgifter' },
          { href: '/tillganglighet', text: 'Tillgänglighet' },
        ],
      },
    ],
  },
  accessibility: {
    title: 'Tillgänglighetsredogörelse för Återgång',
    intro: [
      'Vi vill att så många som möjligt ska kunna använda Återgång. Här beskriver vi hur Återgång uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera brister till oss så att vi kan åtgärda dem.',
    ],
    sections: [
      {
        heading: 'Hur tillgänglig är tjänsten?',
        paragraphs: [
          'Vi vet att delar av tjänsten inte är helt tillgängliga. Läs mer under Innehåll som inte är tillgängligt.',
        ],
      },
      {
        heading: 'Vad kan du göra om du inte kan använda delar av tjänsten?',
        paragraphs: [
          `Om du behöver innehåll i ett annat format, till exempel planen uppläst eller som vanlig text, kan du skicka e-post till ${SUPPORT_EMAIL}. Du kan också be den som ansvarar för ditt ärende om hjälp. Vi svarar inom två arbetsdagar.`,
        ],
      },
      {
        heading: 'Rapportera brister i tjänstens tillgänglighet',
        paragraphs: [
          `Vi strävar hela tiden efter att göra Återgång mer tillgänglig. Om du upptäcker problem som inte står på den här sidan, eller om du tycker att vi inte uppfyller lagens krav, skicka e-post till ${SUPPORT_EMAIL}. Berätta vilken sida det gäller och vad som inte fungerar.`,
        ],
      },
      {
        heading: 'Tillsyn',
        paragraphs: [
          'Myndigheten för digital förvaltning (DIGG) har ansvar för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta DIGG och anmäla det.',
        ],
        links: [
          {
            href: 'https://www.digg.se/tdosanmalan',
            text: 'Anmäl bristande tillgänglighet till DIGG',
          },
        ],
      },
      {
        heading: 'Teknisk information om tjänstens tillgänglighet',
        paragraphs: [
          'Återgång är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Målet är nivå AA i standarden WCAG 2.1.',
        ],
      },
      {
        heading: 'Innehåll som inte är tillgängligt',
        items: [
          'Planen som PDF och kopian av ärendet som PDF är inte taggade. En skärmläsare kan då ha svårt att läsa dem i rätt ordning (WCAG 1.3.1). Samma innehåll finns på webbsidorna, och kopian finns också som maskinläsbar fil.',
          'Dokument som deltagarna laddar upp, till exempel skannade intyg, kan sakna text som går att läsa med skärmläsare (WCAG 1.1.1). Dem gör de organisationer som laddar upp dem, inte vi.',
          'Diagrammen på statistiksidan för organisationer går inte att läsa med skärmläsare på samma sätt som text (WCAG 1.1.1). Samma siffror visas i en tabell under diagrammet.',
          'Videomöten hålls i andra tjänster, via länken i mötet. Deras tillgänglighet beskrivs av den som erbjuder dem.',
          'Inloggning med e-legitimation sker hos e-legitimationens utfärdare.',
        ],
      },
      {
        heading: 'Hur vi testat tjänsten',
        paragraphs: [
          'Vi har själva bedömt Återgång (självskattning). Varje sida testas automatiskt med verktyget axe mot WCAG 2.1 nivå A och AA, i webbläsaren Chromium, också på smala mobilskärmar (360 pixlar). Vi har också gått igenom sidorna med bara tangentbord. Den senaste bedömningen gjordes den 3 december 2026.',
        ],
      },
    ],
    updated: 'Redogörelsen uppdaterades senast den 3 december 2026.',
  },
  privacy: {
    title: 'Så behandlar vi personuppgifter',
    intro: [
      'I Återgång finns uppgifter om dig som är sjukskriven och om dem som arbetar med ditt ärende. En del av uppgifterna gäller din hälsa. Här står vem som ansvarar för uppgifterna, varför de behandlas, hur länge de sparas och vilka rättigheter du har.',
    ],
    sections: [
      {
        heading: 'Vem ansvarar för uppgifterna?',
        paragraphs: [
          'Varje organisation som deltar i ditt ärende är personuppgiftsansvarig för de uppgifter den själv för in och läser: din arbetsgivare, vårdgivaren, Försäkringskassan och Arbetsförmedlingen. Den som driver Återgång behandlar uppgifterna för deras räkning, som personuppgiftsbiträde, enligt avtal med var och en.',
          `Varje organisation har ett dataskyddsombud som du kan kontakta. Kontaktuppgifter finns hos organisationen. Frågor om tjänsten kan du skicka till ${SUPPORT_EMAIL}.`,
        ],
      },
      {
        heading: 'Varför behandlas uppgifterna?',
        items: [
          'För att göra och följa upp planen för återgång i arbete.',
          'För att boka möten, till exempel avstämningsmöten, och dela uppgifter mellan dem som deltar.',
          'För att föra en logg över vem som har läst och ändrat uppgifterna, så att du och organisationerna kan kontrollera det.',
          'För att organisationerna ska kunna följa upp sitt arbete med statistik. Statistiken visar bara antal, aldrig namn eller personnummer.',
        ],
      },
      {
        heading: 'Vilka uppgifter?',
        paragraphs: [
          'Namn, e-postadress och personnummer. Sjukperiodens datum och omfattning. Planen, möten och anteckningar, uppgifter och dokument. Medicinska uppgifter, till exempel diagnos, behandling och läkarintyg. Personnumret visas aldrig för de andra deltagarna.',
        ],
      },
      {
        heading: 'Rättslig grund',
        paragraphs: [
          'Organisationerna behandlar uppgifterna för att fullgöra sina skyldigheter enligt lag och som en del av sitt uppdrag (dataskyddsförordningen artikel 6.1 c och e): arbetsgivarens rehabiliteringsansvar (arbetsmiljölagen och socialförsäkringsbalken 30 kap.), Försäkringskassans och Arbetsförmedlingens uppdrag och vårdens uppdrag enligt patientdatalagen.',
          'Uppgifter om hälsa är känsliga personuppgifter (artikel 9). De får behandlas här för skyldigheter inom arbetsrätt och socialförsäkring (artikel 9.2 b) och för vård och behandling (artikel 9.2 h).',
          'Ditt samtycke i Återgång är något annat: det är ditt medgivande till att sekretessen bryts mot en viss part för vissa uppgifter (offentlighets- och sekretesslagen 12 kap. 2 §). Du kan när som helst ta tillbaka det, och det gäller direkt. Det du tar tillbaka kan parten inte längre se i Återgång.',
        ],
      },
      {
        heading: 'Hur länge sparas uppgifterna?',
        paragraphs: [
          'Uppgifterna sparas medan ärendet pågår. När ärendet har avslutats sparas de så länge varje organisations regler om arkiv och gallring kräver, och tas sedan bort. Loggen över vem som har läst och ändrat uppgifterna sparas i minst fem år och kan inte ändras i efterhand.',
        ],
      },
      {
        heading: 'Dina rättigheter',
        items: [
          'Du får se vilka uppgifter som finns om dig (registerutdrag). Under Vem har tittat kan du ladda ner en kopia av hela ärendet, som PDF eller som maskinläsbar fil.',
          'Du får se vem som har läst eller ändrat dina uppgifter, och när, under Vem har tittat.',
          'Du kan begära att felaktiga uppgifter rättas.',
          'Du kan i vissa fall begära att uppgifter tas bort eller att behandlingen begränsas, och du kan invända mot behandlingen. Uppgifter som en myndighet eller vården måste spara får inte tas bort.',
          'Du kan klaga hos Integritetsskyddsmyndigheten (IMY) om du tycker att uppgifterna behandlas fel.',
        ],
        links: [{ href: 'https://www.imy.se', text: 'Integritetsskyddsmyndigheten, imy.se' }],
      },
      {
        heading: 'Säkerhet och kakor',
        paragraphs: [
          'Anslutningen är krypterad. Varje organisation ser bara det den har rätt till, och varje läsning loggas.',
          'Återgång använder en kaka (cookie) som behövs för att du ska förbli inloggad. Ditt språkval sparas i webbläsaren. Vi använder inga kakor för statistik eller marknadsföring.',
        ],
      },
    ],
    updated: 'Texten sågs över senast den 3 december 2026.',
  },
};
