# needs: nothing
from importlib.metadata import requires

import psycopg2
from sqlalchemy import make_url

for spelling in ("postgresql", "postgresql+psycopg2", "postgresql+psycopg"):
    print(f"{spelling}:// loads", make_url(f"{spelling}://app@db.example.com/shop").get_dialect().driver)
    #> postgresql:// loads psycopg2
    #> postgresql+psycopg2:// loads psycopg2
    #> postgresql+psycopg:// loads psycopg
for requirement in requires("sqlalchemy"):
    package, _, marker = requirement.partition("; ")
    extra = marker.partition('extra == "')[2].rstrip('"')
    if package.split(">")[0] in ("psycopg2", "psycopg2-binary"):
        print(f"pip install sqlalchemy[{extra}] installs {package}")
        #> pip install sqlalchemy[postgresql] installs psycopg2>=2.7
        #> pip install sqlalchemy[postgresql-psycopg2binary] installs psycopg2-binary
print("psycopg2", psycopg2.__version__.split()[0], "with libpq", psycopg2.__libpq_version__)
#> psycopg2 2.9.13 with libpq 170011
