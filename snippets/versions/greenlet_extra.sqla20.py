# needs: nothing (runs in a browser)
from importlib.metadata import requires

import sqlalchemy

print(sqlalchemy.__version__)
#> 2.0.58
default = [r for r in requires("sqlalchemy") if "extra ==" not in r]  # what `pip install sqlalchemy` considers
print([r for r in default if ";" not in r])  # on every Python and platform
#> ['typing-extensions>=4.6.0']
conditional = {r.split(";")[0]: r.split(";")[1].strip() for r in default if ";" in r}
print({name: marker.split()[0] for name, marker in conditional.items()})  # what each one depends on
#> {'importlib-metadata': 'python_version', 'greenlet>=1': 'platform_machine'}
print(conditional.get("importlib-metadata"))
#> python_version < "3.8"
print([r.split(";")[0] for r in requires("sqlalchemy") if r.endswith('extra == "asyncio"')])
#> ['greenlet>=1']
