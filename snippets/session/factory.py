# needs: nothing (runs in a browser)
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class AuditedSession(Session):
    pass


engine = create_engine("sqlite://")
audit_engine = create_engine("sqlite://")

SessionFactory = sessionmaker(  # (1)!
    engine,
    class_=AuditedSession,
    expire_on_commit=False,
    info={"app": "shop", "roles": []},
)

first, second = SessionFactory(), SessionFactory()  # (2)!
print(first is second, type(first) is AuditedSession, isinstance(first, AuditedSession))
#> False False True
print(first.expire_on_commit, first.autoflush, first.info)
#> False True {'app': 'shop', 'roles': []}
first.info["user"] = "kim"  # (3)!
first.info["roles"].append("admin")
print(second.info)
#> {'app': 'shop', 'roles': ['admin']}

with SessionFactory(autoflush=False, info={"user": "lee"}) as override:  # (4)!
    print(override.autoflush, override.info)
    #> False {'app': 'shop', 'roles': ['admin'], 'user': 'lee'}

SessionFactory.configure(binds={User: audit_engine})  # (5)!
with SessionFactory() as third:
    print(third.get_bind(User) is audit_engine, third.get_bind() is engine)
    #> True True

for session in (first, second):
    session.close()
engine.dispose()
audit_engine.dispose()
