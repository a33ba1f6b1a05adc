# needs: mysql+pymysql
import os

from sqlalchemy import create_engine, make_url, text

for scheme in ("mysql", "mariadb", "mysql+pymysql"):
    dialect = make_url(f"{scheme}://user:password@host/shop").get_dialect()  # (1)!
    print(f"{scheme + '://':17} dialect {dialect.name}, driver {dialect.driver}")
    #> mysql://          dialect mysql, driver mysqldb
    #> mariadb://        dialect mariadb, driver mysqldb
    #> mysql+pymysql://  dialect mysql, driver pymysql

url = make_url(os.environ["MARIADB_URL"])
try:
    create_engine(url.set(drivername="mysql"))  # (2)!
except ModuleNotFoundError as error:
    print(type(error).__name__, "|", error)
    #> ModuleNotFoundError | No module named 'MySQLdb'

engine = create_engine(url)  # (3)!
with engine.connect() as conn:
    print(conn.dialect.driver, conn.dialect.is_mariadb, conn.dialect.server_version_info[:2])
    #> pymysql True (10, 11)
    print(conn.scalar(text("select @@character_set_connection")))  # (4)!
    #> utf8mb4
engine.dispose()
