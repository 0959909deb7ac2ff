"""A query helper whose table-name parameter is a literal at every call in the module."""
from django.db import connection


def products_covering(element_id, insuree_id, item_or_service):
    sql = f"""
        SELECT p.ProdID FROM tblProduct p
        INNER JOIN tblProduct{item_or_service}s ps ON ps.ProdID = p.ProdID
        WHERE ps.{item_or_service}ID = %s AND p.InsureeID = %s
    """
    cursor = connection.cursor()
    cursor.execute(sql, [element_id, insuree_id])
    return cursor


def item_products(item, insuree_id):
    return products_covering(item.id, insuree_id, "Item")


def service_products(service, insuree_id):
    return products_covering(service.id, insuree_id, item_or_service="Service")
