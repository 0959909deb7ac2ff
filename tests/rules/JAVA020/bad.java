import java.sql.*;
import javax.persistence.EntityManager;
import javax.servlet.http.HttpServletRequest;

public class PatientRepository {
    private Connection connection;
    private EntityManager em;

    ResultSet byMrn(HttpServletRequest request) throws SQLException {
        Statement stmt = connection.createStatement();
        // expect: JAVA020
        return stmt.executeQuery("SELECT * FROM patient WHERE mrn = '" + request.getParameter("mrn") + "'");
    }

    ResultSet byName(String name) throws SQLException {
        String sql = "SELECT id, given_name FROM patient WHERE family_name = '" + name + "'";
        // expect: JAVA020
        PreparedStatement ps = connection.prepareStatement(sql);
        return ps.executeQuery();
    }

    void deleteVisit(String visitId) throws SQLException {
        // expect: JAVA020
        connection.createStatement().executeUpdate(String.format("DELETE FROM visit WHERE id = %s", visitId));
    }

    java.util.List<?> search(String ward, String order) {
        // expect: JAVA020
        return em.createNativeQuery("select * from admission where ward = '" + ward + "' order by " + order).getResultList();
    }

    java.util.List<?> jpql(String status) {
        String q = "SELECT e FROM Encounter e WHERE e.status = ";
        q += status;
        // expect: JAVA020
        return em.createQuery(q).getResultList();
    }

    ResultSet built(String mrn) throws SQLException {
        StringBuilder sb = new StringBuilder("SELECT * FROM lab_result");
        sb.append(" WHERE patient_mrn = '").append(mrn).append("'");
        // expect: JAVA020
        return connection.createStatement().executeQuery(sb.toString());
    }

    ResultSet textBlock(String id) throws SQLException {
        // expect: JAVA020
        return connection.createStatement().executeQuery("""
            SELECT * FROM observation WHERE id = %s""".formatted(id));
    }
}
