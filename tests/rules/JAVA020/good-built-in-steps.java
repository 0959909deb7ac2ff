package org.example.lab;

import org.hibernate.Session;
import org.hibernate.query.Query;

// HQL assembled in steps from constant text: an ORDER BY picked in a switch, a quoted constant.
public class OrderSearchDAO extends BaseDAO {
    private static final String YES = "Y";

    public List<Order> search(Session session, SortOrder order, String searchValue) {
        String sql = "from ElectronicOrder eo where eo.patient.nationalId like :searchValue order by ";
        switch (order.getValue()) {
        case "statusId":
            sql = sql + "eo.statusId asc";
            break;
        case "lastupdated":
            sql = sql + "eo.lastupdated desc";
            break;
        default:
            break;
        }
        Query<Order> query = session.createQuery(sql, Order.class);
        query.setParameter("searchValue", searchValue);
        return query.list();
    }

    public boolean inUse(Session session, Dictionary dictionary) {
        String hql = "from TestResult tr where tr.value = :param and tr.test.isActive = " + enquote(YES);
        Query<?> query = session.createQuery(hql);
        query.setParameter("param", dictionary.getId());
        return !query.list().isEmpty();
    }
}
