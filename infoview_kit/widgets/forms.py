"""The forms of the preparation notebooks (01-06): each a thin view over package functions.

Every view is an ``ipywidgets.VBox``: display it by leaving it as the last
line of a cell. Typing updates a live preview and the checks (✓ / ! / ✗);
buttons save to the workbook (``prep/<contact_id>/``) or log an event. The
methods the buttons call (``save``, ``log_sent``, ``add``...) are public, so tests
and scripts can use them without clicking.

>>> import tempfile, pathlib
>>> from infoview_kit.io.store import Workbook
>>> wb = Workbook.create(pathlib.Path(tempfile.mkdtemp()) / "wb")
>>> view = IntroductionView(wb)
>>> view.fields["full_name"].value = "Ada Example"
>>> "Ada Example" in view.preview.value
True
"""

from __future__ import annotations

import datetime as dt
import email.utils
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as w

from infoview_kit.errors import InfoviewError
from infoview_kit.messages import builders as compose
from infoview_kit.messages.questions import (
    CATEGORIES,
    add_question,
    check_question_plan,
    interview_sheet,
    pick_questions,
    question_bank,
)
from infoview_kit.schema import CONNECTIONS
from infoview_kit.widgets._common import (
    NO_CONTACT_HERE,
    CheckboxGroup,
    ContactPicker,
    area,
    checks_html,
    contact_options,
    date,
    download_link,
    heading,
    labelled,
    number_choice,
    refresh_pickers,
    relative,
    status_html,
    style_block,
    text,
)
from infoview_kit.workshop import prep
from infoview_kit.workshop.tables import readable_table
from infoview_kit.workshop.takeaways import (
    FEELINGS,
    Takeaways,
    save_takeaways,
    saved_takeaways_form,
)

__all__ = [
    "ContactsView",
    "DueListView",
    "FollowUpView",
    "IntroductionView",
    "MeetingView",
    "QuestionsView",
    "RequestView",
    "ResearchView",
    "StayInTouchView",
    "ThankYouView",
    "VoicemailView",
]

_TWO_COLUMNS = w.Layout(
    display="flex", flex_flow="row wrap", align_items="flex-start", width="100%"
)
_COLUMN = {"flex": "1 1 420px", "min_width": "320px", "padding": "0 0.8em 0 0"}
_ERRORS = (InfoviewError, ValueError, TypeError, OSError)


def _checklist_box(boxes) -> w.VBox:
    box = w.VBox(list(boxes), layout=w.Layout(width="100%"))
    box.add_class("iv-checklist")  # long items wrap instead of being cut off
    return box


def _column(children) -> w.VBox:
    return w.VBox(children, layout=w.Layout(**_COLUMN))


def _tone() -> w.ToggleButtons:
    return labelled(
        w.ToggleButtons(options=[("Warm", "warm"), ("Formal", "formal")], value="warm"), "Tone"
    )


class _View(w.VBox):
    """A contact picker, a status line, and the try/say-what-happened pattern."""

    #: Event kinds whose latest contact is chosen first in the picker (see ContactPicker).
    prefer: ClassVar[tuple[str, ...]] = ()

    def __init__(self, workbook, children):
        self.workbook = workbook
        self.status = w.HTML()
        super().__init__([style_block(), *children, self.status], layout=w.Layout(width="100%"))
        # a stable hook for styling and for browser tests: iv-introductionview, iv-requestview...
        self.add_class(f"iv-{type(self).__name__.lower()}")
        self.add_class("iv-view")

    @property
    def contact_id(self) -> str | None:
        return self.picker.value

    def _need_contact(self) -> str | None:
        if self.picker.value is None:
            where = (
                "with the form above"
                if self.picker.empty == NO_CONTACT_HERE
                else "in notebook 1, Contacts and research"
            )
            self._say(False, f"choose a contact first (add someone {where}).")
        return self.picker.value

    def _say(self, ok: bool, message: str) -> None:
        self.status.value = status_html(ok, message)


# ---------------------------------------------------------------------- 01 contacts and research


