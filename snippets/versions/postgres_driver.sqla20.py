from sqlalchemy import make_url

url = make_url("postgresql://app@db.example.com/app")
print(url.get_dialect().driver)
#> psycopg2
