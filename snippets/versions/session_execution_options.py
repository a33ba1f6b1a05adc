# needs: sqlite+pysqlite
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession, close_all_sessions
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
try:
    SessionFactory = sessionmaker(engine, execution_options={"isolation_level": "SERIALIZABLE"})
    with SessionFactory() as session:
        print(session.execute(text("SELECT 1")).scalar(), session.connection().get_isolation_level())
        #> 1 SERIALIZABLE
except TypeError as exc:
    print("TypeError:", str(exc).split(": ")[-1])
print(hasattr(Session, "close_all"))
#> False
print(hasattr(AsyncSession, "close_all"), close_all_sessions.__module__)  # deprecated, still there
#> True sqlalchemy.ext.asyncio.session