class ContactsView(_View):
    """Add a person to the workbook: name, organisation, role, field, how you are connected."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.name = text("Name", "first and last name")
        self.organization = text("Organisation", "where they work")
        self.role = text("Role", "their job title")
        self.field = text("Field", "e.g. public health, UX research")
        self.connection = labelled(
            w.Dropdown(
                options=[("(choose one)", None)] + [(c.capitalize(), c) for c in CONNECTIONS],
                value=None,
            ),
            "How connected",
        )
        self.referred_by = labelled(
            w.Combobox(options=[], ensure_option=False),
            "Referred by",
            placeholder="pick someone, or type a new name",
        )
        self._referrers: dict[str, str] = {}
        self._refresh_referrers()
        self.email = text("E-mail", "name@example.com")
        self.phone = text("Phone", "optional")
        self.linkedin_url = text("LinkedIn", "profile address, optional")
        self.notes = area("Notes", "anything worth remembering", rows=2)
        self.add_button = w.Button(
            description="Add contact", icon="user-plus", button_style="primary"
        )
        self.add_button.on_click(lambda _: self.add())
        self.added: str | None = None
        super().__init__(
            workbook,
            [
                w.HBox(
                    [
                        _column(
                            [self.name, self.organization, self.role, self.field, self.connection]
                        ),
                        _column(
                            [
                                self.referred_by,
                                self.email,
                                self.phone,
                                self.linkedin_url,
                                self.notes,
                            ]
                        ),
                    ],
                    layout=_TWO_COLUMNS,
                ),
                self.add_button,
            ],
        )

    def values(self) -> dict[str, Any]:
        """The form as keyword arguments of ``Workbook.add_contact`` (blanks as None)."""
        fields = (
            "name",
            "organization",
            "role",
            "field",
            "email",
            "phone",
            "linkedin_url",
            "notes",
        )
        out: dict[str, Any] = {k: getattr(self, k).value.strip() or None for k in fields}
        out["connection"] = self.connection.value
        typed = self.referred_by.value.strip()
        out["referred_by"] = self._referrers.get(typed, typed) or None
        return out

    def _refresh_referrers(self) -> None:
        self._referrers = {label: cid for label, cid in contact_options(self.workbook.contacts)}
        self.referred_by.options = list(self._referrers)
        self.referred_by.value = ""

    def _referrer_id(self, referred_by: str | None) -> tuple[str | None, bool]:
        """The referrer's contact id, adding them when their name is new; and whether added."""
        if referred_by is None or referred_by in self._referrers.values():
            return referred_by, False
        known = self.workbook.find_contact(referred_by)
        if known is not None:
            return known, False
        return self.workbook.add_contact(name=referred_by), True

    def add(self) -> str | None:
        """Add the person (or fill in blanks of someone already there); returns their id."""
        values = self.values()
        if not values["name"]:
            self._say(False, "type a name first.")
            return None
        try:
            with self.workbook.batch():
                values["referred_by"], new_referrer = self._referrer_id(values["referred_by"])
                contact_id = self.workbook.add_contact(**values)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self.added = contact_id
        for key in (
            "name",
            "organization",
            "role",
            "field",
            "email",
            "phone",
            "linkedin_url",
            "notes",
        ):
            getattr(self, key).value = ""
        refresh_pickers(self.workbook, select=contact_id)
        self._refresh_referrers()
        n = len(self.workbook.contacts)
        also = (
            " The person who referred them is a new contact too: add their details when you can."
            if new_referrer
            else ""
        )
        self._say(
            True,
            f"added to your workbook ({n} contact{'s' if n != 1 else ''}); "
            f"they are now chosen in the forms below.{also}",
        )
        return contact_id


