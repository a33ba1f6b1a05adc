from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
try:
    SessionFactory = sessionmaker(engine, execution_options={"isolation_level": "SERIALIZABLE"})
    with SessionFactory() as session:
        print(session.execute(text("SELECT 1")).scalar(), session.connection().get_isolation_level())
except TypeError as exc:
    print("TypeError:", str(exc).split(": ")[-1])
    '''
    TypeError:
    Session.__init__() got an unexpected keyword argument 'execution_options'
    '''
print(hasattr(Session, "close_all"))
#> True
