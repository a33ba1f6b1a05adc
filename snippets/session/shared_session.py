# needs: sqlite+pysqlite
import threading

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///shared.db")  # a file: each thread checks out its own connection
inside_checkout = threading.Event()
second_thread_done = threading.Event()


@event.listens_for(engine, "checkout")
def hold_the_checkout(dbapi_connection, record, proxy):  # (1)!
    inside_checkout.set()
    second_thread_done.wait(timeout=5)


shared = Session(engine)  # (2)!
results = {}


def work(name):
    try:
        shared.execute(text("SELECT 1"))
        results[name] = "ok"
    except InvalidRequestError as exc:
        results[name] = f"{type(exc).__name__}: {exc}"
    finally:
        if name == "second":
            second_thread_done.set()


first = threading.Thread(target=work, args=("first",))
first.start()
inside_checkout.wait(timeout=5)  # (3)!
second = threading.Thread(target=work, args=("second",))
second.start()
second.join(timeout=5)
first.join(timeout=5)

print("first thread:", results["first"])
#> first thread: ok
print("second thread:", results["second"])
'''
second thread:
InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
'''
shared.close()
engine.dispose()