class ResearchView(_View):
    """Research notes for one contact: what they work on, links, articles, your notes."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.picker = ContactPicker(workbook, prefer=self.prefer, empty=NO_CONTACT_HERE)
        self.work_on = area(
            "What they work on", "their role, projects, what their team does", rows=3
        )
        self.links = area("Links", "one per line: profile, organisation page, a talk...", rows=3)
        self.links.add_class("iv-nowrap")  # one address per line, never broken in two
        self.articles = area("Articles and news", "one per line: title or address", rows=3)
        self.notes = area("My notes", "what you noticed, questions it raises", rows=3)
        self.preview = w.HTML()
        self.save_button = w.Button(
            description="Save research", icon="save", button_style="primary"
        )
        self.save_button.on_click(lambda _: self.save())
        self._holding = False
        for widget in (self.work_on, self.links, self.articles, self.notes):
            widget.observe(self._changed, names="value")
        self.picker.observe(lambda change: self.load(change["new"]), names="value")
        super().__init__(
            workbook,
            [
                self.picker,
                w.HBox(
                    [
                        _column([self.work_on, self.links, self.articles, self.notes]),
                        _column([self.preview]),
                    ],
                    layout=_TWO_COLUMNS,
                ),
                self.save_button,
            ],
        )
        self.load(self.picker.value)

    def notes_value(self) -> prep.ResearchNotes:
        return prep.ResearchNotes.from_text(
            work_on=self.work_on.value,
            links=self.links.value,
            articles=self.articles.value,
            notes=self.notes.value,
        )

    def _changed(self, _change=None) -> None:
        if not self._holding:
            self.refresh()

    def refresh(self) -> None:
        notes = self.notes_value()
        self.preview.value = "<b>Checks</b>" + checks_html(prep.check_research_notes(notes))

    def load(self, contact_id: str | None) -> None:
        """Fill the form with the saved notes of a contact."""
        notes = (
            prep.load_research(self.workbook, contact_id) if contact_id else prep.ResearchNotes()
        )
        self._holding = True
        try:
            self.work_on.value = notes.work_on
            self.links.value = "\n".join(notes.links)
            self.articles.value = "\n".join(notes.articles)
            self.notes.value = notes.notes
        finally:
            self._holding = False
        self.refresh()

    def save(self) -> Path | None:
        contact_id = self._need_contact()
        if contact_id is None:
            return None
        try:
            path = prep.save_research(self.workbook, contact_id, self.notes_value())
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self._say(True, f"saved to {relative(path, self.workbook)}.")
        return path


# --------------------------------------------------------------------------- drafts (02, 03, 06)


class _DraftView(_View):
    """A form whose fields are the keyword arguments of a compose builder, with a live preview."""

    kind: ClassVar[str]
    log_kind: ClassVar[str | None] = None
    log_label: ClassVar[str] = ""
    log_date_label: ClassVar[str] = "Sent on"
    date_fields: ClassVar[tuple[str, ...]] = ()
    int_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, workbook):
        self.workbook = workbook
        self.picker = ContactPicker(workbook, prefer=self.prefer)
        self.fields: dict[str, w.Widget] = self._make_fields()
        self.preview = w.HTML()
        self.download = w.HTML()
        self._make_copy_box()
        self._holding = False
        for widget in self.fields.values():
            widget.observe(self._changed, names="value")
        self.picker.observe(lambda change: self.prefill(change["new"]), names="value")
        actions = self._make_actions()
        super().__init__(
            workbook,
            [
                self.picker,
                w.HBox(
                    [
                        _column(self._form_children()),
                        _column(
                            [
                                heading("Preview and checks"),
                                self.preview,
                                self.download,
                                heading(
                                    "Copy from here",
                                    "change the wording freely: your edit is what is saved",
                                ),
                                self.copy_box,
                                w.HBox(
                                    [self.edit_note, self.reset_button],
                                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                                ),
                            ]
                        ),
                    ],
                    layout=_TWO_COLUMNS,
                ),
                w.HBox(actions, layout=w.Layout(flex_flow="row wrap", align_items="center")),
            ],
        )
        self.prefill(self.picker.value)

    def _make_copy_box(self) -> None:
        """The copy box, its "edited" note and reset button, and the state of the draft."""
        # The heading above names the box on screen; the description (zero width, see
        # STYLE) is the name a screen reader announces when the box takes the focus.
        self.copy_box = w.Textarea(
            rows=6,
            description="Copy from here",
            style={"description_width": "0px"},
            layout=w.Layout(width="100%", height="10em"),
        )
        self.copy_box.add_class("iv-copy")
        self.copy_box.observe(self._box_changed, names="value")
        self.edit_note = w.HTML()
        self.reset_button = w.Button(
            description="Reset to generated text",
            icon="undo",
            layout=w.Layout(width="auto", display="none"),
        )
        self.reset_button.on_click(lambda _: self.reset_text())
        #: The draft shown, saved and downloaded: the person's edit when there is one.
        self.draft: compose.Draft | None = None
        #: The draft built from the form (what "Reset to generated text" brings back).
        self.generated: compose.Draft | None = None
        #: True while the copy box holds text the person changed by hand.
        self.edited = False
        self._unsaved_edits: dict[str, str] = {}  # contact -> edit not saved before switching
        self._box_contact: str | None = None
        self._setting_box = False

    def _make_actions(self) -> list[w.Widget]:
        """Save draft, and for messages that get logged: the date, Log, Log it again anyway."""
        self.save_button = w.Button(description="Save draft", icon="save", button_style="primary")
        self.save_button.on_click(lambda _: self.save())
        actions: list[w.Widget] = [self.save_button]
        if not self.log_kind:
            return actions
        self.log_date = self.fields.get("sent_on") or date(self.log_date_label)
        self.log_button = w.Button(description=self.log_label, icon="check")
        self.log_button.on_click(lambda _: self.log_sent())
        self.log_again_button = w.Button(
            description="Log it again anyway",
            icon="plus",
            layout=w.Layout(width="auto", display="none"),
        )
        self.log_again_button.on_click(lambda _: self.log_sent(again=True))
        if "sent_on" not in self.fields:
            actions.append(self.log_date)
        return [*actions, self.log_button, self.log_again_button]

    # -- to implement per view
    def _make_fields(self) -> dict[str, w.Widget]:
        raise NotImplementedError

    def _form_children(self) -> list[w.Widget]:
        return list(self.fields.values())

    @staticmethod
    def _builder(**kwargs) -> compose.Draft:
        raise NotImplementedError

    def _channel(self) -> str | None:
        return None

    # -- shared behaviour
    @contextmanager
    def _hold(self):
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self.refresh()

    def _changed(self, _change=None) -> None:
        if not self._holding:
            self.refresh()

    def values(self) -> dict[str, Any]:
        """The form as the builder's keyword arguments."""
        return {name: widget.value for name, widget in self.fields.items()}

    def build(self) -> compose.Draft:
        return type(self)._builder(**self.values())

    def refresh(self) -> None:
        """Rebuild the draft from the form; the copy box follows unless the person edited it."""
        try:
            self.generated = self.build()
        except _ERRORS as exc:
            self.generated = None
            self.draft = None
            self.preview.value = status_html(False, str(exc))
            self.download.value = ""
            if not self.edited:
                self._set_box("")
            return
        if not self.edited:
            self._set_box(self.generated.plain_text())
        self._show()

    def _set_box(self, text_: str) -> None:
        self._setting_box = True
        try:
            self.copy_box.value = text_
        finally:
            self._setting_box = False
        self._box_contact = self.picker.value

    def _box_changed(self, change) -> None:
        if self._setting_box or self._holding:
            return
        self._box_contact = self.picker.value
        built = self.generated.plain_text() if self.generated is not None else None
        self.edited = change["new"] != built
        if self.generated is not None:
            self._show()

    def _show(self) -> None:
        """Preview, checks and download of the draft in force (the edit, if there is one)."""
        if self.generated is None:
            return
        self.draft = (
            prep.edited_draft(self.generated, self.copy_box.value)
            if self.edited
            else self.generated
        )
        self.preview.value = self.draft.to_html()
        self.download.value = self._download_html(self.draft)
        self.reset_button.layout.display = None if self.edited else "none"
        self.edit_note.value = (
            "<span class='iv-edit-note'>✎ Your edited version is kept: changes to the form "
            "no longer rewrite it.</span>"
            if self.edited
            else ""
        )

    def reset_text(self) -> None:
        """Throw away the hand edit: the copy box shows the text built from the form again."""
        self.edited = False
        if self.picker.value is not None:
            self._unsaved_edits.pop(self.picker.value, None)
        self.refresh()

    def _addresses(self) -> tuple[str, str]:
        contact = self.picker.contact or {}
        to = (
            email.utils.formataddr((contact.get("name") or "", contact.get("email") or ""))
            if contact.get("email")
            else ""
        )
        values = self.values()
        mine = values.get("your_email") or values.get("email") or ""
        name = values.get("your_name") or ""
        from_ = email.utils.formataddr((name, mine)) if mine else ""
        return to, from_

    def _download_html(self, draft: compose.Draft) -> str:
        if draft.subject is None:  # not an e-mail
            return ""
        to, from_ = self._addresses()
        raw = compose.to_eml(draft, to=to, from_=from_)
        return download_link(
            raw,
            f"{prep.draft_name(draft)}.eml",
            mime="message/rfc822",
            label="Download as an e-mail draft (.eml)",
        )

    def prefill(self, contact_id: str | None) -> None:
        """Fill the form from what the workbook knows about this contact (and about you).

        A text the person edited and saved comes back as they typed it; an edit
        not yet saved for the contact chosen before is kept for this session.
        """
        if self.edited and self._box_contact not in (None, contact_id):
            self._unsaved_edits[self._box_contact] = self.copy_box.value
        self.edited = False
        if contact_id is None:
            self.refresh()
            return
        try:
            values = prep.suggested_fields(
                self.workbook, contact_id, self.kind, **self._prefill_options()
            )
        except _ERRORS as exc:
            self._say(False, str(exc))
            self.refresh()
            return
        with self._hold():
            for name, value in values.items():
                widget = self.fields.get(name)
                if widget is None:
                    continue
                if name in self.date_fields:
                    value = compose.as_date(value, name) if value else dt.date.today()
                elif name in self.int_fields:
                    value = int(value)
                if isinstance(widget, w.ToggleButtons | w.Dropdown) and value not in [
                    v for _, v in widget.options
                ]:
                    continue  # a value the list does not offer (an old draft): keep the default
                widget.value = value
        self._restore_edit(contact_id)

    def _restore_edit(self, contact_id: str) -> None:
        mine = self._unsaved_edits.pop(contact_id, None)
        if mine is None:
            saved = prep.load_saved_draft(
                self.workbook, contact_id, self.kind, **self._prefill_options()
            )
            if not (saved and saved.get("edited")):
                return
            subject = saved.get("subject")
            mine = f"Subject: {subject}\n\n{saved['text']}" if subject else saved["text"]
        self._set_box(mine)
        self.edited = self.generated is None or mine != self.generated.plain_text()
        self._show()

    def _prefill_options(self) -> dict[str, Any]:
        return {}

    def save(self) -> Path | None:
        """Save the draft (Markdown, and .eml for e-mails) in the contact's prep folder."""
        contact_id = self._need_contact()
        if contact_id is None:
            return None
        if self.draft is None:
            self._say(False, "the draft has a problem: see the preview.")
            return None
        try:
            path = prep.save_draft(self.workbook, contact_id, self.draft, edited=self.edited)
            if self.draft.subject is not None:
                to, from_ = self._addresses()
                prep.save_eml(self.workbook, contact_id, self.draft, to=to, from_=from_)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self._unsaved_edits.pop(contact_id, None)
        extra = (
            "" if self.draft.passed else " It still has checks marked ✗ to fix before you send it."
        )
        mine = " (your edited text)" if self.edited else ""
        self._say(True, f"saved to {relative(path, self.workbook)}{mine}.{extra}")
        return path

    def log_sent(self, *, again: bool = False) -> bool:
        """Record in the log that this message went out, on the chosen date.

        The same kind of message logged for this contact on the same day is not
        logged twice: the view says so and offers "Log it again anyway" (``again``).
        """
        contact_id = self._need_contact()
        if contact_id is None or not self.log_kind:
            return False
        day = self.log_date.value
        if day is None:
            self._say(False, "choose the date it was sent.")
            return False
        try:
            added = self.workbook.log_event(
                contact_id,
                self.log_kind,
                at=prep.event_time(day),
                channel=self._channel(),
                allow_repeat=again,
            )
        except _ERRORS as exc:
            self._say(False, str(exc))
            return False
        words = self.log_kind.replace("_", " ").replace("thank you", "thank-you")
        self.log_again_button.layout.display = None if not added else "none"
        if not added:
            self._say(
                False,
                f"already logged: “{words}” on {day:%d %B %Y} is in your log; nothing added. "
                "If you really sent a second one that day, press “Log it again anyway”.",
            )
            return False
        self._say(True, f"logged “{words}” on {day:%d %B %Y}.")
        return True


