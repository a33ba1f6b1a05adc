from importlib.metadata import requires

import sqlalchemy

print(sqlalchemy.__version__)
#> 2.1.9
print([r.split(";")[0] for r in requires("sqlalchemy") if "extra ==" not in r])  # installed by default
#> ['typing-extensions>=4.6.0']
print([r.split(";")[0] for r in requires("sqlalchemy") if r.endswith('extra == "asyncio"')])
#> ['greenlet>=1']
