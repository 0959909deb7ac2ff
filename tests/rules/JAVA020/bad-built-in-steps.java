package org.example.lab;

import javax.servlet.http.HttpServletRequest;
import org.hibernate.Session;

// Built in steps, but one step appends the request's own text.
public class OrderSortDAO {
    public List<?> search(Session session, HttpServletRequest request) {
        String sql = "from ElectronicOrder eo order by ";
        sql = sql + request.getParameter("sort");
        // expect: JAVA020
        return session.createQuery(sql).list();
    }
}