class IntroductionView(_DraftView):
    """Your 30-second introduction, with the time it takes to say."""

    kind = "introduction"
    int_fields = ("words_per_minute",)

    def _make_fields(self):
        return {
            "full_name": text("Your full name", "first and last name"),
            "connection": area(
                "How you are connected", "e.g. Lee Park suggested I get in touch", rows=2
            ),
            "background": area(
                "Your background", "e.g. I'm finishing a degree in public health", rows=2
            ),
            "interests": area(
                "Your interests",
                "what you are exploring, e.g. how clinics measure outcomes",
                rows=2,
            ),
            "words_per_minute": labelled(
                number_choice(range(100, 185, 5), value=140, unit="words a minute"), "Speaking pace"
            ),
            "tone": _tone(),
        }

    @staticmethod
    def _builder(**kwargs):
        return compose.introduction(**kwargs)


class RequestView(_DraftView):
    """The request for a conversation: e-mail, LinkedIn note or letter."""

    kind = "request"
    log_kind = "request_sent"
    log_label = "Log request sent"
    int_fields = ("duration_minutes",)

    def _make_fields(self):
        fields = {
            "channel": labelled(
                w.ToggleButtons(
                    options=[
                        ("E-mail", "email"),
                        ("LinkedIn note", "linkedin"),
                        ("Letter", "letter"),
                    ],
                    value="email",
                ),
                "Sent by",
            ),
            "tone": _tone(),
            "your_name": text("Your full name", "first and last name"),
            "your_email": text("Your e-mail", "name@example.com"),
            "your_phone": text("Your phone", "optional"),
            "contact_name": text("Their name", "as you would address them"),
            "connection": area(
                "How you are connected", "e.g. Lee Park suggested I get in touch", rows=2
            ),
            "situation": text("Where you are now", "e.g. a second-year nursing student"),
            "interest": text("What you are exploring", "e.g. community health programmes"),
            "hope_to_learn": area(
                "What you hope to learn", "e.g. how you moved from research into practice", rows=2
            ),
            "duration_minutes": labelled(
                number_choice(range(5, 95, 5), value=20, unit="minutes"), "Minutes to ask for"
            ),
            "window": text(
                "When", "e.g. the next two or three weeks", value="the next two or three weeks"
            ),
            "medium": text("How", "e.g. phone or video", value="phone, video or in person"),
            "subject": labelled(
                w.Combobox(options=[], ensure_option=False), "Subject", placeholder="pick or type"
            ),
            "referrer": text("Referred by", "who suggested them (for the subject)"),
        }
        fields["channel"].observe(self._channel_changed, names="value")
        return fields

    def _channel(self) -> str:
        return self.fields["channel"].value

    def _prefill_options(self):
        return {"channel": self.fields["channel"].value}

    def _channel_changed(self, change) -> None:
        is_email = change["new"] == "email"
        self.fields["subject"].layout.display = None if is_email else "none"

    def refresh(self) -> None:
        super().refresh()
        if self.draft is not None:
            self.fields["subject"].options = self.draft.subjects

    @staticmethod
    def _builder(**kwargs):
        return compose.request_message(**kwargs)


