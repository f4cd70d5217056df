"""Header and label spellings that people really use, mapped to canonical names.

Spreadsheet trackers differ in every column name. ``canonical_header`` folds a
header (case, spacing, punctuation, a trailing "(Y/N)" or "?") and looks it up
in ``HEADER_SYNONYMS``. Cell labels (channel, connection, event kind) are
looked up the same way in ``LABEL_SYNONYMS``.

>>> canonical_header("Response? (Y/N)")
'replied'
>>> canonical_header("  Company Name ")
'organization'
>>> canonical_label("LinkedIn InMail", "channel")
'linkedin'
"""

from __future__ import annotations

import re

from infoview_kit.io.form_questions import question_field
from infoview_kit.schema import fold_list

#: Canonical field -> spellings (already folded by ``fold_header``).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    # who owns the log (a cohort sheet has one row per student's contact)
    "owner": (
        "owner",
        "student",
        "student id",
        "student name",
        "participant",
        "student email",
        "user",
    ),
    # the contact
    "contact_id": ("contact id", "contact_id", "id"),
    "name": (
        "name",
        "full name",
        "contact",
        "contact name",
        "person",
        "who",
        "interviewee",
        "professional",
        "contact person",
        "name of contact",
        "contact full name",
        "interviewee name",
        "person contacted",
        "networking contact",
        "professional s name",
        "contact s name",
    ),
    "first_name": ("first name", "firstname", "given name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "organization": (
        "organization 1 name",
        "organisation 1 name",
        "organization",
        "organisation",
        "company",
        "company name",
        "employer",
        "firm",
        "org",
        "workplace",
        "institution",
        "agency",
        "company organization",
        "organization company",
        "company org",
        "current company",
        "current employer",
        "company employer",
        "organisation name",
        "organization name",
        "business",
        "employer organization",
    ),
    "role": (
        "organization 1 title",
        "organisation 1 title",
        "role",
        "position",
        "title",
        "job title",
        "job",
        "occupation",
        "title role",
        "role title",
        "job title role",
        "position title",
        "title position",
        "current role",
        "current position",
        "current title",
        "job role",
        "designation",
        "job position",
        "their role",
        "position role",
    ),
    "field": (
        "field",
        "industry",
        "sector",
        "career field",
        "area",
        "field of interest",
        "industry field",
        "field industry",
        "career area",
        "career interest",
        "industry sector",
        "sector industry",
        "area of interest",
        "career field of interest",
    ),
    "connection": (
        "connection",
        "how connected",
        "connection type",
        "relationship",
        "how do i know them",
        "how i know them",
        "how met",
        "how we met",
        "source of contact",
        "connected via",
        "how we connected",
        "how connected to them",
        "how we know each other",
        "how i met them",
        "how i found them",
        "how found",
        "connection source",
        "source of connection",
        "relationship to me",
        "connection to me",
        "type of connection",
        "how did we meet",
        "where we met",
        "where met",
        "met through",
        "met via",
        "how do we know each other",
        "contact source",
        "lead source",
        "connection how we met",
        "affiliation",
        "relationship type",
    ),
    "referred_by": (
        "referred by",
        "referrer",
        "introduced by",
        "who referred",
        "referral from",
        "introduction from",
        "referred by whom",
        "who introduced us",
        "introduced through",
        "mutual connection",
        "referrer name",
        "referral name",
        "referral contact",
        "who referred me",
    ),
    "email": (
        "e mail 1 value",
        "email 1 value",
        "e mail 1 address",
        "primary email",
        "email",
        "e mail",
        "email address",
        "e mail address",
        "mail",
        "e mail",
        "work email",
        "contact email",
        "email id",
        "email addr",
        "personal email",
    ),
    "phone": (
        "phone 1 value",
        "mobile phone",
        "business phone",
        "work phone",
        "home phone",
        "primary phone",
        "cell phone",
        "cell",
        "phone",
        "phone number",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "phone no",
        "mobile number",
        "cell phone",
        "work phone",
        "contact number",
        "telephone number",
        "phone mobile",
        "phone cell",
    ),
    "linkedin_url": (
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "profile",
        "profile url",
        "url",
        "linkedin profile url",
        "linkedin link",
        "profile link",
        "linkedin profile link",
        "linked in",
        "linked in url",
    ),
    "tags": ("tags", "labels", "keywords"),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "what i learned",
        "follow up notes",
        "meeting notes",
        "interview notes",
        "key takeaways",
        "takeaways",
        "key learnings",
        "lessons learned",
        "insights",
        "advice received",
        "additional notes",
        "other notes",
        "notes comments",
        "comments notes",
        "next steps notes",
        "notes next steps",
        "general notes",
        "conversation notes",
        "discussion notes",
        "summary",
        "learnings",
        "reflections",
        "what i learnt",
    ),
    "added_on": (
        "added on",
        "date added",
        "added",
        "created",
        "created at",
        "created time",
        "date created",
        "date connected",
        "connected on",
        "connection date",
        "date met first",
    ),
    # tracker steps (dates or yes/no)
    "channel": (
        "channel",
        "method",
        "contact method",
        "how contacted",
        "medium",
        "via",
        "outreach method",
        "mode",
        "method of contact",
        "outreach channel",
        "communication method",
        "mode of contact",
        "contact medium",
        "outreach medium",
        "platform",
        "how reached",
        "how i reached out",
        "outreach via",
    ),
    # the medium of the meeting itself (phone, video, coffee...)
    "meeting_channel": (
        "meeting format",
        "meeting type",
        "format",
        "interview format",
        "interview type",
        "meeting medium",
        "meeting method",
        "meeting mode",
        "type of meeting",
        "format of meeting",
        "meeting location type",
        "call type",
        "in person virtual",
        "virtual in person",
        "meeting via",
        "interview medium",
        "meeting platform",
    ),
    "contacted_on": (
        "date contacted",
        "contacted",
        "contacted on",
        "request date",
        "outreach date",
        "date of contact",
        "first contact",
        "date sent",
        "sent",
        "contact date",
        "initial contact",
        "date requested",
        "request sent",
        "requested on",
        "date of outreach",
        "date of first contact",
        "first contact date",
        "date reached out",
        "reached out",
        "reached out on",
        "date of initial contact",
        "initial outreach date",
        "date emailed",
        "email sent",
        "date of request",
        "outreach sent",
        "first outreach",
        "initial outreach",
        "outreach",
        "date of first outreach",
        "date first contacted",
        "first contacted",
    ),
    "followed_up_on": (
        "follow up",
        "followed up",
        "follow up date",
        "date followed up",
        "follow up sent",
        "followup",
        "followup date",
        "second contact",
        "nudge sent",
        "follow up 1",
        "1st follow up",
        "first follow up",
        "follow up sent on",
        "date of follow up",
        "followed up on",
        "follow up email sent",
        "follow up email",
    ),
    "replied": (
        "replied",
        "response",
        "reply",
        "heard back",
        "responded",
        "response received",
        "got reply",
        "answered",
        "received response",
        "got a response",
        "did they respond",
        "did they reply",
        "reply received",
        "responded to outreach",
    ),
    "replied_on": (
        "reply date",
        "date replied",
        "response date",
        "date of reply",
        "heard back on",
        "replied on",
        "date of response",
        "responded on",
        "date responded",
        "reply received on",
        "response received on",
        "date of reply received",
    ),
    "declined": ("declined", "said no", "turned down"),
    "meeting_on": (
        "meeting date",
        "interview date",
        "date of interview",
        "meeting",
        "met on",
        "date met",
        "informational interview date",
        "info interview date",
        "meeting held",
        "met",
        "interview held",
        "interviewed",
        "date of meeting",
        "meeting date time",
        "date of informational interview",
        "info interview",
        "informational interview",
        "call date",
        "coffee chat date",
        "conversation date",
        "date of conversation",
        "scheduled date",
        "meeting scheduled for",
        "interview scheduled",
        "date of call",
        "informational meeting date",
    ),
    "thank_you_on": (
        "thank you sent",
        "thank you",
        "thank you note",
        "thanked",
        "thank you date",
        "ty sent",
        "thank you note sent",
        "thanks sent",
        "date thanked",
        "date thank you sent",
        "thank you email sent",
        "thank you card sent",
        "sent thank you",
        "thank you email",
        "thank you letter sent",
        "thank you follow up",
    ),
    "referrals": (
        "referrals given",
        "referrals",
        "names given",
        "new contacts",
        "referred me to",
        "leads",
        "new names",
        "referrals received",
        "referrals names",
        "people referred to",
        "other contacts suggested",
        "additional contacts",
        "recommended contacts",
        "who else to contact",
        "names to contact",
        "suggested contacts",
        "new leads",
        "referrals given names",
        "contacts referred",
        "referred to",
    ),
    "next_step": (
        "next step",
        "next steps",
        "next action",
        "to do",
        "todo",
        "action",
        "action items",
        "action item",
        "follow up action",
        "follow up actions",
        "to do next",
        "next action items",
        "next steps to take",
    ),
    "status": (
        "status",
        "stage",
        "outcome",
        "result",
        "current status",
        "contact status",
        "interview status",
        "meeting status",
        "outreach status",
    ),
    # events layout
    "at": ("at", "date", "when", "timestamp", "date time", "datetime", "time", "event date"),
    "kind": ("kind", "event", "event type", "type", "activity", "step", "action taken"),
    "source": ("source",),
}

