from importlib.metadata import requires

import sqlalchemy

print(sqlalchemy.__version__)
#> 2.0.58
print([r.split(";")[0] for r in requires("sqlalchemy") if "extra ==" not in r])  # installed by default
#> ['importlib-metadata', 'greenlet>=1', 'typing-extensions>=4.6.0']
print([r.split(";")[0] for r in requires("sqlalchemy") if r.endswith('extra == "asyncio"')])
#> ['greenlet>=1']
