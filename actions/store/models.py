"""Tables of the fact store. Bilingual texts are column pairs `*_zh` / `*_en`."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import registry
from sqlalchemy.orm.decl_api import DeclarativeMeta

mapper_registry = registry()


class Base(metaclass=DeclarativeMeta):
    """What `declarative_base()` builds, written out so that a type checker sees a class (SQLAlchemy 1.4's
    documented non-dynamic base)."""

    __abstract__ = True
    registry = mapper_registry
    metadata = mapper_registry.metadata
    __init__ = mapper_registry.constructor


class Paragraph(Base):
    __tablename__ = "paragraphs"
    number = Column(Integer, primary_key=True, autoincrement=False)
    section_zh = Column(Text, nullable=False)
    section_en = Column(Text, nullable=False)
    part_zh = Column(Text)
    part_en = Column(Text)
    subheading_zh = Column(Text)
    subheading_en = Column(Text)
    zh = Column(Text, nullable=False)
    en = Column(Text, nullable=False)


class Footnote(Base):
    __tablename__ = "footnotes"
    number = Column(Integer, primary_key=True, autoincrement=False)
    paragraph = Column(Integer, ForeignKey("paragraphs.number"), nullable=False)
    zh = Column(Text, nullable=False)
    en = Column(Text, nullable=False)
    documents = Column(JSON, nullable=False)


class Priority(Base):
    """A4P+ priorities (P1-P7) and cross-cutting themes (T1, T2)."""

    __tablename__ = "priorities"
    id = Column(String(8), primary_key=True)
    kind = Column(String(16), nullable=False)
    number = Column(Integer, nullable=False)
    name_zh = Column(Text, nullable=False)
    name_en = Column(Text, nullable=False)
    first_paragraph = Column(Integer, nullable=False)
    last_paragraph = Column(Integer, nullable=False)
    summary_zh = Column(Text, nullable=False)
    summary_en = Column(Text, nullable=False)
    aliases = Column(JSON, nullable=False)


class Statistic(Base):
    __tablename__ = "statistics"
    id = Column(String(120), primary_key=True)
    paragraph = Column(Integer, ForeignKey("paragraphs.number"), nullable=False)
    value = Column(Float, nullable=False)
    source_text = Column(Text, nullable=False)
    unit = Column(String(32), nullable=False)
    before = Column(Float)
    before_text = Column(Text)
    years = Column(JSON, nullable=False)
    as_of = Column(String(16))
    period_zh = Column(Text)
    period_en = Column(Text)
    scope_zh = Column(Text)
    scope_en = Column(Text)
    priority_id = Column(String(8), ForeignKey("priorities.id"))
    label_zh = Column(Text, nullable=False)
    label_en = Column(Text, nullable=False)
    question_zh = Column(Text)
    question_en = Column(Text)
    answer_zh = Column(Text, nullable=False)
    answer_en = Column(Text, nullable=False)
    keywords = Column(JSON, nullable=False)


class Mission(Base):
    __tablename__ = "missions"
    acronym = Column(String(16), primary_key=True)
    name_zh = Column(Text, nullable=False)
    name_en = Column(Text, nullable=False)
    short_zh = Column(Text, nullable=False)
    host_zh = Column(Text, nullable=False)
    host_en = Column(Text, nullable=False)
    paragraphs = Column(JSON, nullable=False)


class MissionAlias(Base):
    """Every name a mission is known by, normalised, in either language."""

    __tablename__ = "mission_aliases"
    alias = Column(String(200), primary_key=True)
    acronym = Column(String(16), ForeignKey("missions.acronym"), nullable=False)
    lang = Column(String(2), nullable=False)


class Example(Base):
    __tablename__ = "examples"
    id = Column(String(120), primary_key=True)
    paragraph = Column(Integer, ForeignKey("paragraphs.number"), nullable=False)
    priority_id = Column(String(8), ForeignKey("priorities.id"))
    zh = Column(Text, nullable=False)
    en = Column(Text, nullable=False)


class FactMission(Base):
    """Which missions a statistic or an example is about."""

    __tablename__ = "fact_missions"
    fact_type = Column(String(16), primary_key=True)
    fact_id = Column(String(120), primary_key=True)
    acronym = Column(String(16), ForeignKey("missions.acronym"), primary_key=True)


class Document(Base):
    __tablename__ = "documents"
    symbol = Column(String(80), primary_key=True)
    kind = Column(String(32), nullable=False)
    title_zh = Column(Text, nullable=False)
    title_en = Column(Text, nullable=False)
    what_zh = Column(Text, nullable=False)
    what_en = Column(Text, nullable=False)
    paragraphs = Column(JSON, nullable=False)
    footnotes = Column(JSON, nullable=False)


class DocumentAlias(Base):
    __tablename__ = "document_aliases"
    alias = Column(String(200), primary_key=True)
    symbol = Column(String(80), ForeignKey("documents.symbol"), nullable=False)


class Figure(Base):
    __tablename__ = "figures"
    number = Column(Integer, primary_key=True, autoincrement=False)
    paragraph = Column(Integer, ForeignKey("paragraphs.number"), nullable=False)
    title_zh = Column(Text, nullable=False)
    title_en = Column(Text, nullable=False)
    source_zh = Column(Text, nullable=False)
    source_en = Column(Text, nullable=False)
    notes_zh = Column(Text)
    notes_en = Column(Text)


class Recommendation(Base):
    __tablename__ = "recommendations"
    id = Column(String(120), primary_key=True)
    paragraph = Column(Integer, ForeignKey("paragraphs.number"), nullable=False)
    subheading_zh = Column(Text)
    subheading_en = Column(Text)
    addressee_zh = Column(Text)
    addressee_en = Column(Text)
    zh = Column(Text, nullable=False)
    en = Column(Text, nullable=False)
    keywords = Column(JSON, nullable=False)


class SearchDoc(Base):
    """One searchable fact: its type, id, cited paragraph(s) and token count."""

    __tablename__ = "search_docs"
    key = Column(String(140), primary_key=True)
    fact_type = Column(String(16), nullable=False)
    fact_id = Column(String(120), nullable=False)
    length = Column(Integer, nullable=False)


class SearchTerm(Base):
    """Inverted index: how often a term occurs in a searchable fact."""

    __tablename__ = "search_terms"
    term = Column(String(100), primary_key=True)
    key = Column(String(140), ForeignKey("search_docs.key"), primary_key=True)
    tf = Column(Float, nullable=False)


# Quiz tables. Times are naive UTC; user and chat ids are strings (REST sender ids, Telegram ids).


class FactVector(Base):
    """A fact's sentence vector in one language, made at `facts load`; `digest` is of the text it was made from."""

    __tablename__ = "fact_vectors"
    key = Column(String(140), primary_key=True)
    lang = Column(String(2), primary_key=True)
    digest = Column(String(64), nullable=False)
    vector = Column(LargeBinary, nullable=False)