#: Channels as people write them in French, German, Spanish, Italian, Portuguese, Dutch,
#: Swedish, Danish, Norwegian and Polish (folded like the English ones, accents off). Left
#: out on purpose, as they mean something else in another language or name no one channel:
#: "Brief" (a letter in German and Dutch, short in English), "list" (a letter in Polish),
#: "courrier" (post or e-mail), "samtal" (a call or a talk face to face), "message",
#: "Nachricht", "mensaje" (any channel), "réunion", "Treffen", "reunión" (in person or video).
CHANNELS_ABROAD: dict[str, tuple[str, ...]] = {
    "email": (
        "courriel", "courrier électronique", "par mail", "par e-mail", "correo",
        "correo electrónico", "por correo", "posta elettronica", "per mail", "per e-mail",
        "e-post", "epost", "mejl", "mejlat", "e-mailen", "gemaild", "gemailt", "wiadomość e-mail",
    ),
    "phone": (
        "téléphone", "appel", "appel téléphonique", "par téléphone", "Telefon", "Anruf",
        "telefonisch", "Telefonat", "angerufen", "llamada", "teléfono", "llamada telefónica",
        "por teléfono", "telefono", "telefonata", "chiamata", "per telefono", "telefone",
        "ligação", "chamada", "por telefone", "telefoon", "gebeld", "bellen", "telefonsamtal",
        "ringt", "opkald", "ringde", "telefonsamtale", "rozmowa telefoniczna", "telefonicznie",
    ),
    "voicemail": (
        "messagerie vocale", "répondeur", "Sprachbox", "buzón de voz",
        "segreteria telefonica", "correio de voz", "röstbrevlåda", "telefonsvarer",
        "poczta głosowa",
    ),
    "video": (
        "visio", "visioconférence", "appel vidéo", "Videoanruf", "Videocall",
        "Videokonferenz", "videollamada", "videoconferencia", "videochiamata",
        "videoconferenza", "videochamada", "videogesprek", "videobellen",
        "videosamtal", "videomøde", "videomøte", "wideorozmowa", "wideokonferencja",
    ),
    "in_person": (
        "en personne", "en présentiel", "face à face", "sur place", "persönlich",
        "vor Ort", "en persona", "presencial", "di persona", "in presenza", "em pessoa",
        "pessoalmente", "persoonlijk", "op locatie", "personligen", "personligt", "personlig",
        "osobiście", "café", "Kaffee", "koffie", "fika",
    ),
    "letter": ("lettre", "lettre postale", "carta", "lettera", "brev", "per post"),
    "other": ("texto", "mensaje de texto", "messaggio di testo", "mensagem de texto", "sms envoyé"),
}  # fmt: skip

