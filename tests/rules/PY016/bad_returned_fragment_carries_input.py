"""The module's own helper returns a fragment that interpolates the caller's input."""
import frappe


def get_data(filters):
    conditions, values = get_conditions(filters)
    # expect: PY016
    return frappe.db.sql("SELECT name FROM `tabPatient` WHERE docstatus = 1 {0}".format(conditions), values)


def get_conditions(filters):
    conditions = ""
    if filters.get("patient"):
        conditions += " AND name = '%s'" % filters.get("patient")
    return conditions, {}
