import java.sql.*;
import java.util.*;
import javax.persistence.EntityManager;
import org.apache.commons.lang.StringUtils;

// Hard negatives: SQL text assembled only from constants, numbers and bind parameters, across a
// private helper, a list of criteria and a joined id list.
public class UserSearch {
    private EntityManager em;

    public List<?> users(boolean includeRetired) {
        String selectStart = "select distinct u from User as u ";
        return search(selectStart, includeRetired, "");
    }

    public List<?> count(boolean includeRetired) {
        return search("select count(u) from User as u ", includeRetired, "");
    }

    // private: only this class calls it, and every call passes constant text
    private List<?> search(String selectStart, boolean includeRetired, String suffix) {
        List<String> criteria = new ArrayList<>();
        int counter = 0;
        String key = "name" + ++counter;
        criteria.add("(u.username like :" + key + " or u.systemId like :" + key + ")");
        if (!includeRetired) {
            criteria.add("u.retired = false");
        }
        StringBuilder hql = new StringBuilder(selectStart);
        hql.append("where u.uuid != :daemon ");
        for (Iterator<String> i = criteria.iterator(); i.hasNext();) {
            hql.append("and ").append(i.next()).append(" ");
        }
        for (String c : criteria) {
            hql.append("or ").append(c);
        }
        hql.append(suffix);
        return em.createQuery(hql.toString()).setParameter(key, "x%").getResultList();
    }

    public List<?> attributes(List<Integer> patientIds, String attributeName) {
        String ids = StringUtils.join(patientIds, ",");
        return em.createNativeQuery("SELECT p.patient_id FROM patient p WHERE p.patient_id in (" + ids + ") AND p.name = :name")
            .setParameter("name", attributeName).getResultList();
    }
}

// A Liquibase custom change: its table names come from the committed changelog, run at deployment.
class GenerateIds implements liquibase.change.custom.CustomTaskChange {
    private String[] tableNames;

    public void execute(Database database) throws Exception {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        for (String table : tableNames) {
            connection.createStatement().executeUpdate("UPDATE " + table + " SET uuid = uuid() WHERE uuid IS NULL");
        }
    }
}