class VoicemailView(_DraftView):
    """What to say when you reach their voicemail."""

    kind = "voicemail"
    log_kind = "voicemail_left"
    log_label = "Log voicemail left"
    log_date_label = "Called on"
    int_fields = ("words_per_minute",)

    def _make_fields(self):
        return {
            "your_name": text("Your full name", "first and last name"),
            "phone": text("Your phone", "say it slowly"),
            "email": text("Your e-mail", "name@example.com"),
            "contact_name": text("Their name"),
            "connection": area("How you are connected", "e.g. Lee Park suggested I call", rows=2),
            "purpose": area(
                "Why you are calling",
                "e.g. I'm exploring careers in X and would value 15 minutes of advice",
                rows=2,
            ),
            "retry_in": text("Try again in", value="a couple of weeks"),
            "words_per_minute": labelled(
                number_choice(range(100, 185, 5), value=130, unit="words a minute"), "Speaking pace"
            ),
            "tone": _tone(),
        }

    def _channel(self) -> str:
        return "voicemail"

    @staticmethod
    def _builder(**kwargs):
        return compose.voicemail(**kwargs)


class ThankYouView(_DraftView):
    """The thank-you note after a meeting: something you learned, something you did."""

    kind = "thank_you"
    prefer = ("meeting_held",)
    log_kind = "thank_you_sent"
    log_label = "Log thank-you sent"
    date_fields = ("meeting_on", "sent_on")

    def _make_fields(self):
        return {
            "your_name": text("Your full name"),
            "contact_name": text("Their name"),
            "learned": area(
                "Something you learned", "e.g. that most evaluators start in data roles", rows=2
            ),
            "action_taken": area(
                "What you did about it", "e.g. joined the regional evaluators' network", rows=2
            ),
            "next_step": area(
                "Next step (optional)",
                "e.g. I'm meeting Sam Lee next week, as you suggested",
                rows=2,
            ),
            "meeting_on": date("Meeting on"),
            "sent_on": date("Sent on"),
            "tone": _tone(),
            "subject": labelled(
                w.Combobox(options=[], ensure_option=False), "Subject", placeholder="pick or type"
            ),
        }

    def _channel(self) -> str:
        return "email"

    def refresh(self) -> None:
        super().refresh()
        if self.draft is not None:
            self.fields["subject"].options = self.draft.subjects

    @staticmethod
    def _builder(**kwargs):
        return compose.thank_you(**kwargs)


class FollowUpView(_DraftView):
    """One polite nudge when a request got no answer."""

    kind = "follow_up"
    prefer = ("request_sent",)
    log_kind = "follow_up_sent"
    log_label = "Log follow-up sent"
    date_fields = ("sent_on", "today")
    int_fields = ("duration_minutes", "follow_ups_already_sent")

    def _make_fields(self):
        fields = {
            "your_name": text("Your full name"),
            "contact_name": text("Their name"),
            "situation": text("Where you are now", "e.g. a second-year nursing student"),
            "interest": text("What you are exploring"),
            "sent_on": date("Request sent on"),
            "today": date("Sending this on"),
            "duration_minutes": labelled(
                number_choice(range(5, 95, 5), value=15, unit="minutes"), "Minutes to ask for"
            ),
            "window": text("When", value="the next few weeks"),
            "follow_ups_already_sent": labelled(
                w.BoundedIntText(value=0, min=0, max=5), "Follow-ups so far"
            ),
            "tone": _tone(),
            "subject": labelled(
                w.Combobox(options=[], ensure_option=False), "Subject", placeholder="pick or type"
            ),
        }
        return fields

    def __init__(self, workbook):
        super().__init__(workbook)
        self.log_date = self.fields["today"]

    def _channel(self) -> str:
        return "email"

    @staticmethod
    def _builder(**kwargs):
        return compose.follow_up(**kwargs)


