import java.sql.*;
import java.util.*;
import javax.persistence.EntityManager;
import javax.servlet.http.HttpServletRequest;

// The twins of good-helpers.java: a private helper or a criteria list fed one value that is not constant.
public class UserSearch {
    private EntityManager em;

    public List<?> byPrefix(HttpServletRequest request) {
        return search(request.getParameter("select"));
    }

    public List<?> byConstant() {
        return search("select u from User u ");
    }

    private List<?> search(String selectStart) {
        StringBuilder hql = new StringBuilder(selectStart);
        hql.append("where u.retired = false");
        // expect: JAVA020
        return em.createQuery(hql.toString()).getResultList();
    }

    public List<?> filtered(String sortColumn) {
        List<String> criteria = new ArrayList<>();
        criteria.add("u.retired = false");
        criteria.add("u.username like :name order by " + sortColumn);
        StringBuilder hql = new StringBuilder("select u from User u where ");
        for (Iterator<String> i = criteria.iterator(); i.hasNext();) {
            hql.append(i.next()).append(" and ");
        }
        // expect: JAVA020
        return em.createQuery(hql.toString()).getResultList();
    }

    public ResultSet byNames(Connection connection, List<String> names) throws SQLException {
        String joined = String.join("','", names);
        // expect: JAVA020
        return connection.createStatement().executeQuery("SELECT * FROM patient WHERE family_name IN ('" + joined + "')");
    }
}

// The same loop outside a migration: the table names are whatever the caller set.
class TableMaintenance {
    private String[] tableNames;

    public void execute(Connection connection) throws Exception {
        for (String table : tableNames) {
            // expect: JAVA020
            connection.createStatement().executeUpdate("UPDATE " + table + " SET uuid = uuid() WHERE uuid IS NULL");
        }
    }
}
