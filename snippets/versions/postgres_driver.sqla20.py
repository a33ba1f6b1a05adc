# needs: nothing (runs in a browser)
from importlib.metadata import requires

from sqlalchemy import make_url

url = make_url("postgresql://app@db.example.com/app")
print(url.get_dialect().driver)
#> psycopg2
print(make_url("postgresql+psycopg2://app@db.example.com/app").get_dialect().driver)
#> psycopg2
print([r.split(";")[0] for r in requires("sqlalchemy") if r.endswith('extra == "postgresql"')])  # pip install "sqlalchemy[postgresql]"
#> ['psycopg2>=2.7']