class StayInTouchView(_DraftView):
    """A later update: your progress and something useful to them."""

    kind = "stay_in_touch"
    prefer = ("meeting_held",)
    log_kind = "update_sent"
    log_label = "Log update sent"
    date_fields = ("met_on", "today")

    def _make_fields(self):
        return {
            "your_name": text("Your full name"),
            "contact_name": text("Their name"),
            "progress": area("Your news", "e.g. I started an evaluation internship", rows=2),
            "something_useful": area(
                "Something for them", "an article, event or contact they would value", rows=2
            ),
            "met_on": date("You met on"),
            "today": date("Sending this on"),
            "tone": _tone(),
            "subject": labelled(
                w.Combobox(options=[], ensure_option=False), "Subject", placeholder="pick or type"
            ),
        }

    def __init__(self, workbook):
        super().__init__(workbook)
        self.log_date = self.fields["today"]

    def _channel(self) -> str:
        return "email"

    @staticmethod
    def _builder(**kwargs):
        return compose.stay_in_touch_update(**kwargs)


# --------------------------------------------------------------------------- 04 questions


class QuestionsView(_View):
    """Choose questions that fit the minutes you asked for; save and print the interview sheet."""

    prefer = ("meeting_scheduled", "reply_received", "request_sent", "voicemail_left")

    def __init__(self, workbook, *, bank=None):
        self.workbook = workbook
        self.bank = question_bank() if bank is None else bank.copy()
        self.picker = ContactPicker(workbook, prefer=self.prefer)
        self.minutes = labelled(
            number_choice(range(5, 95, 5), value=20, unit="minutes"), "Meeting length"
        )
        self.meeting_on = date("Meeting on")
        self.topics = CheckboxGroup(
            [(label, key) for key, label in CATEGORIES.items() if key not in ("closing", "own")],
            label="Topics",
            hint="tick the topics you want to cover; none ticked means all of them",
        )
        self.must = CheckboxGroup(
            self._question_options(),
            label="Questions you must ask",
            hint="tick any you want on the sheet whatever the time; the rest is picked for you",
            scroll=True,
        )
        self.own = text("Your own question", "type it, then press Add my question")
        self.add_button = w.Button(
            description="Add my question",
            icon="plus",
            layout=w.Layout(width="auto", margin="2px 0 2px 12.5em"),  # under the field
        )
        self.add_button.on_click(lambda _: self.add_own())
        self.preview = w.HTML()
        self.download = w.HTML()
        self.save_button = w.Button(description="Save sheet", icon="save", button_style="primary")
        self.save_button.on_click(lambda _: self.save())
        self.plan = None
        self.sheet = None
        for widget in (self.minutes, self.meeting_on, self.topics, self.must):
            widget.observe(lambda _change: self.refresh(), names="value")
        self.picker.observe(lambda change: self.prefill(change["new"]), names="value")
        super().__init__(
            workbook,
            [
                self.picker,
                w.HBox(
                    [
                        _column(
                            [
                                self.minutes,
                                self.meeting_on,
                                self.topics,
                                self.must,
                                self.own,
                                self.add_button,
                            ]
                        ),
                        _column([heading("Your interview sheet"), self.preview, self.download]),
                    ],
                    layout=_TWO_COLUMNS,
                ),
                self.save_button,
            ],
        )
        self.prefill(self.picker.value)

    def _question_options(self):
        return [
            (f"{q} ({m} min)", i)
            for i, q, m in zip(
                self.bank["id"], self.bank["question"], self.bank["minutes"], strict=True
            )
            if not str(i).startswith("closing-1") and not str(i).startswith("closing-2")
        ]

    def prefill(self, contact_id: str | None) -> None:
        """Take the meeting length from the request you saved for this contact."""
        if contact_id is None:
            self.refresh()
            return
        saved = prep.load_draft(self.workbook, contact_id, "request_email") or prep.load_draft(
            self.workbook, contact_id, "request_linkedin"
        )
        minutes = (saved or {}).get("fields", {}).get("duration_minutes")
        if minutes and int(minutes) in [v for _, v in self.minutes.options]:
            self.minutes.value = int(minutes)
        self.refresh()

    def add_own(self) -> str | None:
        """Add your own question to the bank and to the must-ask list."""
        try:
            self.bank = add_question(self.bank, self.own.value)
        except ValueError as exc:
            self._say(False, str(exc))
            return None
        new_id = str(self.bank["id"].iloc[-1])
        chosen = (*self.must.value, new_id)
        self.must.options = self._question_options()
        self.must.value = chosen
        self.own.value = ""
        self._say(True, "your question is in the plan.")
        return new_id

    def refresh(self) -> None:
        contact = self.picker.contact or {}
        try:
            self.plan = pick_questions(
                self.bank,
                minutes=self.minutes.value,
                must_include=self.must.value,
                categories=self.topics.value or None,
            )
            introduction = None
            if self.picker.value:
                saved = prep.load_draft(self.workbook, self.picker.value, "introduction")
                introduction = (saved or {}).get("text")
            self.sheet = interview_sheet(
                self.plan,
                contact_name=contact.get("name") or "",
                organization=contact.get("organization"),
                meeting_on=self.meeting_on.value,
                minutes=self.minutes.value,
                introduction=introduction,
            )
        except _ERRORS as exc:
            self.preview.value = status_html(False, str(exc))
            return
        checks = check_question_plan(self.plan, minutes=self.minutes.value)
        self.preview.value = checks_html(checks) + self.sheet.to_html(note_lines=1)
        self.download.value = download_link(
            self.sheet.to_html_page().encode("utf-8"),
            "interview_sheet.html",
            mime="text/html",
            label="Download the sheet to print (.html)",
        )

    def save(self) -> Path | None:
        contact_id = self._need_contact()
        if contact_id is None or self.sheet is None:
            return None
        try:
            path = prep.save_interview_sheet(self.workbook, contact_id, self.sheet)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self._say(
            True, f"saved to {relative(path, self.workbook)} (and a printable .html beside it)."
        )
        return path


