# needs: nothing
import threading

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)
seen = {}


def worker(name):
    first = ScopedSession()
    seen[name] = (first, first is ScopedSession())  # (1)!
    ScopedSession.remove()  # (2)!


threads = [threading.Thread(target=worker, args=(name,)) for name in ("t1", "t2")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(seen["t1"][1], seen["t2"][1])  # (3)!
#> True True
print(seen["t1"][0] is seen["t2"][0])  # (4)!
#> False
print(ScopedSession.registry.has())  # (5)!
#> False
print(ScopedSession() is seen["t1"][0])  # (6)!
#> False

ScopedSession.remove()
engine.dispose()
