# needs: nothing
from importlib.metadata import version

import sqlalchemy

print(sqlalchemy.__version__)
#> 2.0.58
for package in ["flask", "flask-sqlalchemy", "fastapi", "aiosqlite", "greenlet", "psycopg", "asyncpg"]:
    print(f"{package}=={version(package)}")
    #> flask==3.1.3
    #> flask-sqlalchemy==3.1.1
    #> fastapi==0.163.2
    #> aiosqlite==0.22.1
    #> greenlet==3.5.6
    #> psycopg==3.3.9
    #> asyncpg==0.32.0
