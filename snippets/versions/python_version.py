from importlib.metadata import metadata

print(metadata("sqlalchemy")["Requires-Python"])
#> >=3.11
