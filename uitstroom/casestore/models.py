"""The case store's tables. SQLAlchemy 1.4 with 2.0-style usage (future=True engines and sessions).

No BSN is ever stored: a client is known by a pseudonymous client number and a
first name that only their own begeleider sees.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

PHASES = ("instroom", "doorstroom", "uitstroom", "proefwonen", "zelfstandig_wonen")
ROUTES = ("BW", "MO")
DOCUMENT_STATUSES = ("nog_niet", "aangevraagd", "binnen", "verlopen")
CRITERION_STATUSES = ("onbekend", "voldaan", "niet_voldaan")
ORGANISATION_KINDS = ("zorgaanbieder", "woningcorporatie", "gemeente", "wijkteam")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Organisation(Base):
    __tablename__ = "organisations"
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    kind = Column(String(30), nullable=False)
    region = Column(String(40))


class Begeleider(Base):
    __tablename__ = "begeleiders"
    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)  # e.g. "B-01": used in tokens and logs
    name = Column(String(200), nullable=False)
    organisation_id = Column(ForeignKey("organisations.id"), nullable=False)
    teams_user_id = Column(String(200), unique=True)
    slack_user_id = Column(String(200), unique=True)
    organisation = relationship("Organisation")
    clients = relationship("Client", back_populates="begeleider")


class Client(Base):
    __tablename__ = "clients"
    id = Column(Integer, primary_key=True)
    client_number = Column(String(40), nullable=False, unique=True)  # pseudonymous, e.g. "C-1001"
    first_name = Column(String(100), nullable=False)
    begeleider_id = Column(ForeignKey("begeleiders.id"), nullable=False)
    begeleider = relationship("Begeleider", back_populates="clients")
    case = relationship("Case", back_populates="client", uselist=False)


class Case(Base):
    __tablename__ = "cases"
    id = Column(Integer, primary_key=True)
    client_id = Column(ForeignKey("clients.id"), nullable=False, unique=True)
    region = Column(String(40), nullable=False)
    route = Column(String(2), nullable=False)
    phase = Column(String(30), nullable=False)
    gemeente_herkomst = Column(String(100))
    wensgemeente = Column(String(100))
    uitstroomgemeente = Column(String(100))
    instroom_date = Column(Date)
    indicatie_end_date = Column(Date)
    planned_uitstroom_date = Column(Date)
    client = relationship("Client", back_populates="case")
    criteria = relationship("Criterion", cascade="all, delete-orphan", order_by="Criterion.id")
    documents = relationship("Document", cascade="all, delete-orphan", order_by="Document.id")
    meetings = relationship("Meeting", cascade="all, delete-orphan", order_by="Meeting.planned_on")


class Criterion(Base):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("case_id", "code"),)
    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id"), nullable=False)
    code = Column(String(60), nullable=False)
    status = Column(String(20), nullable=False, default="onbekend")
    updated_at = Column(DateTime, default=utcnow)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("case_id", "type"),)
    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id"), nullable=False)
    type = Column(String(60), nullable=False)
    status = Column(String(20), nullable=False, default="nog_niet")
    requested_on = Column(Date)
    received_on = Column(Date)
    registered_on = Column(Date)  # e.g. WoningNet registration
    renewed_on = Column(Date)  # e.g. last WoningNet renewal


class Meeting(Base):
    __tablename__ = "meetings"
    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id"), nullable=False)
    kind = Column(String(40), nullable=False)  # uitstroomtafel_1..3, veldtafel, evaluatie, wijkteam
    planned_on = Column(Date)
    held_on = Column(Date)


class ContactRequest(Base):
    __tablename__ = "contact_requests"
    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id"))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    channel = Column(String(40))
    question = Column(Text)
    status = Column(String(20), nullable=False, default="open")


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    actor = Column(String(80), nullable=False)  # "begeleider:B-01", "client:C-1001"
    case_id = Column(ForeignKey("cases.id"))
    action = Column(String(60), nullable=False)
    detail = Column(Text)
    channel = Column(String(40))


class Notification(Base):
    """A message for a begeleider (e.g. a client asks for contact); delivered by a Notifier transport."""

    __tablename__ = "notifications"
    id = Column(Integer, primary_key=True)
    begeleider_id = Column(ForeignKey("begeleiders.id"), nullable=False)
    contact_request_id = Column(ForeignKey("contact_requests.id"))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    text = Column(Text, nullable=False)
    transport = Column(String(20), nullable=False, default="web")
    read_at = Column(DateTime)


class Feedback(Base):
    """What content editors need: answers rated down and questions we could not answer."""

    __tablename__ = "feedback"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    kind = Column(String(20), nullable=False)  # "goed", "slecht" or "onbeantwoord"
    question = Column(Text)  # redacted: no e-mail addresses, phone numbers or BSN-like numbers
    entry_id = Column(String(80))
    region = Column(String(40))
    comment = Column(Text)
