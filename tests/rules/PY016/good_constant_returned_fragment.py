"""Hard negative: the WHERE fragment comes from the module's own helper, which builds it from
literals only; every value is a bound parameter (the Frappe report pattern)."""
import frappe


def get_data(filters):
    conditions, values = get_conditions(filters)
    return frappe.db.sql(
        """
        SELECT parent.patient, child.drug, child.dosage
        FROM `tabMedication Order` parent
        INNER JOIN `tabMedication Order Entry` child ON child.parent = parent.name
        WHERE parent.docstatus = 1 {0}
        """.format(conditions),
        values,
        as_dict=1,
    )


def order_clause(filters):
    return "ORDER BY child.date DESC" if filters.get("latest") else "ORDER BY child.date"


def get_sorted(filters):
    return frappe.db.sql("SELECT child.drug FROM `tabMedication Order Entry` child {0}".format(order_clause(filters)))


def get_conditions(filters):
    conditions = ""
    values = dict()
    if filters.get("company"):
        conditions += " AND parent.company = %(company)s"
        values["company"] = filters.get("company")
    if filters.get("patient"):
        conditions += " AND parent.patient = %(patient)s"
        values["patient"] = filters.get("patient")
    return conditions, values