# --------------------------------------------------------------------------- 05 meeting


def _takeaway_fields() -> dict[str, w.Widget]:
    """The quick takeaway fields of a conversation (keyword arguments of Takeaways.from_form)."""
    return {
        "role": text("Role discussed", "the job you talked about"),
        "field": text("Field", "e.g. public health, UX research"),
        "typical_week": area("A typical week", "what their days and weeks are made of", rows=2),
        "skills": area(
            "Skills that matter",
            "one per line, then : yes, : partly or : no for whether you have it",
            rows=3,
        ),
        "entry_path": area("The way in", "how people get into it, as they described it", rows=2),
        "appealed": area("What appealed", "what drew you in", rows=2),
        "put_off": area("What put me off", "doubts, drawbacks", rows=2),
        "feeling": labelled(
            w.Dropdown(
                options=[("(not rated)", None)]
                + [(f"{n} – {words}", n) for n, words in FEELINGS.items()],
                value=None,
            ),
            "How I felt about it",
        ),
        "open_questions": area(
            "Still open", "questions this conversation left, one per line", rows=2
        ),
    }


class MeetingView(_View):
    """Meeting day: the checklist, then what you learned and the names you were given."""

    prefer = ("meeting_scheduled", "reply_received", "request_sent", "voicemail_left")

    def __init__(self, workbook):
        self.workbook = workbook
        self.picker = ContactPicker(workbook, prefer=self.prefer)
        self._make_checklist()
        self._make_meeting_fields()
        self.takeaway_fields = _takeaway_fields()
        self.preview = w.HTML()
        self.record: prep.MeetingRecord | None = None
        buttons = self._make_log_buttons()
        for widget in (
            self.learned,
            self.advice,
            self.names,
            self.notes,
            self.held_on,
            self.channel,
        ):
            widget.observe(self._changed, names="value")
        self.picker.observe(lambda change: self.prefill(change["new"]), names="value")
        self.held_on.observe(lambda _change: self.reopen_takeaways(), names="value")
        super().__init__(
            workbook,
            [
                self.picker,
                heading("Before and during the meeting", "tick what you have done"),
                _checklist_box(self.checklist.values()),
                self.checklist_button,
                heading("After the meeting", "write it down the same day, while it is fresh"),
                w.HBox(
                    [
                        _column(
                            [
                                self.held_on,
                                self.channel,
                                self.learned,
                                self.advice,
                                self.names,
                                self.notes,
                            ]
                        ),
                        _column([heading("What will be saved"), self.preview]),
                    ],
                    layout=_TWO_COLUMNS,
                ),
                *self._takeaways_section(),
                buttons,
            ],
        )
        self.prefill(self.picker.value)

    def _make_meeting_fields(self) -> None:
        self.held_on = date("Meeting on")
        self.channel = labelled(
            w.Dropdown(
                options=[("In person", "in_person"), ("Video call", "video"), ("Phone", "phone")],
                value="in_person",
            ),
            "Where",
        )
        self.learned = area("What I learned", "the two or three things that stood out", rows=3)
        self.advice = area("Their advice", "what they suggested you do", rows=2)
        self.names = area(
            "Names they gave me", "one per line: Name, Organisation, role, e-mail", rows=3
        )
        self.notes = area("Other notes", "anything else worth keeping", rows=3)

    def _make_checklist(self) -> None:
        self.checklist = {
            key: w.Checkbox(
                value=False, description=label, indent=False, layout=w.Layout(width="100%")
            )
            for key, label in prep.MEETING_CHECKLIST.items()
        }
        self.checklist_button = w.Button(description="Save checklist", icon="save")
        self.checklist_button.on_click(lambda _: self.save_checklist())

    def _make_log_buttons(self) -> w.HBox:
        """Log the meeting, Log it again anyway (after "already logged"), Save takeaways only."""
        self.log_button = w.Button(
            description="Log the meeting", icon="check", button_style="primary"
        )
        self.log_button.on_click(lambda _: self.log_meeting())
        self.log_again_button = w.Button(
            description="Log it again anyway",
            icon="plus",
            layout=w.Layout(width="auto", display="none"),
        )
        self.log_again_button.on_click(lambda _: self.log_meeting(again=True))
        self.takeaways_button = w.Button(description="Save takeaways only", icon="save")
        self.takeaways_button.on_click(lambda _: self.save_takeaways())
        return w.HBox([self.log_button, self.log_again_button, self.takeaways_button])

    def _takeaways_section(self) -> list[w.Widget]:
        fields = list(self.takeaway_fields.values())
        return [
            heading(
                "Quick takeaways (optional)",
                "a few facts per conversation; notebook 08 compares the options with them",
            ),
            w.HBox([_column(fields[:5]), _column(fields[5:])], layout=_TWO_COLUMNS),
        ]

    def prefill(self, contact_id: str | None) -> None:
        ticked = prep.load_checklist(self.workbook, contact_id) if contact_id else {}
        for key, box in self.checklist.items():
            box.value = bool(ticked.get(key))
        contact = self.picker.contact or {}
        for key in ("role", "field"):  # their own role and field, until you say otherwise
            self.takeaway_fields[key].value = prep.clean_text(contact.get(key))
        self.reopen_takeaways()
        self._changed()

    def reopen_takeaways(self) -> bool:
        """Fill the takeaway fields with what was saved for this contact and day, if anything.

        Only blank fields are filled: what you are typing is never replaced.
        """
        if self.picker.value is None or self.held_on.value is None:
            return False
        saved = saved_takeaways_form(self.workbook, self.picker.value, self.held_on.value)
        if saved is None:
            return False
        for key, value in saved.items():
            widget = self.takeaway_fields[key]
            if value not in ("", None) and widget.value in ("", None):
                widget.value = value
        return True

    def takeaways(self) -> Takeaways:
        """The quick takeaways as typed (raises ValueError on a bad value)."""
        return Takeaways.from_form(
            **{key: widget.value for key, widget in self.takeaway_fields.items()}
        )

    def save_takeaways(self) -> Path | None:
        """Save the takeaways in the meeting file of the chosen day, without logging anything."""
        contact_id = self._need_contact()
        if contact_id is None:
            return None
        if self.held_on.value is None:
            self._say(False, "choose the date of the meeting.")
            return None
        try:
            path = save_takeaways(
                self.workbook, contact_id, held_on=self.held_on.value, takeaways=self.takeaways()
            )
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self._say(True, f"takeaways saved to {relative(path, self.workbook)}.")
        return path

    def _changed(self, _change=None) -> None:
        self.log_button.disabled = False
        self.refresh()

    def refresh(self) -> None:
        from html import escape

        people = prep.parse_names(self.names.value)
        note = prep.meeting_event_notes(learned=self.learned.value, advice=self.advice.value)
        lines = [f"<p><b>Note on the meeting:</b> {escape(note) if note else '(nothing yet)'}</p>"]
        if people:
            items = "".join(
                f"<li>{escape(p['name'])}"
                + (f" ({escape(p['organization'])})" if p.get("organization") else "")
                + "</li>"
                for p in people
            )
            lines.append(
                f"<p><b>New contacts ({len(people)}), referred by this person:</b></p>"
                f"<ul>{items}</ul>"
            )
        else:
            lines.append("<p><b>New contacts:</b> none yet. Ask whom else you should talk to.</p>")
        self.preview.value = "".join(lines)

    def save_checklist(self) -> Path | None:
        contact_id = self._need_contact()
        if contact_id is None:
            return None
        try:
            path = prep.save_checklist(
                self.workbook, contact_id, {k: b.value for k, b in self.checklist.items()}
            )
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        done = sum(b.value for b in self.checklist.values())
        self._say(True, f"checklist saved ({done} of {len(self.checklist)} ticked).")
        return path

    def log_meeting(self, *, again: bool = False) -> prep.MeetingRecord | None:
        """Log the meeting, add the people it gave you, save the notes.

        A meeting with this contact already logged that day is not logged twice
        (the view says so and offers "Log it again anyway": ``again``).
        """
        contact_id = self._need_contact()
        if contact_id is None:
            return None
        if self.held_on.value is None:
            self._say(False, "choose the date of the meeting.")
            return None
        try:
            self.record = prep.capture_meeting(
                self.workbook,
                contact_id,
                held_on=self.held_on.value,
                notes=self.notes.value,
                learned=self.learned.value,
                advice=self.advice.value,
                names_given=[self.names.value],
                channel=self.channel.value,
                again=again,
                takeaways=self.takeaways(),
            )
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        already = self.record.already_logged
        self.log_again_button.layout.display = None if already else "none"
        if already:
            self._say(
                False,
                f"already logged: a meeting on {self.held_on.value:%d %B %Y} with this contact "
                "is in your log; nothing added. To add takeaways to it, press “Save takeaways "
                "only”; if you met twice that day, press “Log it again anyway”.",
            )
            return self.record
        self.log_button.disabled = True  # until something changes: no double logging
        refresh_pickers(self.workbook, select=contact_id)
        added = len(self.record.new_ids)
        self._say(
            True,
            f"meeting logged; {added} new contact{'s' if added != 1 else ''} added; notes saved to "
            f"{relative(self.record.path, self.workbook)}.",
        )
        return self.record


