import java.sql.*;
import javax.persistence.EntityManager;

public class SafeRepository {
    private static final String TABLE = "patient";
    private static final String COLUMNS = "id, given_name, family_name";
    private Connection connection;
    private EntityManager em;

    ResultSet byMrn(String mrn) throws SQLException {
        // the hardened twin: a bind parameter
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM patient WHERE mrn = ?");
        ps.setString(1, mrn);
        return ps.executeQuery();
    }

    ResultSet constants() throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE active = 1";
        return connection.createStatement().executeQuery(sql);
    }

    java.util.List<?> named(String status) {
        return em.createQuery("SELECT e FROM Encounter e WHERE e.status = :status").setParameter("status", status).getResultList();
    }

    void notSql(String name) throws Exception {
        // string building that is not SQL, and a query call given a constant
        Process p = Runtime.getRuntime().exec(new String[] {"ls", "-l"});
        executor.execute("job-" + name);
        cache.query("patient-" + name);
        // stmt.executeQuery("SELECT * FROM t WHERE id = " + name) is a comment
        String message = "SELECT the patient from the list: " + name;
        log.info(message);
    }

    ResultSet builtFromConstants() throws SQLException {
        StringBuilder sb = new StringBuilder("SELECT * FROM ");
        sb.append(TABLE).append(" WHERE active = 1");
        return connection.createStatement().executeQuery(sb.toString());
    }

    // numbers, dates and id lists cannot carry SQL syntax
    ResultSet paged(Integer limit, java.util.Collection<Encounter> encounters) throws SQLException {
        String filter = "";
        if (encounters != null) filter = " AND encounter_id in (" + commaSeparatedEncounterIds(encounters) + ")";
        String sql = "SELECT * FROM obs WHERE voided = 0" + filter;
        return connection.createStatement().executeQuery(sql + " limit " + limit);
    }
}
