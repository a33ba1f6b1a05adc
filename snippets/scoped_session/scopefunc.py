from contextvars import Context, ContextVar

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

request_id = ContextVar("request_id")
engine = create_engine("sqlite://")
Session = scoped_session(sessionmaker(engine), scopefunc=request_id.get)  # (1)!

request_id.set("req-1")
s1 = Session()
print(s1 is Session())
#> True

request_id.set("req-2")
s2 = Session()
print(s1 is s2)  # (2)!
#> False
print(sorted(Session.registry.registry))  # (3)!
#> ['req-1', 'req-2']

Session.remove()  # (4)!
print(sorted(Session.registry.registry))
#> ['req-1']
request_id.set("req-1")
Session.remove()
print(sorted(Session.registry.registry))
#> []

try:
    Context().run(Session)  # (5)!
except LookupError as exc:
    print(type(exc).__name__)
    #> LookupError

engine.dispose()
