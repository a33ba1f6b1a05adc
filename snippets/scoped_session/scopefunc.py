# needs: nothing (runs in a browser)
from contextvars import Context, ContextVar

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

request_id = ContextVar("request_id")
engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory, scopefunc=request_id.get)  # (1)!

request_id.set("req-1")
s1 = ScopedSession()
print(s1 is ScopedSession())
#> True

request_id.set("req-2")
s2 = ScopedSession()
print(s1 is s2)  # (2)!
#> False
print(sorted(ScopedSession.registry.registry))  # (3)!
#> ['req-1', 'req-2']

ScopedSession.remove()  # (4)!
print(sorted(ScopedSession.registry.registry))
#> ['req-1']
request_id.set("req-1")
ScopedSession.remove()
print(sorted(ScopedSession.registry.registry))
#> []

try:
    Context().run(ScopedSession)  # (5)!
except LookupError as exc:
    print(type(exc).__name__)
    #> LookupError

engine.dispose()