#: Label synonyms per categorical column (folded with ``fold_header``).
LABEL_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "channel": {
        "email": (
            "email",
            "e mail",
            "mail",
            "gmail",
            "outlook",
            "emailed",
            "e mailed",
        ),
        "linkedin": (
            "linkedin",
            "linked in",
            "linkedin message",
            "linkedin inmail",
            "inmail",
            "li",
            "linkedin note",
            "linkedin connection",
            "li message",
            "li msg",
        ),
        "phone": (
            "phone",
            "call",
            "phone call",
            "telephone",
            "cold call",
            "tel",
            "by phone",
            "phone interview",
            "mobile",
            "called",
            "phoned",
        ),
        "voicemail": (
            "voicemail",
            "voice mail",
            "vm",
            "left voicemail",
        ),
        "video": (
            "video",
            "zoom",
            "teams",
            "video call",
            "google meet",
            "meet",
            "skype",
            "webex",
            "virtual",
            "online meeting",
            "video chat",
            "zoom call",
            "ms teams",
            "microsoft teams",
            "facetime",
            "hangouts",
            "google hangouts",
            "video conference",
            "videoconference",
            "teams call",
            "teams meeting",
        ),
        "in_person": (
            "in person",
            "inperson",
            "face to face",
            "coffee",
            "office visit",
            "on site",
            "onsite",
            "event",
            "in person meeting",
            "lunch",
            "breakfast",
            "office",
            "at their office",
            "coffee meeting",
        ),
        "letter": ("letter", "post", "mailed letter"),
        "other": (
            "other",
            "text",
            "sms",
            "whatsapp",
            "slack",
            "texted",
            "text message",
            "instagram",
            "twitter",
            "facebook",
            "messenger",
            "signal",
            "wechat",
            "telegram",
            "discord",
        ),
    },
    "connection": {
        "referral": (
            "referral",
            "referred",
            "referred by someone",
            "introduction",
            "intro",
            "warm intro",
            "warm",
        ),
        "alumni": (
            "alumni",
            "alum",
            "alumnus",
            "alumna",
            "alumni network",
            "same school",
            "school",
        ),
        "faculty": ("faculty", "professor", "teacher", "instructor", "lecturer", "advisor"),
        "family": ("family", "relative", "parent", "cousin"),
        "friend": ("friend", "friend of friend", "friends", "acquaintance"),
        "colleague": ("colleague", "coworker", "co worker", "former colleague", "work", "manager"),
        "event": (
            "event",
            "career fair",
            "conference",
            "meetup",
            "networking event",
            "info session",
        ),
        "cold": (
            "cold",
            "none",
            "no connection",
            "cold outreach",
            "linkedin search",
            "online",
            "website",
        ),
        "other": ("other",),
    },
    "kind": {
        "request_sent": (
            "request sent",
            "request",
            "sent request",
            "outreach",
            "contacted",
            "initial contact",
            "first contact",
            "asked",
            "reached out",
            "message sent",
            "email sent",
            "sent email",
            "sent message",
            "messaged",
        ),
        "follow_up_sent": (
            "follow up sent",
            "follow up",
            "followed up",
            "followup",
            "nudge",
            "reminder sent",
        ),
        "voicemail_left": ("voicemail left", "voicemail", "left voicemail", "left message", "vm"),
        "reply_received": (
            "reply received",
            "reply",
            "replied",
            "response",
            "heard back",
            "responded",
        ),
        "declined": (
            "declined",
            "said no",
            "no",
            "turned down",
            "not available",
            "not interested",
            "no thanks",
            "refused",
        ),
        "meeting_scheduled": (
            "meeting scheduled",
            "scheduled",
            "booked",
            "meeting booked",
            "interview scheduled",
            "call scheduled",
            "meeting set",
            "call booked",
            "meeting planned",
            "upcoming",
        ),
        "meeting_held": (
            "meeting held",
            "meeting",
            "met",
            "interview",
            "interview held",
            "informational interview",
            "coffee chat",
            "call held",
            "interview completed",
            "informational interview completed",
            "informational interview done",
            "meeting completed",
            "meeting done",
            "call completed",
            "call done",
            "had call",
            "had meeting",
            "spoke",
            "talked",
        ),
        "meeting_cancelled": (
            "meeting cancelled",
            "meeting canceled",
            "cancelled",
            "canceled",
            "no show",
        ),
        "thank_you_sent": (
            "thank you sent",
            "thank you",
            "thanked",
            "thank you note",
            "ty sent",
            "sent thank you",
            "sent thank you note",
            "thank you email sent",
            "thank you card sent",
        ),
        "referral_received": (
            "referral received",
            "referral",
            "referred",
            "got referral",
            "new name",
        ),
        "update_sent": ("update sent", "update", "stay in touch", "kept in touch", "check in"),
        "connected": ("connected", "connection accepted", "accepted"),
        "note": ("note", "comment"),
    },
}