# --------------------------------------------------------------------------- 06 what is due


class DueListView(_View):
    """What to do next and when (follow-ups, thank-yous, updates), and a calendar file of it."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.today = date("As of")
        self.horizon = labelled(
            number_choice((0, 3, 7, 14, 21, 30, 45, 60), value=14, unit="days"), "Days ahead"
        )
        self.table = w.HTML()
        self.download = w.HTML()
        self.due = None
        for widget in (self.today, self.horizon):
            widget.observe(lambda _change: self.refresh(), names="value")
        super().__init__(workbook, [w.HBox([self.today, self.horizon]), self.table, self.download])
        self.refresh()

    def refresh(self) -> None:
        """Recompute the due list (``reminders.due_list``) and its calendar file."""
        from infoview_kit.analytics.reminders import due_list
        from infoview_kit.io.export import due_list_to_ics

        if self.today.value is None:
            self.table.value = status_html(False, "choose a date.")
            return
        try:
            self.due = due_list(
                self.workbook.log(), today=self.today.value, horizon_days=self.horizon.value
            )
        except _ERRORS as exc:
            self.table.value = status_html(False, str(exc))
            return
        if self.due.empty:
            self.table.value = "<p>✓ Nothing due in this period.</p>"
            self.download.value = ""
            return
        table = readable_table(self.due, columns=["due_on", "action", "name", "reason"])
        self.table.value = f"<div class='iv-due'>{table.to_html()}</div>"
        self.download.value = download_link(
            due_list_to_ics(self.due),
            "next_steps.ics",
            mime="text/calendar",
            label=(
                "Add this reminder to your calendar (.ics)"
                if len(self.due) == 1
                else f"Add these {len(self.due)} reminders to your calendar (.ics)"
            ),
        )