class StoreMeta(Base):
    """Facts about the store itself, such as the version of the facts the last load wrote."""

    __tablename__ = "store_meta"
    key = Column(String(40), primary_key=True)
    value = Column(Text, nullable=False)


class QuizSession(Base):
    """One quiz run in a chat: its settings and how far it has got (`position` = item being asked)."""

    __tablename__ = "quiz_sessions"
    id = Column(String(12), primary_key=True)
    mode = Column(String(16), nullable=False)
    channel = Column(String(16), nullable=False)
    chat = Column(Text, nullable=False)
    owner = Column(Text, nullable=False)
    language = Column(String(2), nullable=False)
    topic = Column(String(120))
    size = Column(Integer, nullable=False)
    seconds = Column(Integer)
    state = Column(String(16), nullable=False)
    position = Column(Integer, nullable=False)
    created = Column(DateTime, nullable=False)
    finished = Column(DateTime)
    __table_args__ = (Index("ix_quiz_sessions_chat", "channel", "chat", "state"),)


class QuizItem(Base):
    """A question of a session, planned at the start; `asked_at` is set when it is put to the chat."""

    __tablename__ = "quiz_items"
    id = Column(Integer, primary_key=True)
    session_id = Column(String(12), ForeignKey("quiz_sessions.id", ondelete="CASCADE"), nullable=False)
    position = Column(Integer, nullable=False)
    question_id = Column(String(120), nullable=False)
    poll_id = Column(String(64))
    message_id = Column(BigInteger)
    asked_at = Column(DateTime)
    closed = Column(Boolean, nullable=False)
    __table_args__ = (
        UniqueConstraint("session_id", "position", name="uq_quiz_items_session_position"),
        UniqueConstraint("poll_id", name="uq_quiz_items_poll"),
    )