_NON_WORD = re.compile(r"[^0-9a-z]+")
#: What joins two names in one cell: "Company / Organisation", "Email + LinkedIn".
_JOINERS = r"/|&|\||\+|\band\b|\bor\b"
_COMPOUND = re.compile(rf"\s*(?:{_JOINERS})\s*", re.IGNORECASE)
#: The same in a cell of labels, where a list may also use commas, semicolons and "then".
_LABEL_PARTS = re.compile(rf"\s*(?:{_JOINERS}|,|;|\bthen\b)\s*", re.IGNORECASE)
_TRAILING_YN = re.compile(r"\b(y n|yes no|y or n|date|dd mm yy(yy)?|mm dd yy(yy)?|yyyy mm dd)$")


def fold_header(text: object) -> str:
    """Lower-case, replace punctuation and underscores by spaces, collapse spaces.

    >>> fold_header("Thank-You_Sent?")
    'thank you sent'
    """
    text = str(text)
    if not text.isascii():  # accents off: "Téléphone" is "telephone"
        text = fold_list([text])[0]
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _lookup_table(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, spellings in synonyms.items():
        for spelling in (canonical.replace("_", " "), *spellings):
            table.setdefault(fold_header(spelling), canonical)
    return table


#: Column names in French, German, Spanish, Italian, Portuguese, Dutch, Swedish, Danish and
#: Norwegian, written as people head a tracker (folded like any header). A name column that
#: is a first or a family name where both are given ("Prénom" + "Nom", "Nombre" +
#: "Apellidos") maps to that part: alone, it still gives the whole name. Left out:
#: "Kontakt" (a person or a channel) and "Datum" and "Fecha", which say nothing of the step.
HEADERS_ABROAD: dict[str, tuple[str, ...]] = {
    "name": (
        "nom complet", "nom et prénom", "prénom et nom", "personne", "interlocuteur",
        "vollständiger Name", "Ansprechpartner", "Ansprechperson", "Kontaktperson",
        "nombre completo", "nombre y apellidos", "persona", "persona de contacto",
        "nome e cognome", "nome completo", "referente", "pessoa", "contato", "contacto",
        "naam", "volledige naam", "contactpersoon", "namn", "fullständigt namn",
        "kontaktperson", "navn", "fulde navn", "fullt navn",
    ),
    "first_name": ("prénom", "Vorname", "nombre", "nome", "voornaam", "förnamn", "fornavn"),
    "last_name": (
        "nom", "nom de famille", "Nachname", "Familienname", "apellido", "apellidos",
        "cognome", "sobrenome", "apelido", "achternaam", "efternamn", "etternavn", "efternavn",
    ),
    "organization": (
        "entreprise", "société", "organisme", "employeur", "structure", "Firma", "Unternehmen",
        "Arbeitgeber", "Organisation", "Institution", "empresa", "organización",
        "empleador", "azienda", "società", "ente", "organizzazione", "organização",
        "empregador", "bedrijf", "organisatie", "werkgever", "företag", "arbetsgivare",
        "organisation", "virksomhed", "arbejdsgiver", "firma navn", "bedrift", "arbeidsgiver",
    ),
    "role": (
        "poste", "fonction", "intitulé de poste", "métier", "Position", "Funktion",
        "Stelle", "Berufsbezeichnung", "Jobtitel", "cargo", "puesto", "ruolo", "posizione",
        "mansione", "função", "functie", "rol", "roll", "befattning", "titel", "tjänst",
        "stilling", "stillingsbetegnelse",
    ),
    "field": (
        "secteur", "domaine", "secteur d'activité", "Branche", "Bereich", "Fachgebiet",
        "sector", "área", "settore", "ambito", "setor", "vakgebied", "branche", "bransch",
        "område", "sektor",
    ),
    "connection": (
        "relation", "lien", "comment connu", "comment nous nous sommes rencontrés",
        "Beziehung", "Verbindung", "woher bekannt", "relación", "cómo nos conocimos",
        "relazione", "come ci siamo conosciuti", "relação", "como nos conhecemos",
        "relatie", "hoe leren kennen", "relation till mig", "hur vi träffades",
        "relasjon", "hvordan vi møttes",
    ),
    "referred_by": (
        "recommandé par", "présenté par", "empfohlen von", "vermittelt durch",
        "referido por", "recomendado por", "presentado por", "segnalato da", "presentato da",
        "indicado por", "aanbevolen door", "geïntroduceerd door", "rekommenderad av",
        "anbefalet af", "anbefalt av",
    ),
    "email": (
        "courriel", "adresse e-mail", "adresse mail", "mail", "E-Mail-Adresse",
        "correo", "correo electrónico", "dirección de correo electrónico", "posta elettronica",
        "indirizzo email", "endereço de e-mail",
        "e-mailadres", "e-postadress", "e-post", "mejl", "e-mailadresse",
    ),
    "phone": (
        "téléphone", "tél", "portable", "numéro de téléphone", "Telefon", "Telefonnummer",
        "Handy", "Mobil", "teléfono", "móvil", "celular", "telefono", "cellulare",
        "telefone", "telemóvel", "telefoon", "telefoonnummer", "mobiel", "telefonnummer",
        "mobil", "mobilnummer",
    ),
    "notes": (
        "remarques", "commentaires", "commentaire", "observations", "Notizen", "Anmerkungen",
        "Bemerkungen", "Kommentar", "notas", "observaciones", "comentarios", "note",
        "appunti", "osservazioni", "commenti", "observações", "notities", "opmerkingen",
        "anteckningar", "kommentarer", "noter", "bemærkninger", "notater", "merknader",
    ),
    "channel": (
        "canal", "moyen de contact", "Kanal", "Kontaktweg", "medio de contacto", "canale",
        "mezzo", "meio de contato", "kanaal", "contactmethode", "kontaktväg",
    ),
    "meeting_channel": (
        "format de l'entretien", "Gesprächsformat", "formato de la reunión",
        "formato dell'incontro", "formato da reunião", "vorm van het gesprek",
        "mötesform", "mødeform",
    ),
    "contacted_on": (
        "date de contact", "contacté le", "premier contact", "kontaktiert am",
        "Kontaktdatum", "Erstkontakt", "fecha de contacto", "contactado el",
        "data di contatto", "contattato il", "data de contato", "contactado em",
        "contactdatum", "gecontacteerd op", "kontaktad", "kontaktdatum", "kontaktet",
        "kontaktdato",
    ),
    "followed_up_on": (
        "relance", "relancé le", "date de relance", "nachgefasst am", "Nachfassen",
        "seguimiento", "fecha de seguimiento", "sollecito", "data del sollecito",
        "acompanhamento", "herinnering", "opvolging", "påminnelse", "uppföljning",
        "opfølgning", "oppfølging",
    ),
    "replied": (
        "réponse", "a répondu", "répondu", "Antwort", "geantwortet", "respuesta",
        "respondió", "risposta", "ha risposto", "resposta", "respondeu", "antwoord",
        "gereageerd", "svar", "svarat", "svarede", "svarte",
    ),
    "replied_on": (
        "date de réponse", "répondu le", "Antwortdatum", "geantwortet am",
        "fecha de respuesta", "data della risposta", "data da resposta", "datum antwoord",
        "svarsdatum", "svardato",
    ),
    "meeting_on": (
        "date de l'entretien", "entretien", "rendez-vous", "date du rendez-vous",
        "Gespräch", "Gesprächstermin", "Termin", "Treffen am", "Datum des Gesprächs",
        "fecha de la reunión", "reunión", "entrevista", "incontro", "data dell'incontro",
        "colloquio", "reunião", "data da reunião", "gesprek", "afspraak", "datum gesprek",
        "möte", "mötesdatum", "møde", "mødedato", "møte", "møtedato",
    ),
    "thank_you_on": (
        "remerciements", "merci envoyé", "Dankeschön gesendet", "Dank", "agradecimiento",
        "ringraziamento", "agradecimento", "bedankt", "bedankje", "tack skickat",
        "tak sendt", "takk sendt",
    ),
    "referrals": (
        "recommandations", "contacts recommandés", "Empfehlungen", "recomendaciones",
        "contactos recomendados", "segnalazioni", "contatti suggeriti", "indicações",
        "aanbevelingen", "nieuwe contacten", "rekommendationer", "nya kontakter",
        "anbefalinger", "nye kontakter",
    ),
    "next_step": (
        "prochaine étape", "prochaines étapes", "nächster Schritt", "nächste Schritte",
        "próximo paso", "próximos pasos", "prossimo passo", "próximo passo", "volgende stap",
        "nästa steg", "næste skridt", "neste steg",
    ),
    "status": ("statut", "état", "Stand", "estado", "stato", "situação", "fase", "läge"),
}  # fmt: skip


def _with_abroad(
    synonyms: dict[str, tuple[str, ...]], abroad: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """The English spellings of each name, then its spellings in other languages."""
    return {name: (*spellings, *abroad.get(name, ())) for name, spellings in synonyms.items()}


_HEADERS = _lookup_table(_with_abroad(HEADER_SYNONYMS, HEADERS_ABROAD))
_LABELS = {column: _lookup_table(table) for column, table in LABEL_SYNONYMS.items()}
_LABELS["channel"] = _lookup_table(_with_abroad(LABEL_SYNONYMS["channel"], CHANNELS_ABROAD))


def _phrase_pattern(column: str) -> re.Pattern[str]:
    """Whole-word search for any known label of ``column``, longer phrases first."""
    spellings = sorted((s for s in _LABELS[column] if len(s) > 2), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in spellings) + r")\b")


#: Columns whose free-text cells are searched for a known phrase (how people describe a
#: connection in a sentence, "cold email" or "LinkedIn DM" for a channel); other columns
#: match whole cells only.
_PHRASES = {column: _phrase_pattern(column) for column in ("connection", "channel")}
#: Columns where a cell naming two different labels ("Email + LinkedIn", "phone or zoom"),
#: or a sentence of more than three words ("lunch with her team"), is left unread (kept as
#: written and reported) rather than read as its first label: a label, not a note.
_ONE_LABEL = ("channel",)
_LABEL_WORDS = 3


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def canonical_header(header: object) -> str | None:
    """The canonical field for a header as people write it, or None if unknown.

    A trailing "(Y/N)", "?" or "(date)" is ignored: ``"Replied? (Y/N)"`` is
    ``replied``. Date-step headers that end in "date" match either way.

    >>> canonical_header("Date Contacted"), canonical_header("Outreach Date")
    ('contacted_on', 'contacted_on')
    >>> canonical_header("Favourite colour") is None
    True
    >>> canonical_header("Employer / Agency"), canonical_header("Meeting Format")
    ('organization', 'meeting_channel')
    >>> canonical_header("firstName"), canonical_header("dateContacted")
    ('first_name', 'contacted_on')
    """
    folded = fold_header(header)
    for key in (folded, _TRAILING_YN.sub("", folded).strip()):
        if key in _HEADERS:
            return _HEADERS[key]
    # JSON and app exports write "firstName", "dateContacted", "createdTime".
    words = fold_header(_CAMEL.sub(" ", str(header)))
    for key in (words, _TRAILING_YN.sub("", words).strip()):
        if key != folded and key in _HEADERS:
            return _HEADERS[key]
    # "Company / Organisation", "Position & Title": the first part that names a field.
    # A form's question ("Who did you contact?", "Contact's email"): its wording set aside.
    parts = [fold_header(p) for p in _COMPOUND.split(str(header))]
    for part in parts:
        found = (_lookup(part) if len(parts) > 1 else None) or question_field(part, _lookup)
        if found is not None:
            return found
    return None


def _lookup(folded: str) -> str | None:
    """The field of a folded header in the table, with or without a trailing "(Y/N)"."""
    return _HEADERS.get(folded) or _HEADERS.get(_TRAILING_YN.sub("", folded).strip())


def canonical_label(label: object, column: str) -> str | None:
    """The canonical vocabulary label for a cell, or None if unknown.

    >>> canonical_label("Zoom", "channel"), canonical_label("Alum", "connection")
    ('video', 'alumni')
    >>> canonical_label("Met her at a career fair", "connection")
    'event'
    >>> canonical_label("cold email", "channel"), canonical_label("Email / LinkedIn", "channel")
    ('email', None)

    """
    if label is None or (isinstance(label, float) and label != label):
        return None
    folded = fold_header(label)
    found = _LABELS[column].get(folded)
    if found is None and column in _PHRASES:
        # "Referred by a friend", "met at a career fair": the first known phrase in it.
        match = _PHRASES[column].search(folded)
        found = _LABELS[column][match.group(1)] if match else None
        if column in _ONE_LABEL and (
            len(folded.split()) > _LABEL_WORDS or _names_two(label, column)
        ):
            return None
    return found


def _names_two(label: object, column: str) -> bool:
    """True if the parts of a cell ("Email + LinkedIn") name more than one label."""
    named = set()
    for part in _LABEL_PARTS.split(str(label)):
        match = _PHRASES[column].search(fold_header(part))
        if match:
            named.add(_LABELS[column][match.group(1)])
    return len(named) > 1


#: Tracker step columns and the event kind each one becomes.
TRACKER_STEPS: dict[str, str] = {
    "contacted_on": "request_sent",
    "followed_up_on": "follow_up_sent",
    "replied_on": "reply_received",
    "meeting_on": "meeting_held",
    "thank_you_on": "thank_you_sent",
}


#: Status words that describe where things stand rather than something that
#: happened (folded with ``fold_header``): a tracker's status column with one
#: of these adds no event and no warning.
STATUS_WITHOUT_EVENT: frozenset[str] = frozenset(
    {
        "waiting",
        "pending",
        "no reply",
        "no response",
        "no answer",
        "not contacted",
        "to contact",
        "to do",
        "todo",
        "planned",
        "open",
        "in progress",
        "closed",
        "done",
        "active",
        "ongoing",
        "awaiting reply",
        "waiting for reply",
        "not yet",
        "new",
        "ghosted",
        "waiting to hear back",
        "awaiting response",
        "no response yet",
        "no reply yet",
        "waiting for response",
        "on hold",
        "n a",
        "na",
        "none",
    }
)
