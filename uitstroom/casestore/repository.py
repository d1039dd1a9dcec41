"""Reads and writes of the case store. Every write is audited; every read is scoped by the caller.

Methods are synchronous (SQLAlchemy); the action server calls them through
asyncio.to_thread so the event loop never blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from uitstroom.casestore.db import session_factory
from uitstroom.casestore.models import (
    DOCUMENT_STATUSES,
    AuditEntry,
    Begeleider,
    Case,
    Client,
    ContactRequest,
    Criterion,
    Document,
    Feedback,
    Meeting,
    Notification,
)
from uitstroom.casestore.notify import Handoff, Notifier, WebNotifier
from uitstroom.privacy import redact
from uitstroom.text import fold, words

_CASE_LOAD = (
    selectinload(Client.case).selectinload(Case.documents),
    selectinload(Client.case).selectinload(Case.criteria),
    selectinload(Client.case).selectinload(Case.meetings),
    selectinload(Client.begeleider),
)
CHANNEL_COLUMNS = {"slack": Begeleider.slack_user_id, "botframework": Begeleider.teams_user_id}


@dataclass(frozen=True)
class NameMatch:
    client: Client
    score: float


def match_names(clients: list[Client], name: str, cutoff: float = 80) -> list[NameMatch]:
    """Clients whose first name is close to `name` (typos, missing accents, lower case)."""
    names = [c.first_name for c in clients]
    found = process.extract(
        name, names, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff
    )
    return [NameMatch(clients[i], score) for _, score, i in found]


def named_clients(clients: list[Client], text: str) -> list[Client]:
    """Clients (with a case) the text names by first name or client number: exact, so that an
    ordinary word never selects a client."""
    tokens = set(words(text))
    return [
        c for c in clients if c.case and (fold(c.first_name) in tokens or c.client_number.lower() in tokens)
    ]


class CaseStore:
    def __init__(self, sessions: sessionmaker | None = None, notifier: Notifier | None = None) -> None:
        self.sessions = sessions or session_factory()
        self.notifier = notifier or WebNotifier()

    # --- reads -----------------------------------------------------------------
    def client(self, client_number: str) -> Client | None:
        with self.sessions() as s:
            return s.scalars(
                select(Client).where(Client.client_number == client_number).options(*_CASE_LOAD)
            ).first()

    def begeleider(self, code: str) -> Begeleider | None:
        with self.sessions() as s:
            return s.scalars(select(Begeleider).where(Begeleider.code == code)).first()

    def begeleider_for_channel_user(self, channel: str, user_id: str) -> Begeleider | None:
        column = CHANNEL_COLUMNS.get(channel)
        if column is None or not user_id:
            return None
        with self.sessions() as s:
            return s.scalars(select(Begeleider).where(column == user_id)).first()

    def caseload(self, begeleider_code: str) -> list[Client]:
        with self.sessions() as s:
            query = (
                select(Client)
                .join(Begeleider)
                .where(Begeleider.code == begeleider_code)
                .options(*_CASE_LOAD)
                .order_by(Client.first_name)
            )
            return list(s.scalars(query))

    def match_clients(self, begeleider_code: str, name: str, cutoff: float = 80) -> list[NameMatch]:
        """Fuzzy first-name match, only within this begeleider's own caseload."""
        return match_names(self.caseload(begeleider_code), name, cutoff)

    def audit_log(self, case_id: int | None = None) -> list[AuditEntry]:
        with self.sessions() as s:
            query = select(AuditEntry).order_by(AuditEntry.id)
            if case_id is not None:
                query = query.where(AuditEntry.case_id == case_id)
            return list(s.scalars(query))

    # --- writes (each one audited) ---------------------------------------------
    def _audit(
        self, s: Session, actor: str, case_id: int | None, action: str, detail: str, channel: str
    ) -> None:
        s.add(AuditEntry(actor=actor, case_id=case_id, action=action, detail=detail, channel=channel))

    def set_document_status(
        self, actor: str, case_id: int, doc_type: str, status: str, channel: str, on: dt.date | None = None
    ) -> None:
        if status not in DOCUMENT_STATUSES:
            raise ValueError(status)
        on = on or dt.date.today()
        with self.sessions.begin() as s:
            doc = s.scalars(
                select(Document).where(Document.case_id == case_id, Document.type == doc_type)
            ).first()
            if doc is None:
                doc = Document(case_id=case_id, type=doc_type)
                s.add(doc)
            doc.status = status
            if status == "aangevraagd":
                doc.requested_on = on
            if status == "binnen":
                doc.received_on = on
                if doc_type == "woningnet":
                    doc.renewed_on = on
                    doc.registered_on = doc.registered_on or on
            self._audit(s, actor, case_id, "document", f"{doc_type}={status}", channel)

    def plan_meeting(self, actor: str, case_id: int, kind: str, on: dt.date, channel: str) -> None:
        with self.sessions.begin() as s:
            meeting = s.scalars(
                select(Meeting).where(
                    Meeting.case_id == case_id, Meeting.kind == kind, Meeting.held_on.is_(None)
                )
            ).first()
            if meeting is None:
                meeting = Meeting(case_id=case_id, kind=kind)
                s.add(meeting)
            meeting.planned_on = on
            self._audit(s, actor, case_id, "meeting", f"{kind} gepland op {on.isoformat()}", channel)

    def set_criterion(self, actor: str, case_id: int, code: str, status: str, channel: str) -> None:
        with self.sessions.begin() as s:
            criterion = s.scalars(
                select(Criterion).where(Criterion.case_id == case_id, Criterion.code == code)
            ).first()
            if criterion is None:
                criterion = Criterion(case_id=case_id, code=code)
                s.add(criterion)
            criterion.status = status
            criterion.updated_at = dt.datetime.utcnow()
            self._audit(s, actor, case_id, "criterium", f"{code}={status}", channel)

    def add_contact_request(self, actor: str, case_id: int | None, question: str, channel: str) -> int:
        with self.sessions.begin() as s:
            request = ContactRequest(case_id=case_id, question=question[:2000], channel=channel)
            s.add(request)
            s.flush()
            self._audit(s, actor, case_id, "contactverzoek", f"verzoek {request.id}", channel)
            return request.id

    def handoff(self, actor: str, client_number: str, question: str, channel: str) -> Handoff | None:
        """A client asks for their begeleider: store a contact request and notify the begeleider.

        Returns whom the client was told about and what to send outside the database, or None
        when the client is unknown.
        """
        with self.sessions.begin() as s:
            client = s.scalars(select(Client).where(Client.client_number == client_number)).first()
            if client is None or client.case is None:
                return None
            question = redact(question)
            request = ContactRequest(case_id=client.case.id, question=question, channel=channel)
            s.add(request)
            s.flush()
            text = f"{client.first_name} ({client.client_number}) wil contact met je."
            if question:
                text += f' Laatste vraag: "{question}"'
            self.notifier.notify(s, client.begeleider, text, request.id)
            self._audit(s, actor, client.case.id, "contactverzoek", f"verzoek {request.id}", channel)
            begeleider = client.begeleider
            return Handoff(begeleider.name, text, begeleider.slack_user_id, begeleider.teams_user_id)

    def notifications_for(self, begeleider_code: str) -> list[Notification]:
        with self.sessions() as s:
            query = (
                select(Notification)
                .join(Begeleider)
                .where(Begeleider.code == begeleider_code)
                .order_by(Notification.created_at.desc())
            )
            return list(s.scalars(query))

    # --- feedback for content editors ---------------------------------------------
    def add_feedback(
        self, kind: str, question: str, entry_id: str | None, region: str | None, comment: str | None = None
    ) -> None:
        with self.sessions.begin() as s:
            s.add(Feedback(kind=kind, question=redact(question or ""), entry_id=entry_id, region=region,
                           comment=redact(comment) if comment else None))  # fmt: skip

    def feedback(self, kinds: tuple[str, ...] = ("slecht", "onbeantwoord", "onduidelijk")) -> list[Feedback]:
        with self.sessions() as s:
            return list(s.scalars(select(Feedback).where(Feedback.kind.in_(kinds)).order_by(Feedback.at)))
