# needs: nothing (runs in a browser)
from importlib.metadata import metadata

print(metadata("sqlalchemy")["Requires-Python"])
#> >=3.7
