"""The same helper, but one caller passes request data: the parameter is input."""
from django.db import connection


def products_covering(element_id, item_or_service):
    # expect: PY016
    sql = f"SELECT p.ProdID FROM tblProduct{item_or_service}s p WHERE p.{item_or_service}ID = %s"
    cursor = connection.cursor()
    cursor.execute(sql, [element_id])
    return cursor


def item_products(item):
    return products_covering(item.id, "Item")


def products_for_request(request):
    return products_covering(request.GET["id"], request.GET["kind"])