class QuizAnswer(Base):
    """A user's answer to an item; the unique key makes the first answer the only one that counts."""

    __tablename__ = "quiz_answers"
    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey("quiz_items.id", ondelete="CASCADE"), nullable=False)
    user_id = Column(Text, nullable=False)
    name = Column(Text, nullable=False)
    choice = Column(Integer, nullable=False)
    correct = Column(Boolean, nullable=False)
    answered_at = Column(DateTime, nullable=False)
    __table_args__ = (UniqueConstraint("item_id", "user_id", name="uq_quiz_answers_item_user"),)


class LeitnerCard(Base):
    """A user's spaced-repetition box for one question; `misses` counts wrong answers ever given."""

    __tablename__ = "leitner_cards"
    user_id = Column(Text, primary_key=True)
    question_id = Column(String(120), primary_key=True)
    box = Column(Integer, nullable=False)
    due = Column(DateTime, nullable=False)
    misses = Column(Integer, nullable=False)
    last_correct = Column(Boolean, nullable=False)
    updated = Column(DateTime, nullable=False)
    __table_args__ = (CheckConstraint("box BETWEEN 1 AND 5", name="ck_leitner_cards_box"),)


class ClassQuizRow(Base):
    """A trainer's class quiz, joined by its code; its questions and answers are those of its quiz session.
    `position` and `question_started_at` are the live question; `version` goes up with every change, so that a
    process that shows the quiz (the dashboard, the Telegram bridge) sees another process's changes."""

    __tablename__ = "class_quizzes"
    code = Column(String(6), primary_key=True)
    session_id = Column(String(12), ForeignKey("quiz_sessions.id", ondelete="CASCADE"), nullable=False, unique=True)
    live = Column(Boolean, nullable=False)
    seconds = Column(Integer, nullable=False)
    deadline = Column(DateTime)
    language = Column(String(4), nullable=False)
    difficulty = Column(String(8), nullable=False)
    state = Column(String(16), nullable=False)
    position = Column(Integer, nullable=False)
    question_started_at = Column(DateTime)
    version = Column(Integer, nullable=False)
    created = Column(DateTime, nullable=False)
    __table_args__ = (
        CheckConstraint("state IN ('waiting', 'running', 'finished')", name="ck_class_quizzes_state"),
        CheckConstraint("language IN ('zh', 'en', 'both')", name="ck_class_quizzes_language"),
        Index("ix_class_quizzes_state", "state"),
    )


class ClassMember(Base):
    """A trainee in a class quiz: where they joined from, the language they answer in, and (self-paced) the
    question they are at; `pushed` is what the Telegram bridge last sent them ("q3", "t3": time up on 3, "end")."""

    __tablename__ = "class_members"
    id = Column(Integer, primary_key=True)
    code = Column(String(6), ForeignKey("class_quizzes.code", ondelete="CASCADE"), nullable=False)
    user_id = Column(Text, nullable=False)
    channel = Column(String(16), nullable=False)
    name = Column(Text, nullable=False)
    language = Column(String(2), nullable=False)
    joined_at = Column(DateTime, nullable=False)
    position = Column(Integer, nullable=False)
    pushed = Column(String(16))
    __table_args__ = (
        UniqueConstraint("code", "user_id", name="uq_class_members_code_user"),
        Index("ix_class_members_user", "user_id"),
    )
