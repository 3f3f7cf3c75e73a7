"""Catalogue texts: answers to status replies, edits, undo and deadline proposals."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # --- what was recorded ----------------------------------------------------------------
    "replies.recorded_status_text": {
        "nl": "Genoteerd bij #{number} {title}: status {status}, ‘{text}’.",
        "en": "Noted on #{number} {title}: status {status}, ‘{text}’.",
    },
    "replies.recorded_status": {
        "nl": "Genoteerd bij #{number} {title}: status {status}.",
        "en": "Noted on #{number} {title}: status {status}.",
    },
    "replies.recorded_text": {
        "nl": "Genoteerd bij #{number} {title}: ‘{text}’. De status blijft {status}.",
        "en": "Noted on #{number} {title}: ‘{text}’. The status stays {status}.",
    },
    "replies.recorded": {
        "nl": "Genoteerd bij #{number} {title}.",
        "en": "Noted on #{number} {title}.",
    },
    "replies.status_buttons": {
        "nl": "Is de status veranderd? Kies dan hieronder de nieuwe.",
        "en": "Has the status changed? Then choose the new one below.",
    },
    "replies.how_to_fix": {
        "nl": "Klopt het niet? Stuur ‘wijzig’ met de juiste tekst, of ‘ongedaan’ om het "
        "binnen {minutes} minuten terug te draaien.",
        "en": "Not right? Send ‘edit’ with the right text, or ‘undo’ within {minutes} "
        "minutes to take it back.",
    },
    "replies.already_recorded": {
        "nl": "Dit bericht staat al genoteerd bij #{number} {title}. Stuur ‘wijzig’ met de "
        "juiste tekst of ‘ongedaan’ als het anders moet.",
        "en": "This message is already noted on #{number} {title}. Send ‘edit’ with the "
        "right text, or ‘undo’, to change it.",
    },
    # --- which action ---------------------------------------------------------------------
    "replies.pick": {
        "nl": "Over welke actie gaat ‘{text}’? Kies hieronder, of stuur je bericht opnieuw "
        "met het nummer ervoor, zoals ‘#{example} {text}’.",
        "en": "Which action is ‘{text}’ about? Pick one below, or send your message again "
        "with the number in front, like ‘#{example} {text}’.",
    },
    "replies.pick_more": {
        "nl": "Je hebt er meer dan {shown}; staat de jouwe er niet bij, noem dan het nummer.",
        "en": "You have more than {shown}; if yours is not here, give its number.",
    },
    "replies.pick_ambiguous": {
        "nl": "‘{ref}’ bestaat in meer dan één programma: {keys}. Kies hieronder, of begin je "
        "bericht met de sleutel van de actie.",
        "en": "‘{ref}’ exists in more than one programme: {keys}. Pick one below, or start "
        "your message with the action's key.",
    },
    "replies.pick_label": {"nl": "#{number} {title}", "en": "#{number} {title}"},
    "replies.pick_label_key": {
        "nl": "{key} {title} ({programme})",
        "en": "{key} {title} ({programme})",
    },
    "replies.picked": {
        "nl": "Gekozen: #{number} {title}.",
        "en": "Chosen: #{number} {title}.",
    },
    "replies.pick_stale": {
        "nl": "Dat bericht kan ik niet meer terugvinden. Stuur je update opnieuw, met het "
        "nummer van de actie ervoor.",
        "en": "I can no longer find that message. Send your update again, with the action's "
        "number in front.",
    },
    "replies.no_candidates": {
        "nl": "Ik weet niet over welke actie je bericht gaat. Zet het nummer of de sleutel "
        "ervoor, bijvoorbeeld ‘#12 loopt volgens plan’ of ‘OW-01: afgerond’. Typ ‘mijn "
        "acties’ voor je acties met hun nummers, of ‘help’ voor wat ik kan.",
        "en": "I don't know which action your message is about. Put its number or key in "
        "front, for example ‘#12 on track’ or ‘OW-01: done’. Type ‘my actions’ for your "
        "actions and their numbers, or ‘help’ for what I can do.",
    },
    "replies.empty": {
        "nl": "Je bericht was leeg. Schrijf in een paar woorden hoe je actie ervoor staat, "
        "of typ ‘help’.",
        "en": "Your message was empty. Write in a few words how your action stands, or "
        "type ‘help’.",
    },
    "replies.unknown_ref": {
        "nl": "Ik ken geen actie ‘{ref}’ in jouw programma's. Typ ‘mijn acties’ voor je "
        "acties met hun nummers.",
        "en": "I know no action ‘{ref}’ in your programmes. Type ‘my actions’ for your "
        "actions and their numbers.",
    },
    "replies.ambiguous_ref": {
        "nl": "‘{ref}’ bestaat in meer dan één programma: {keys}. Gebruik de sleutel, "
        "bijvoorbeeld ‘{command} {example} …’.",
        "en": "‘{ref}’ exists in more than one programme: {keys}. Use the key, for example "
        "‘{command} {example} …’.",
    },
    "replies.action_gone": {
        "nl": "Die actie bestaat niet meer. Typ ‘mijn acties’ voor je acties van nu.",
        "en": "That action no longer exists. Type ‘my actions’ for your current actions.",
    },
    "replies.button_unknown": {
        "nl": "Deze knop werkt niet (meer). Typ ‘help’ voor wat ik kan.",
        "en": "This button doesn't work (any more). Type ‘help’ for what I can do.",
    },
    # --- commands -------------------------------------------------------------------------
    "replies.update_usage": {
        "nl": "Zo werkt het: update <nummer> <tekst>, bijvoorbeeld ‘update 12 offertes "
        "binnen, loopt volgens plan’.",
        "en": "Use it like this: update <number> <text>, for example ‘update 12 quotes are "
        "in, on track’.",
    },
    "replies.status_usage": {
        "nl": "Zo werkt het: status <nummer of sleutel> <status>, bijvoorbeeld ‘status 12 op "
        "schema’ of ‘status OW-05 loopt achter’. Statussen: {words}.",
        "en": "Use it like this: status <number or key> <status>, for example ‘status 12 on "
        "track’ or ‘status OW-05 running late’. Statuses: {words}.",
    },
    "replies.status_unknown": {
        "nl": "‘{word}’ ken ik niet als status. Kies uit: {words}.",
        "en": "I don't know ‘{word}’ as a status. Choose from: {words}.",
    },
    "replies.deadline_usage": {
        "nl": "Zo werkt het: deadline <nummer> <deadline>, bijvoorbeeld ‘deadline 12 eind "
        "maart 2027’. Alleen ‘deadline <tekst>’ laat zien hoe ik een deadline lees.",
        "en": "Use it like this: deadline <number> <deadline>, for example ‘deadline 12 "
        "eind maart 2027’. Just ‘deadline <text>’ shows how I read a deadline.",
    },
    "replies.deadline_set": {
        "nl": "De deadline van #{number} {title} is nu {new} (was {old}).",
        "en": "The deadline of #{number} {title} is now {new} (was {old}).",
    },
    "replies.deadline_same": {
        "nl": "#{number} {title} heeft die deadline al: {deadline}.",
        "en": "#{number} {title} already has that deadline: {deadline}.",
    },
    "replies.deadline_past": {
        "nl": "{deadline} ligt in het verleden. Noem een deadline vanaf vandaag.",
        "en": "{deadline} is in the past. Give a deadline from today on.",
    },
    "replies.deadline_phrase": {"nl": "‘{text}’ ({date})", "en": "‘{text}’ ({date})"},
    "replies.no_deadline": {"nl": "geen deadline", "en": "no deadline"},
    # --- proposals ------------------------------------------------------------------------
    "replies.proposal_sent": {
        "nl": "De nieuwe deadline {deadline} heb ik als voorstel voorgelegd aan {names}. "
        "Je hoort het als er besloten is.",
        "en": "I have put the new deadline {deadline} to {names} as a proposal. You will "
        "hear when they decide.",
    },
    "replies.proposal_self": {
        "nl": "Je noemde een nieuwe deadline: {deadline} (nu {old}). Vastleggen?",
        "en": "You mentioned a new deadline: {deadline} (now {old}). Set it?",
    },
    "replies.proposal_nobody": {
        "nl": "Je noemde een nieuwe deadline, {deadline}, maar er is geen opdrachtgever of "
        "programmaregisseur om die aan voor te leggen. Meld het bij de programmaregisseur.",
        "en": "You mentioned a new deadline, {deadline}, but there is no sponsor or "
        "programme director to put it to. Please tell the programme director.",
    },
    "replies.proposal_request": {
        "nl": "{proposer} stelt een nieuwe deadline voor bij #{number} {title}.\n"
        "Nu: {old}\nVoorstel: {new}",
        "en": "{proposer} proposes a new deadline for #{number} {title}.\n"
        "Now: {old}\nProposed: {new}",
    },
    "replies.proposal_reason": {"nl": "Toelichting: ‘{text}’", "en": "Note: ‘{text}’"},
    "replies.proposal_question": {
        "nl": "Ga je akkoord met de nieuwe deadline?",
        "en": "Do you accept the new deadline?",
    },
    "replies.accept": {"nl": "Akkoord", "en": "Accept"},
    "replies.reject": {"nl": "Afwijzen", "en": "Reject"},
    "replies.proposal_accepted": {
        "nl": "Akkoord: de deadline van #{number} {title} is nu {new} (was {old}).",
        "en": "Accepted: the deadline of #{number} {title} is now {new} (was {old}).",
    },
    "replies.proposal_rejected": {
        "nl": "Afgewezen: de deadline van #{number} {title} blijft {old}.",
        "en": "Rejected: the deadline of #{number} {title} stays {old}.",
    },
    "replies.proposal_accepted_note": {
        "nl": "{decider} is akkoord met je voorstel: de deadline van #{number} {title} is "
        "nu {new}.",
        "en": "{decider} accepted your proposal: the deadline of #{number} {title} is now {new}.",
    },
    "replies.proposal_rejected_note": {
        "nl": "{decider} heeft je voorstel {new} voor #{number} {title} afgewezen; de "
        "deadline blijft {old}.",
        "en": "{decider} rejected your proposal {new} for #{number} {title}; the deadline "
        "stays {old}.",
    },
    "replies.proposal_decided": {
        "nl": "Over dit voorstel is al besloten: {verdict} door {name}.",
        "en": "This proposal has already been decided: {verdict} by {name}.",
    },
    "replies.verdict_accepted": {"nl": "goedgekeurd", "en": "accepted"},
    "replies.verdict_rejected": {"nl": "afgewezen", "en": "rejected"},
    "replies.someone": {"nl": "iemand", "en": "someone"},
    "replies.proposal_gone": {
        "nl": "Dit voorstel bestaat niet meer: de update waar het bij hoorde is ingetrokken.",
        "en": "This proposal no longer exists: the update it belonged to was withdrawn.",
    },
    "replies.names_or": {"nl": "{first} of {last}", "en": "{first} or {last}"},
    # --- edit and undo --------------------------------------------------------------------
    "replies.edit_usage": {
        "nl": "Zo werkt het: wijzig <nieuwe tekst>, bijvoorbeeld ‘wijzig toch vertraagd, "
        "verwacht eind maart’. Dat past je laatste update aan.",
        "en": "Use it like this: edit <new text>, for example ‘edit delayed after all’. "
        "That changes your last update.",
    },
    "replies.edit_nothing": {
        "nl": "Je hebt nog geen update gegeven die ik kan aanpassen.",
        "en": "You have not given an update yet that I could change.",
    },
    "replies.edit_unchanged": {
        "nl": "Je laatste update bij #{number} {title} zegt dat al; er is niets veranderd.",
        "en": "Your last update on #{number} {title} already says that; nothing changed.",
    },
    "replies.edited": {
        "nl": "Aangepast: je update bij #{number} {title} luidt nu: {what}. De vorige versie "
        "blijft bewaard.",
        "en": "Changed: your update on #{number} {title} now reads: {what}. The previous "
        "version is kept.",
    },
    "replies.what_status_text": {
        "nl": "status {status}, ‘{text}’",
        "en": "status {status}, ‘{text}’",
    },
    "replies.what_status": {"nl": "status {status}", "en": "status {status}"},
    "replies.what_text": {"nl": "‘{text}’", "en": "‘{text}’"},
    "replies.undo_nothing": {
        "nl": "Er is geen update van jou om ongedaan te maken.",
        "en": "There is no update of yours to undo.",
    },
    "replies.undo_too_late": {
        "nl": "Je laatste update (bij #{number}, {when}) is niet in de afgelopen {minutes} "
        "minuten gegeven en kan niet meer ongedaan worden gemaakt. Pas hem aan met ‘wijzig’ en "
        "de juiste tekst.",
        "en": "Your last update (on #{number}, {when}) was not given in the last {minutes} "
        "minutes and can no longer be undone. Change it with ‘edit’ and the right text.",
    },
    "replies.undone": {
        "nl": "Ongedaan gemaakt: je update bij #{number} {title} is ingetrokken. Hij telt niet "
        "meer mee en staat in de geschiedenis van de actie als ingetrokken.",
        "en": "Undone: your update on #{number} {title} is withdrawn. It no longer counts and "
        "shows in the action's history as withdrawn.",
    },
    "replies.undo_already": {
        "nl": "Je update bij #{number} {title} is al ingetrokken; er is niets meer ongedaan "
        "te maken.",
        "en": "Your update on #{number} {title} has already been withdrawn; there is nothing "
        "left to undo.",
    },
    "replies.undone_status": {
        "nl": "De status is weer {status}.",
        "en": "The status is {status} again.",
    },
    # --- KPI values ("stand 180") ---------------------------------------------------------
    # {unit} is empty or starts with a space; numbers come formatted (words.numbers).
    "replies.kpi_recorded": {
        "nl": "Stand {value} van {target}{unit} ({percent} %).",
        "en": "Progress {value} of {target}{unit} ({percent}%).",
    },
    "replies.kpi_recorded_plain": {
        "nl": "Stand {value}{unit} (doel {target}).",
        "en": "Progress {value}{unit} (target {target}).",
    },
    "replies.kpi_none": {
        "nl": "#{number} {title} heeft geen KPI, dus de stand ({value}) is niet genoteerd; "
        "je tekst wel.",
        "en": "#{number} {title} has no KPI, so the value ({value}) is not noted; your words are.",
    },
    "replies.kpi_negative": {
        "nl": "Een stand kan niet negatief zijn ({value}). Er is niets genoteerd; stuur je "
        "update opnieuw met de juiste stand.",
        "en": "A KPI value cannot be negative ({value}). Nothing was noted; send your update "
        "again with the right value.",
    },
    "replies.kpi_absurd": {
        "nl": "Stand {value} is meer dan duizend keer het doel van #{number} ({target}{unit}); "
        "dat lijkt een vergissing. Er is niets genoteerd; stuur je update opnieuw met de "
        "juiste stand.",
        "en": "A value of {value} is more than a thousand times the target of #{number} "
        "({target}{unit}); that looks like a slip. Nothing was noted; send your update again "
        "with the right value.",
    },
    "replies.undone_kpi": {
        "nl": "De stand is weer {value}.",
        "en": "The KPI value is {value} again.",
    },
    "replies.undone_kpi_none": {
        "nl": "Er is weer geen stand.",
        "en": "There is no KPI value any more.",
    },
    "replies.form_kpi": {
        "nl": "Stand ({unit}; doel {target})",
        "en": "Progress ({unit}; target {target})",
    },
    "replies.form_kpi_no_unit": {
        "nl": "Stand (doel {target})",
        "en": "Progress (target {target})",
    },
    "replies.form_kpi_hint": {
        "nl": "een getal, bijv. 1.250 of 12,5 (optioneel)",
        "en": "a number, e.g. 1,250 or 12.5 (optional)",
    },
    "replies.form_kpi_bad": {
        "nl": "Vul alleen een getal in, zoals 1.250 of 12,5.",
        "en": "Fill in a number only, such as 1,250 or 12.5.",
    },
    "replies.form_kpi_negative": {
        "nl": "Een stand kan niet negatief zijn.",
        "en": "A KPI value cannot be negative.",
    },
    "replies.form_kpi_absurd": {
        "nl": "Dat is meer dan duizend keer het doel ({target}); klopt het getal?",
        "en": "That is more than a thousand times the target ({target}); is it right?",
    },
    # --- the update form ------------------------------------------------------------------
    "replies.form_intro": {
        "nl": "Update voor #{number} {title}: vul in wat je wilt melden.",
        "en": "Update for #{number} {title}: fill in what you want to report.",
    },
    "replies.form_title": {"nl": "Update #{number}", "en": "Update #{number}"},
    "replies.form_submit": {"nl": "Versturen", "en": "Send"},
    "replies.form_status": {"nl": "Status", "en": "Status"},
    "replies.form_unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "replies.form_text": {"nl": "Wat is er gebeurd?", "en": "What happened?"},
    "replies.form_deadline": {
        "nl": "Nieuwe deadline (optioneel)",
        "en": "New deadline (optional)",
    },
    "replies.form_deadline_hint": {
        "nl": "bijv. eind maart 2027",
        "en": "e.g. eind maart 2027 (end of March 2027)",
    },
    "replies.form_empty": {
        "nl": "Vul een status, een tekst, een stand of een nieuwe deadline in.",
        "en": "Fill in a status, a text, a KPI value or a new deadline.",
    },
    "replies.form_bad_status": {
        "nl": "Kies een van de statussen uit de lijst.",
        "en": "Choose one of the statuses in the list.",
    },
    "replies.form_unknown": {
        "nl": "Dit formulier ken ik niet (meer). Typ ‘help’ voor wat ik kan.",
        "en": "I don't know this form (any more). Type ‘help’ for what I can do.",
    },
}
